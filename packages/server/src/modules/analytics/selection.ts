import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { FactArgs, FactDefinition, Measure } from './fact';

/** Sub-fields selected under some field nodes, by field name (aliases merged), with their own nodes for deeper walks. */
export type SelectedFields = Map<string, FieldNode[]>;

function included(node: FieldNode | { directives?: FieldNode['directives'] }, info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}

function collect(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: SelectedFields, seen: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      into.set(name, [...(into.get(name) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      // The statistics types are object types, so every type condition that validated applies.
      collect(selection.selectionSet, info, into, seen);
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      collect(info.fragments[name]?.selectionSet, info, into, new Set([...seen, name]));
    }
  }
}

/**
 * The fields selected under the given nodes of one response key. GraphQL merges every node with the
 * same response key into one resolver call, so all of `nodes` count; fragments are expanded and
 * `@skip`/`@include` honoured, so we never compute less than the response needs.
 */
export function selectedFields(nodes: readonly FieldNode[], info: GraphQLResolveInfo): SelectedFields {
  const fields: SelectedFields = new Map();
  for (const node of nodes) collect(node.selectionSet, info, fields, new Set());
  return fields;
}

/** What a statistics field's response reads, so the SQL computes nothing else. */
export interface StatisticsSelection {
  total: boolean;
  groups: boolean;
  groupCount: boolean;
  /** Fields of the measures to compute, in the fact's order. */
  measures: string[];
}

const hasBound = (range: { min?: unknown; max?: unknown } | null | undefined) =>
  (range?.min !== null && range?.min !== undefined) || (range?.max !== null && range?.max !== undefined);

/**
 * The parts of `{ total groups groupCount }` the query selects, and the measures they need: those
 * selected under `total` or `groups`, plus those `having` and `orderBy` rank or filter groups by
 * (when groups are formed at all), which shape the answer without being in it.
 */
export function statisticsSelection(fact: FactDefinition, args: FactArgs, info: GraphQLResolveInfo): StatisticsSelection {
  const fields = selectedFields(info.fieldNodes, info);
  const total = fields.has('total');
  const groups = fields.has('groups');
  const groupCount = fields.has('groupCount');
  const wanted = new Set<string>();
  for (const part of ['total', 'groups'] as const) {
    for (const name of selectedFields(fields.get(part) ?? [], info).keys()) wanted.add(name);
  }
  if (groups || groupCount) {
    for (const m of fact.measures) if (hasBound(args.having?.[m.field])) wanted.add(m.field);
  }
  if (groups) {
    for (const { field } of args.orderBy ?? []) {
      const m = fact.measures.find((candidate) => candidate.name === field);
      if (m) wanted.add(m.field);
    }
  }
  return { total, groups, groupCount, measures: fact.measures.filter((m) => wanted.has(m.field)).map((m) => m.field) };
}

/** The measures of a time series point the query selects. */
export function selectedMeasures(fact: FactDefinition, info: GraphQLResolveInfo): Measure[] {
  const fields = selectedFields(info.fieldNodes, info);
  return fact.measures.filter((m) => fields.has(m.field));
}
