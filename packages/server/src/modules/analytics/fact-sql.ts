import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { hydrate } from '../../common/hydration';
import { badUserInput } from '../../common/errors';
import type { Partition } from '../../common/filters';
import { STANDARD_JOINS } from './dimensions';
import type { ComputedColumn, Dimension, FactArgs, FactDefinition, Measure, SqlContext } from './fact';

/** Where a statistics query reads: how rows relate to the keys, and which column names a row's organization. */
export interface FactScope {
  partition: Partition;
  keys: readonly number[];
  organizationColumn: string | null;
}

export type Row = Record<string, unknown>;

export function sqlContext(knex: Knex, scope: FactScope, args: FactArgs): SqlContext {
  return {
    knex,
    args,
    partition: scope.partition,
    organizationColumn: scope.organizationColumn,
    literal: (value) => knex.raw('?', [value]).toQuery(),
  };
}

/** The fact rows of the scope: the fact's base (module source or partitionedBase) for the keys. */
export function factBase(knex: Knex, fact: FactDefinition, scope: FactScope, args: FactArgs): Knex.QueryBuilder {
  return fact.base(knex, scope.partition, scope.keys, args);
}

/**
 * The fact rows `b` with their dimension values (`__d0`…) and computed columns (by default all of
 * the fact's; callers pass only those their measures read, so unread joins stay out), and the CTEs
 * the joins behind them need.
 */
export function dimmedRows(fact: FactDefinition, sql: SqlContext, dimensions: Dimension[], columns: ComputedColumn[] = fact.columns ?? []) {
  const joins = resolveJoins(fact, sql, [...dimensions, ...columns]);
  const selected = [...dimensions.map((d, i) => `, ${d.sql(sql)} as __d${i}`), ...columns.map((c) => `, ${c.sql} as ${c.name}`)];
  return { ctes: joins.ctes, sql: `select b.*${selected.join('')} from base b ${joins.clauses.join(' ')}` };
}

/** CTEs and join clauses the given dimensions and columns need, each once. */
function resolveJoins(fact: FactDefinition, sql: SqlContext, parts: Array<{ joins?: string[] }>) {
  const names = [...new Set(parts.flatMap((part) => part.joins ?? []))];
  const ctes = new Map<string, Knex.QueryBuilder | Knex.Raw>();
  const clauses = names.map((name) => {
    const factory = fact.joins?.[name] ?? STANDARD_JOINS[name];
    if (!factory) throw new Error(`unknown join ${name} of fact ${fact.name}`);
    const spec = factory(sql);
    for (const [cte, query] of spec.ctes) if (!ctes.has(cte)) ctes.set(cte, query);
    return spec.clause;
  });
  return { ctes, clauses };
}

const SQL_TYPES = { int: 'bigint', money: 'bigint', float: 'float8' } as const;

/** A measure's select expression, named `m_<field>`. */
export function measureColumn(measure: Measure, sql: SqlContext): string {
  const value = `(${measure.sql(sql)})::${SQL_TYPES[measure.type]}`;
  return `${measure.nullable ? value : `coalesce(${value}, 0)`} as "m_${measure.field}"`;
}

/** A measure's value as GraphQL serializes it (bigint fen for money), zero or null when absent. */
export function measureValue(measure: Measure, value: unknown): unknown {
  if (value === null || value === undefined) return measure.nullable ? null : measure.type === 'money' ? 0n : 0;
  if (measure.type === 'money') return BigInt(String(value));
  return Number(value);
}

export function measuresOf(measures: Measure[], row: Row | undefined): Row {
  return Object.fromEntries(measures.map((m) => [m.field, measureValue(m, row?.[`m_${m.field}`])]));
}

function dimensionValue(em: EntityManager, dimension: Dimension, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const output = dimension.output;
  if (output.kind === 'entity') return hydrate(em, output.entity, value as Row);
  if (output.cast === 'int') return Number(value);
  if (output.cast === 'boolean') return Boolean(value);
  return value;
}

/** A result row as a group: its dimension values (entities for entity dimensions) and measures. */
export function groupOf(em: EntityManager, dimensions: Dimension[], measures: Measure[], row: Row): Row {
  const group: Row = measuresOf(measures, row);
  dimensions.forEach((dimension, i) => {
    const column = dimension.output.kind === 'entity' ? `__e${i}` : `__d${i}`;
    group[dimension.field] = dimensionValue(em, dimension, row[column]);
  });
  return group;
}

/** The requested dimensions, in order, without repeats; unknown names cannot pass GraphQL's enum check. */
export function requestedDimensions(fact: FactDefinition, groupBy: string[] | null | undefined): Dimension[] {
  const names = [...new Set(groupBy ?? [])];
  if (names.length > MAX_DIMENSIONS) throw badUserInput(`groupBy 最多 ${MAX_DIMENSIONS} 个维度`, 'groupBy');
  return names.map((name) => fact.dimensions.find((dimension) => dimension.name === name)!);
}

const MAX_DIMENSIONS = 4;
