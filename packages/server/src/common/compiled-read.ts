import { ReferenceKind, type EntityMetadata, type EntityProperty, type Knex } from '@mikro-orm/postgresql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { GraphQLContext } from './context';
import { partitionedBase, scopedTable, type Partition } from './filters';
import { fromGlobalIdOf } from './global-id';
import { currentScopePath } from './request-scope';
import { numberedStatement, pooledQuery } from './pooled-query';
import { breaksRules } from './validation';
import { perDocumentCache } from './per-document-cache';
import { can } from './auth/viewer';
import { logger } from '../observability/logger';
import { compiledReads } from '../observability/metrics';
import { keysetCondition, literal, pageWindow, quote, type ConnectionSource, type PageArgs, type PageLimits } from './pagination';
import type { SqlFragment } from './row-plan';

/**
 * Compiled reads: a query whose every field has a known SQL form is answered by one SQL statement
 * that builds the whole `data` object as JSON inside PostgreSQL, instead of running a resolver per
 * field and a statement per list level. Profiling showed a list query's time going to per-object
 * work in Node (row parsing, hydration, graphql-js field execution, garbage collection); here
 * PostgreSQL does that work in C and its JSON text goes into the response as it is.
 *
 * The SQL is built from the same parts the resolvers use — connection sources with their filters,
 * orderings and the caller's subtree rule (`partitionedBase`, `scopedTable`), page windows and
 * cursor conditions — so both paths read the same rows. Anything the compiler does not know (a
 * field resolver without an SQL form, sensitive values read in full (logged reads), backward pages,
 * directives) makes the operation run through the resolvers as before, and so do answers the
 * resolvers would turn into errors (a lookup that finds nothing, a required reference outside the
 * caller's subtree, arguments breaking a rule), so errors are always produced in one place.
 * `compiled-read.test.ts` compares both paths field by field.
 */

/** Arguments of a connection field other than the page, e.g. `{ includeDescendants, filter, orderBy }`. */
export type ConnectionFieldArgs = Record<string, unknown>;

type SourceOf = (args: ConnectionFieldArgs) => ConnectionSource<object>;

const connectionSources = new Map<string, SourceOf>();
const lookupEntities = new Map<string, string>();

/** Declares the SQL form of a connection field (see `connectionField` in relations.ts). */
export function compiledConnection<A>(parentType: string, field: string, source: (args: A) => ConnectionSource<object>): void {
  connectionSources.set(`${parentType}.${field}`, source as unknown as SourceOf);
}

/** A plain list field: the rows of `table` for the parent (`partition`), ordered by `orderColumn` then id. */
export interface ListSpec {
  entity: string;
  table: string;
  partition: Partition;
  orderColumn: string;
}

/** A numeric aggregate of each parent's rows of `table` (aliased `b`), optionally narrowed. */
export interface AggregateSpec {
  table: string;
  partition: Partition;
  aggregate: string;
  narrow?: { variant: unknown; apply: (knex: Knex, qb: Knex.QueryBuilder) => void };
}

const listSpecs = new Map<string, ListSpec>();
const aggregateSpecs = new Map<string, (args: Record<string, unknown>) => AggregateSpec>();

/** Declares the SQL form of a plain list field (see `listField` in relations.ts). */
export function compiledList(parentType: string, field: string, spec: ListSpec): void {
  listSpecs.set(`${parentType}.${field}`, spec);
}

/** Declares the SQL form of an aggregate field (see `aggregateField` in relations.ts). */
export function compiledAggregate<A>(parentType: string, field: string, spec: (args: A) => AggregateSpec): void {
  aggregateSpecs.set(`${parentType}.${field}`, spec as unknown as (args: Record<string, unknown>) => AggregateSpec);
}

/** A sensitive column shown masked to callers without the `pii` permission (full values are logged reads, left to the resolvers). */
export interface MaskedSpec {
  column: string;
  /** SQL of the masked value of a non-null text expression. */
  mask: (value: string) => string;
  /** The resolver answers null for an empty value too. */
  emptyIsNull?: boolean;
}

const maskedSpecs = new Map<string, MaskedSpec>();

/** Declares the SQL form of a masked field. */
export function compiledMasked(parentType: string, field: string, spec: MaskedSpec): void {
  maskedSpecs.set(`${parentType}.${field}`, spec);
}

/** Declares a root lookup by global id (`member(id:)`) of an entity. */
export function lookupField(field: string, entity: string): void {
  lookupEntities.set(field, entity);
}

class NotCompilable extends Error {}

const notCompilable = (why: string): never => {
  throw new NotCompilable(why);
};

/** Stands in for an answer the resolvers would turn into an error; finding it in the result means: run the resolvers. */
const FALLBACK = '⟪compiled-read: resolve⟫';
const FALLBACK_JSON = `'"${FALLBACK}"'`;

/**
 * The statement builds the response's JSON as text, written the way JSON.stringify writes it (no
 * spaces): every value expression below is JSON text and never NULL. PostgreSQL's json functions
 * would space it out (`"a" : 1`) and cost more.
 */
const jsonOf = (expression: string) => `coalesce(to_json(${expression})::text, 'null')`;
const jsonBoolean = (condition: string) => `case when ${condition} then 'true' else 'false' end`;
/** A JSON array of the aggregated `element` texts in `order`, `[]` when there are none. */
const jsonArray = (element: SqlFragment, order: string, filter = '') =>
  join([`coalesce('[' || string_agg(`, element, `, ',' order by ${order})${filter} || ']', '[]')`]);

interface Compilation {
  knex: Knex;
  metadata: (entity: string) => EntityMetadata | undefined;
  variables: Record<string, unknown>;
  fragments: Record<string, FragmentDefinitionNode>;
  limits: PageLimits;
  /** Whether the caller sees sensitive values in full (each such read is logged by the resolvers). */
  seesPii: boolean;
  aliases: number;
  /** Columns read from each row alias, so a page subquery carries only those. */
  columns: Map<string, Set<string>>;
}

/** `alias.column`, noting that the query reads `column` of the rows aliased `alias`. */
function columnOf(c: Compilation, alias: string, column: string): string {
  let used = c.columns.get(alias);
  if (!used) c.columns.set(alias, (used = new Set()));
  used.add(column);
  return `${alias}.${quote(column)}`;
}

const sql = (text: string, bindings: unknown[] = []): SqlFragment => ({ sql: text, bindings });

function join(parts: Array<string | SqlFragment>, separator = ''): SqlFragment {
  return {
    sql: parts.map((part) => (typeof part === 'string' ? part : part.sql)).join(separator),
    bindings: parts.flatMap((part) => (typeof part === 'string' ? [] : part.bindings)),
  };
}


/**
 * Response keys in selection order, each with the field nodes merged under it; directives and
 * fragments on another type are NotCompilable.
 */
export function collectFields(
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) notCompilable('directives');
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (fragment.typeCondition && fragment.typeCondition.name.value !== type.name) notCompilable('fragment on another type');
    collectFields(fragments, type, fragment.selectionSet, into);
  }
  return into;
}

/** The JSON object text `{"key":value,…}` over the collected fields of `type`. */
function objectOf(
  c: Compilation,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  valueOf: (name: string, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]) => SqlFragment,
): SqlFragment {
  const fields = new Map<string, FieldNode[]>();
  for (const node of nodes) if (node.selectionSet) collectFields(c.fragments, type, node.selectionSet, fields);
  // Response keys and type names are GraphQL names: nothing in them needs escaping.
  const pairs = [...fields].map(([key, fieldNodes], index) => {
    const name = fieldNodes[0].name.value;
    const prefix = literal(`${index ? ',' : '{'}"${key}":`);
    if (name === '__typename') return sql(`${prefix} || ${literal(`"${type.name}"`)}`);
    const field = type.getFields()[name] ?? notCompilable(`unknown field ${name}`);
    return join([`${prefix} || `, valueOf(name, field, fieldNodes)]);
  });
  return pairs.length ? join(['(', join(pairs, ' || '), " || '}')"]) : sql("'{}'");
}

function argumentsOf(c: Compilation, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  return getArgumentValues(field, node, c.variables);
}

/**
 * A field's arguments as its resolver receives them: input objects (filters, orderings) become
 * instances of their classes, and one that breaks a validation rule is left to the resolver,
 * which reports it.
 */
function resolverArguments(c: Compilation, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  const args = argumentsOf(c, field, node);
  for (const arg of field.args) {
    const type = getNamedType(arg.type);
    if (args[arg.name] == null || !isInputObjectType(type)) continue;
    const instance = inputInstance(type.name, args[arg.name]);
    if ([instance].flat().some((value) => breaksRules(value as object))) notCompilable(`${arg.name} breaks a rule`);
    args[arg.name] = instance;
  }
  return args;
}

interface InputClass {
  target: new () => object;
  /** By GraphQL field name: the class property and, for a nested input object, its type name. */
  fields: Map<string, { property: string; nested?: string }>;
}

const inputClasses = new Map<string, InputClass>();

/** An input type's class and fields, looked up in type-graphql's metadata once (a scan of every field of the schema). */
function inputClass(typeName: string): InputClass {
  let found = inputClasses.get(typeName);
  if (!found) {
    const storage = getMetadataStorage();
    const target = storage.inputTypes.find((type) => type.name === typeName)?.target ?? notCompilable(`input type ${typeName}`);
    const fields = storage.fields.filter((meta) => meta.target === target || target.prototype instanceof meta.target);
    found = {
      target: target as new () => object,
      fields: new Map(fields.map((field) => [field.schemaName, { property: field.name, nested: storage.inputTypes.find((type) => type.target === field.getType())?.name }])),
    };
    inputClasses.set(typeName, found);
  }
  return found;
}

/** Like type-graphql's argument conversion: the class's own defaults, overwritten by the given fields, nested inputs converted too. */
export function inputInstance(typeName: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => inputInstance(typeName, item));
  if (value === null || typeof value !== 'object') return value;
  const { target, fields } = inputClass(typeName);
  const data: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = fields.get(key) ?? notCompilable(`input field ${typeName}.${key}`);
    data[field.property] = field.nested ? inputInstance(field.nested, item) : item;
  }
  return Object.assign(new target(), data);
}

// --- entity rows ----------------------------------------------------------------------------

/** The JSON of an entity row aliased `alias`, as the GraphQL object type `type` with the given selections. */
function entityObject(c: Compilation, type: GraphQLObjectType, alias: string, nodes: readonly FieldNode[]): SqlFragment {
  const meta = c.metadata(type.name) ?? notCompilable(`${type.name} is not an entity`);
  return objectOf(c, type, nodes, (name, field, fieldNodes) => {
    const key = `${type.name}.${name}`;
    const source = connectionSources.get(key);
    if (source) return connectionValue(c, field, fieldNodes, source, columnOf(c, alias, 'id'));
    const list = listSpecs.get(key);
    if (list) return listValue(c, field, fieldNodes, list, columnOf(c, alias, 'id'));
    const aggregate = aggregateSpecs.get(key);
    if (aggregate) return aggregateValue(c, field, fieldNodes, aggregate, columnOf(c, alias, 'id'));
    const masked = maskedSpecs.get(key);
    if (masked) return maskedValue(c, masked, alias);
    const prop = meta.properties[name];
    if (hasFieldResolver(type.name, name)) {
      if (prop?.kind === ReferenceKind.MANY_TO_ONE) return referenceValue(c, field, fieldNodes, prop, alias);
      return notCompilable(`${type.name}.${name} has a resolver`);
    }
    const property = basicFieldProperty(type.name, name);
    if (property === 'globalId') return globalId(type.name, columnOf(c, alias, 'id'));
    const column = meta.properties[property ?? ''] ?? notCompilable(`${type.name}.${name} is not a column`);
    return columnValue(c, column, field.type, alias);
  });
}

/** Global ids are base64url of `Type:id`, without padding (common/global-id.ts). */
function globalId(typeName: string, id: string): SqlFragment {
  return sql(`'"' || rtrim(translate(encode(convert_to(${literal(`${typeName}:`)} || ${id}, 'UTF8'), 'base64'), '+/', '-_'), '=') || '"'`);
}

const columnTypeOf = (prop: EntityProperty) => String(prop.columnTypes[0]).toLowerCase().replace(/\(.*\)$/, '');

/** SQL column types each GraphQL leaf type is known to read, and how it serializes them. */
const LEAVES: Record<string, { columns: string[]; value: (column: string) => string }> = {
  String: { columns: ['text', 'varchar', 'character varying'], value: (column) => column },
  Int: { columns: ['integer', 'int', 'int4', 'smallint'], value: (column) => column },
  // type-graphql types plain `number` properties as Float.
  Float: { columns: ['integer', 'int', 'int4', 'smallint', 'double precision', 'real', 'numeric'], value: (column) => column },
  Boolean: { columns: ['boolean', 'bool'], value: (column) => column },
  // Calendar dates are strings end to end; json renders a date as YYYY-MM-DD.
  Date: { columns: ['date'], value: (column) => column },
  // Date#toISOString: UTC, milliseconds, Z.
  DateTime: { columns: ['timestamptz', 'timestamp with time zone'], value: (column) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
  // formatMoney: integer fen as yuan with exactly two decimals.
  Money: {
    columns: ['bigint', 'int8'],
    value: (column) => `case when ${column} is null then null else case when ${column} < 0 then '-' else '' end || (abs(${column}) / 100)::text || '.' || lpad((abs(${column}) % 100)::text, 2, '0') end`,
  },
};

function columnValue(c: Compilation, prop: EntityProperty, type: GraphQLOutputType, alias: string): SqlFragment {
  if (prop.kind !== ReferenceKind.SCALAR || prop.persist === false) notCompilable(`${prop.name} is not a column`);
  if (prop.nullable && isNonNullType(type)) notCompilable(`${prop.name} may be null`);
  const named = getNullableType(type);
  if (isListType(named)) return notCompilable('list column');
  const column = columnOf(c, alias, prop.fieldNames[0]);
  const columnType = columnTypeOf(prop);
  if (isEnumType(named)) return sql(jsonOf(enumValue(named, column)));
  const leaf = LEAVES[named.name];
  if (!leaf || !leaf.columns.includes(columnType)) return notCompilable(`${named.name} from ${columnType}`);
  return sql(jsonOf(leaf.value(column)));
}

function maskedValue(c: Compilation, spec: MaskedSpec, alias: string): SqlFragment {
  if (c.seesPii) return notCompilable('a full sensitive value is a logged read');
  const column = columnOf(c, alias, spec.column);
  const present = spec.emptyIsNull ? `${column} <> ''` : `${column} is not null`;
  return sql(jsonOf(`case when ${present} then ${spec.mask(column)} end`));
}

/** Enum columns store the internal values; GraphQL answers with the names. */
function enumValue(type: GraphQLEnumType, column: string): string {
  const values = type.getValues();
  if (values.every((value) => value.value === value.name)) return column;
  return `case ${column} ${values.map((value) => `when ${literal(String(value.value))} then ${literal(value.name)}`).join(' ')} end`;
}

/**
 * A many-to-one reference, read through the caller's subtree rule like the by-id loader. Outside
 * the subtree a nullable reference is null and a required one an error (entity-queries.ts).
 */
function referenceValue(c: Compilation, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], prop: EntityProperty, alias: string): SqlFragment {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return notCompilable('reference to an abstract type');
  const target = c.metadata(type.name) ?? notCompilable(`${type.name} is not an entity`);
  const rows = `r${++c.aliases}`;
  const from = scopedTable(c.knex, target.tableName, rows).whereRaw(`??.id = ${columnOf(c, alias, prop.fieldNames[0])}`, [rows]).toSQL();
  const value = join(['(select ', entityObject(c, type, rows, nodes), ` from (${from.sql}) ${rows})`]);
  value.bindings.push(...from.bindings);
  return join(['coalesce(', value, `, ${isNonNullType(field.type) ? FALLBACK_JSON : "'null'"})`]);
}

/** The parent's key as the `keys` of a row query: a reference to the enclosing row, which makes the query correlated. */
const parentKeys = (c: Compilation, parentKey: string) => [c.knex.raw(parentKey)] as unknown as number[];

/** A plain list: the parent's rows through the caller's subtree rule, in the loader's order. */
function listValue(c: Compilation, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], spec: ListSpec, parentKey: string): SqlFragment {
  const type = getNamedType(field.type);
  if (!isObjectType(type) || type.name !== spec.entity) return notCompilable(`list of ${type.name}`);
  const rows = `l${++c.aliases}`;
  const base = partitionedBase(c.knex, spec.table, spec.partition, parentKeys(c, parentKey)).toSQL();
  const order = `${columnOf(c, rows, spec.orderColumn)}, ${columnOf(c, rows, 'id')}`;
  return join(['(select ', jsonArray(entityObject(c, type, rows, nodes), order), ' from (', sql(base.sql, [...base.bindings]), `) ${rows})`]);
}

/** A count (or other integer aggregate) of the parent's rows, 0 when there are none, as the aggregate loader gives it. */
function aggregateValue(
  c: Compilation,
  field: GraphQLField<unknown, unknown>,
  nodes: FieldNode[],
  specOf: (args: Record<string, unknown>) => AggregateSpec,
  parentKey: string,
): SqlFragment {
  if (getNamedType(field.type).name !== 'Int') notCompilable('non-integer aggregate');
  const spec = specOf(resolverArguments(c, field, nodes[0]));
  const inner = partitionedBase(c.knex, spec.table, spec.partition, parentKeys(c, parentKey));
  spec.narrow?.apply(c.knex, inner);
  const query = inner.toSQL();
  return join([`(select coalesce(${spec.aggregate}, 0)::text from (`, sql(query.sql, [...query.bindings]), ') b)']);
}

// --- connections ----------------------------------------------------------------------------

const CONNECTION_FIELDS = new Set(['nodes', 'edges', 'pageInfo', 'totalCount', '__typename']);

/** Column types whose JSON in PostgreSQL is what JSON.stringify writes for the value pg returns (dates come back as strings). */
const CURSOR_COLUMN_TYPES = new Set(['date', 'integer', 'int', 'int4', 'serial', 'smallint', 'text', 'varchar', 'character varying']);

/**
 * The cursor of the row aliased `alias`, byte for byte what `encodeCursor` makes of it:
 * base64url of `{"o":orderKey,"v":[values]}`. Only for orderings over plain columns of the node's table.
 */
function cursorOf(c: Compilation, source: ConnectionSource<object>, meta: EntityMetadata, alias: string): string {
  const values = source.order.map((term) => {
    const prop = meta.props.find((candidate) => candidate.kind === ReferenceKind.SCALAR && candidate.fieldNames?.[0] === term.column);
    if (!prop || !CURSOR_COLUMN_TYPES.has(columnTypeOf(prop))) return notCompilable(`cursor over ${term.column}`);
    return `coalesce(to_json(${columnOf(c, alias, term.column)})::text, 'null')`;
  });
  const json = [literal(`{"o":${JSON.stringify(source.orderKey)},"v":[`), values.join(" || ',' || "), "']}'"].join(' || ');
  // PostgreSQL's base64 breaks lines every 76 characters; base64url has no padding.
  return `rtrim(translate(replace(encode(convert_to(${json}, 'UTF8'), 'base64'), chr(10), ''), '+/', '-_'), '=')`;
}

function connectionValue(c: Compilation, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], sourceOf: SourceOf, parentKey: string | null): SqlFragment {
  const args = resolverArguments(c, field, nodes[0]);
  const page = { first: args.first, after: args.after, last: args.last, before: args.before } as PageArgs;
  if (page.last != null || page.before != null) notCompilable('backward page');
  const source = sourceOf(args);
  const window = pageWindow(page, source.orderKey, source.order.length, c.limits);
  const connectionType = getNamedType(field.type) as GraphQLObjectType;
  const nodeType = getNamedType(connectionType.getFields().nodes.type) as GraphQLObjectType;
  const nodeMeta = c.metadata(nodeType.name) ?? notCompilable(`${nodeType.name} is not an entity`);

  const base = source.base(c.knex, parentKey ? parentKeys(c, parentKey) : [0]).toSQL();
  const rows = `p${++c.aliases}`;
  const order = (alias: string, reversed = false) =>
    source.order.map((term) => `${alias}.${quote(term.column)} ${(term.direction === 'asc') === reversed ? 'desc' : 'asc'}`).join(', ');
  const inWindow = window.after ? keysetCondition(source.order, window.after, true) : sql('true');

  const selections = new Map<string, FieldNode[]>();
  for (const node of nodes) if (node.selectionSet) collectFields(c.fragments, connectionType, node.selectionSet, selections);
  const selected = new Set([...selections.values()].map((fieldNodes) => fieldNodes[0].name.value));
  for (const name of selected) if (!CONNECTION_FIELDS.has(name)) notCompilable(`connection field ${name}`);
  const countsNext = selected.has('pageInfo');
  const numbered = countsNext ? `, row_number() over (order by ${order('b')}) as __rn` : '';
  const onPage = countsNext ? ` filter (where ${rows}.__rn <= ${window.limit})` : '';
  const pageEnd = (reversed: boolean) =>
    sql(`coalesce('"' || (array_agg(${cursorOf(c, source, nodeMeta, rows)} order by ${order(rows, reversed)})${onPage})[1] || '"', 'null')`);

  const value = objectOf(c, connectionType, nodes, (name, sub, subNodes) => {
    switch (name) {
      case 'nodes':
        return jsonArray(entityObject(c, nodeType, rows, subNodes), order(rows), onPage);
      case 'edges': {
        const edgeType = getNamedType(sub.type) as GraphQLObjectType;
        const edge = objectOf(c, edgeType, subNodes, (edgeField, _field, nodeNodes) => {
          if (edgeField === 'node') return entityObject(c, nodeType, rows, nodeNodes);
          if (edgeField === 'cursor') return sql(`'"' || ${cursorOf(c, source, nodeMeta, rows)} || '"'`);
          return notCompilable(`edge field ${edgeField}`);
        });
        return jsonArray(edge, order(rows), onPage);
      }
      case 'pageInfo':
        return objectOf(c, getNamedType(sub.type) as GraphQLObjectType, subNodes, (info) => {
          switch (info) {
            case 'hasNextPage':
              return sql(jsonBoolean(`count(*) > ${window.limit}`));
            case 'hasPreviousPage':
              // Rows precede the page when some row of the partition is not after the cursor.
              if (!window.after) return sql("'false'");
              return join(["case when exists (select 1 from (", sql(base.sql, [...base.bindings]), ') b where (', inWindow, ") is not true) then 'true' else 'false' end"]);
            case 'startCursor':
              return pageEnd(false);
            case 'endCursor':
              return pageEnd(true);
            default:
              return notCompilable(`pageInfo.${info}`);
          }
        });
      case 'totalCount':
        return join(['(select count(*)::text from (', sql(base.sql, [...base.bindings]), ') c)']);
      default:
        return notCompilable(name);
    }
  });
  const pageColumns = new Set([...(c.columns.get(rows) ?? []), ...source.order.map((term) => term.column)]);
  const pageRows = join([
    `select ${[...pageColumns].map((column) => `b.${quote(column)}`).join(', ')}${numbered} from (`,
    sql(base.sql, [...base.bindings]),
    ') b where ',
    inWindow,
    ` order by ${order('b')} limit ${window.limit + (countsNext ? 1 : 0)}`,
  ]);
  // `having true` makes it one aggregate row even when no aggregate is selected (only totalCount).
  return join(['(select ', value, ' from (', pageRows, `) ${rows} having true)`]);
}

// --- root fields ----------------------------------------------------------------------------

function rootValue(c: Compilation, name: string, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): SqlFragment {
  const source = connectionSources.get(`Query.${name}`);
  if (source) return connectionValue(c, field, nodes, source, null);
  const entity = lookupEntities.get(name) ?? notCompilable(`root field ${name}`);
  const type = getNamedType(field.type) as GraphQLObjectType;
  const meta = c.metadata(entity)!;
  const id = fromGlobalIdOf(entity, String(argumentsOf(c, field, nodes[0]).id));
  const rows = `r${++c.aliases}`;
  const base = partitionedBase(c.knex, meta.tableName, { kind: 'column', column: 'id' }, [id]).toSQL();
  // Not found is an error the resolver raises.
  return join(['coalesce((select ', entityObject(c, type, rows, nodes), ` from (`, sql(base.sql, [...base.bindings]), `) ${rows}), ${FALLBACK_JSON})`]);
}

// --- type-graphql metadata --------------------------------------------------------------------

const resolvedFields = new Map<string, boolean>();

const classOf = (typeName: string) => getMetadataStorage().objectTypes.find((type) => type.name === typeName)?.target;

/** Whether a field of an object type is answered by a field resolver method rather than a property. */
export function hasFieldResolver(typeName: string, field: string): boolean {
  const key = `${typeName}.${field}`;
  let found = resolvedFields.get(key);
  if (found === undefined) {
    const target = classOf(typeName);
    found = getMetadataStorage().fieldResolvers.some((resolver) => resolver.schemaName === field && resolver.getObjectType?.() === target);
    resolvedFields.set(key, found);
  }
  return found;
}

/** The class property a plain field reads, looking through the class hierarchy. */
export function basicFieldProperty(typeName: string, field: string): string | undefined {
  const target = classOf(typeName);
  if (!target) return undefined;
  return getMetadataStorage().fields.find((meta) => meta.schemaName === field && (meta.target === target || target.prototype instanceof meta.target))?.name;
}

// --- running ----------------------------------------------------------------------------------

export interface CompiledQuery {
  /** The statement, with PostgreSQL's `$n` placeholders. */
  text: string;
  values: unknown[];
  /** Its prepared statement's name (see numberedStatement). */
  name?: string;
}

/** Compiled statements of a parsed document, by operation, caller scope, pii permission and variables. */
const compiled = perDocumentCache<DocumentNode, CompiledQuery | null>();

/** `{ __typename }` (a liveness probe) reads no data: graphql-js answers it without a statement. */
const isTypenameField = (selection: SelectionNode) => selection.kind === Kind.FIELD && selection.name.value === '__typename';

/** The single statement answering `operation`, or null when some part of it has no SQL form. */
export function compiledQueryFor(
  ctx: GraphQLContext,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): CompiledQuery | null {
  if (operation.operation !== 'query' || operation.selectionSet.selections.every(isTypenameField)) return null;
  // The subtree rule is part of the SQL: an unrestricted caller (null) differs from one without access (undefined).
  const scope = currentScopePath();
  const seesPii = can(ctx.viewer ?? null, 'pii');
  const key = `${operation.name?.value ?? ''}\n${scope === undefined ? '-' : scope === null ? '*' : scope}\n${seesPii}\n${JSON.stringify(variables ?? {})}`;
  return compiled(document, key, () => compileQuery(ctx, schema, document, operation, variables, seesPii));
}

function compileQuery(
  ctx: GraphQLContext,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
  seesPii: boolean,
): CompiledQuery | null {
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const c: Compilation = {
    knex: ctx.database.getKnex(),
    metadata: (entity) => ctx.database.getMetadata().find(entity) ?? undefined,
    variables: coerced.coerced,
    fragments,
    limits: { defaultPageSize: ctx.config.defaultPageSize, maxPageSize: ctx.config.maxPageSize },
    seesPii,
    aliases: 0,
    columns: new Map(),
  };
  try {
    const operationNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'query' }, selectionSet: operation.selectionSet } as FieldNode;
    const root = objectOf(c, schema.getQueryType()!, [operationNode], (name, field, nodes) => rootValue(c, name, field, nodes));
    const { sql: text, bindings: values } = join(['select ', root, ' as data']);
    const { text: numbered, name } = numberedStatement('compiled_read', text);
    return { text: numbered, values, name };
  } catch (error) {
    if (error instanceof NotCompilable || error instanceof GraphQLError) return null;
    throw error;
  }
}

/**
 * Runs a compiled query as a prepared statement (planning the nested JSON query each time cost
 * about as much as running it), on a connection of the ORM's pool for reads (a replica when the
 * request may read from one). It goes to the pg client directly: the statement is built once and
 * cached, and knex's per-query work was a measurable part of a lookup's cost.
 */
export async function runCompiledQuery(ctx: GraphQLContext, query: CompiledQuery): Promise<CompiledData | null> {
  const result = await pooledQuery<{ data: string }>(ctx.database, 'read', { name: query.name, text: query.text, values: query.values });
  const data = result.rows[0]?.data;
  return data && !data.includes(FALLBACK) ? new CompiledData(data) : null;
}

/**
 * A compiled query's `data`, kept as the JSON text PostgreSQL built until the response is written
 * (`stringifyResult`), instead of being parsed only to be serialized again.
 */
export class CompiledData {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/** Apollo's `stringifyResult`: compiled data is written as it came; anything else as Apollo would. */
export function stringifyResult(result: FormattedExecutionResult): string {
  if (result.data instanceof CompiledData && !result.errors) {
    const extensions = result.extensions ? `,"extensions":${JSON.stringify(result.extensions)}` : '';
    return `{"data":${result.data.json}${extensions}}\n`;
  }
  return `${JSON.stringify(result)}\n`;
}

/** Apollo plugin: answers a compilable query before execution, so its resolvers never run. */
export function compiledReadPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, operation, document, request, contextValue }) {
          const query = compiledQueryFor(contextValue, schema, document, operation, request.variables);
          const data =
            query &&
            (await runCompiledQuery(contextValue, query).catch((error) => {
              // The resolvers still answer; a statement that fails is a compiler bug or an unreachable database.
              compiledReads.inc({ outcome: 'failed' });
              logger.warn({ err: error, requestId: contextValue.requestId }, 'compiled read failed; answered by the resolvers');
              return null;
            }));
          if (!data) {
            if (operation.operation === 'query') compiledReads.inc({ outcome: 'resolvers' });
            return null;
          }
          compiledReads.inc({ outcome: 'compiled' });
          contextValue.compiledRead = true;
          // Apollo types `data` as a plain record; stringifyResult writes this one's text as is.
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: data as unknown as Record<string, unknown> } } };
        },
      };
    },
  };
}
