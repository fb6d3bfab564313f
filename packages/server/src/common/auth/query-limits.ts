import { perDocumentCache } from '../per-document-cache';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { QueryLimits } from '../../config';

/** How many items a list field is assumed to return when the query does not say (first/last). */
const DEFAULT_LIST_SIZE = 20;

function tooExpensive(code: string, message: string, details: Record<string, number>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 }, ...details } });
}

interface Walk {
  schema: GraphQLSchema;
  /** Larger pages are refused by the field itself, with a clearer error; count them at the maximum. */
  maxPageSize: number;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Parent = GraphQLNamedType | undefined;

/** The fields selected on `parent`, with fragments flattened (each with the type it is read on). */
function fieldsOf(selectionSet: SelectionSetNode, parent: Parent, walk: Walk, seen = new Set<string>()): Array<[FieldNode, Parent]> {
  return selectionSet.selections.flatMap((selection): Array<[FieldNode, Parent]> => {
    if (selection.kind === Kind.FIELD) return [[selection, parent]];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) ?? parent : parent;
      return fieldsOf(selection.selectionSet, on, walk, seen);
    }
    const name = selection.name.value;
    const fragment = walk.fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    return fieldsOf(fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value) ?? parent, walk, new Set([...seen, name]));
  });
}

/** How many times a field's selection is resolved per parent: the page size of a connection, a guess for other lists, else 1. */
function multiplierOf(field: FieldNode, parent: Parent, walk: Walk): { multiplier: number; type: Parent } {
  const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
  const type = definition ? getNamedType(definition.type) : undefined;
  if (!definition || parent?.name.endsWith('Connection')) return { multiplier: 1, type };
  if (type?.name.endsWith('Connection')) return { multiplier: Math.min(pageSize(field, walk) ?? DEFAULT_LIST_SIZE, walk.maxPageSize), type };
  return { multiplier: isListType(getNullableType(definition.type)) ? DEFAULT_LIST_SIZE : 1, type };
}

/** `first`/`last` of a field (literal or variable), the page size its children are multiplied by. */
function pageSize(field: FieldNode, walk: Walk): number | null {
  for (const arg of field.arguments ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    if (arg.value.kind === Kind.INT) return Number(arg.value.value);
    if (arg.value.kind === Kind.VARIABLE) {
      const value = walk.variables[arg.value.name.value];
      if (typeof value === 'number') return value;
    }
  }
  return null;
}

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
}

function measure(selectionSet: SelectionSetNode, parent: Parent, walk: Walk): Measure {
  let depth = 0;
  let cost = 0;
  let aliases = 0;
  for (const [field, on] of fieldsOf(selectionSet, parent, walk)) {
    // Introspection is bounded by the schema itself; IDEs send a 14-level schema query.
    if (field.name.value.startsWith('__')) continue;
    if (field.alias) aliases += 1;
    if (!field.selectionSet) {
      cost += 1;
      continue;
    }
    const { multiplier, type } = multiplierOf(field, on, walk);
    const inner = measure(field.selectionSet, type, walk);
    depth = Math.max(depth, inner.depth + 1);
    cost += 1 + multiplier * inner.cost;
    aliases += inner.aliases;
  }
  return { depth, cost, aliases };
}

/** An operation's measure depends only on it and its variables: a repeated query is walked once. */
const measured = perDocumentCache<OperationDefinitionNode, Measure>();

/**
 * Refuses operations over the configured depth, estimated cost (list sizes multiply the cost of
 * what they contain) or alias count, before any resolver runs.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  limits: QueryLimits,
  maxPageSize: number,
): void {
  const { depth, cost, aliases } = measured(operation, `${maxPageSize}:${JSON.stringify(variables)}`, () => {
    const walk: Walk = { schema, maxPageSize, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables };
    return measure(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, walk);
  });
  if (depth > limits.maxDepth) {
    throw tooExpensive('QUERY_TOO_DEEP', `查询嵌套深度 ${depth} 超过上限 ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
  }
  if (aliases > limits.maxAliases) {
    throw tooExpensive('TOO_MANY_ALIASES', `查询别名数 ${aliases} 超过上限 ${limits.maxAliases}`, { aliases, maxAliases: limits.maxAliases });
  }
  if (cost > limits.maxCost) {
    throw tooExpensive('QUERY_TOO_COMPLEX', `查询估算代价 ${cost} 超过上限 ${limits.maxCost}，请减少分页大小或嵌套层级`, {
      cost,
      maxCost: limits.maxCost,
    });
  }
}
