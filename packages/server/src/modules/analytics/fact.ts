import type { EntityClass, Knex } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import type { Partition } from '../../common/filters';

/**
 * A fact is a kind of row analysts count and sum (members, inspection records, fund movements…):
 * where its rows come from, what they can be grouped by (dimensions) and what is computed per
 * group (measures). One definition yields the GraphQL types, the resolvers and the SQL.
 */

/** What the SQL fragments of a fact may use besides the fact rows aliased `b`. */
export interface SqlContext {
  knex: Knex;
  /** The query's arguments (e.g. `asOf`, `minInspections`). */
  args: FactArgs;
  partition: Partition;
  /** Column of `b` naming each row's organization for the current scope (null: the fact has none). */
  organizationColumn: string | null;
  /** A value as an SQL literal (escaped by knex), for fragments built as text. */
  literal(value: string | number): string;
}

/** Extra common table expressions and a join clause on the fact rows `b`, used by dimensions and measures. */
export interface JoinSpec {
  ctes: Array<[string, Knex.QueryBuilder | Knex.Raw]>;
  clause: string;
}

export type JoinFactory = (sql: SqlContext) => JoinSpec;

export type DimensionOutput =
  /** A plain value: an enum, Int, Boolean, String or Date. `cast` names the SQL type the value is read as. */
  | { kind: 'value'; type: () => unknown; cast: 'int' | 'text' | 'boolean' }
  /** An entity by id: the group carries the entity, read in the same statement. */
  | { kind: 'entity'; entity: EntityClass<object> & ClassType<object>; table: string; sortColumn: string };

export interface Dimension {
  /** Enum value in `groupBy` and `orderBy`, e.g. `AGE_BAND`. */
  name: string;
  /** Field of the group type, e.g. `ageBand`. */
  field: string;
  description: string;
  output: DimensionOutput;
  /** Names of joins (standard or the fact's own) the expression needs. */
  joins?: string[];
  /** The dimension's value for a fact row `b`. */
  sql: (sql: SqlContext) => string;
}

export type MeasureType = 'int' | 'float' | 'money';

export interface Measure {
  /** Enum value in `orderBy`, e.g. `CASH_TOTAL`. */
  name: string;
  /** Field of the group type and of `having`, e.g. `cashTotal`. */
  field: string;
  description: string;
  type: MeasureType;
  /** An aggregate over the fact rows `b` of a group, e.g. `count(distinct b.organization_id)`. */
  sql: (sql: SqlContext) => string;
  /** Null rather than zero when a group has nothing to compute it from (averages, ratios). */
  nullable?: boolean;
  /** Computed columns of the fact (`columns`) the aggregate reads; only these are joined in when it is asked for. */
  columns?: string[];
}

/** A column computed for every fact row before grouping (from joins), for measures to aggregate, e.g. `__reported`. */
export interface ComputedColumn {
  name: string;
  sql: string;
  joins?: string[];
}

/** The arguments every statistics field takes, plus the fact's own extras. */
export interface FactArgs {
  filter?: object | null;
  groupBy?: string[] | null;
  having?: Record<string, { min?: number | bigint | null; max?: number | bigint | null } | null> | null;
  orderBy?: Array<{ field: string; direction: 'asc' | 'desc' }> | null;
  first?: number;
  via?: string | null;
  [extra: string]: unknown;
}

/** One organization column a fact can be scoped by under `Organization.analytics`. */
export interface ScopeColumn {
  /** Enum value of the `via` argument, e.g. `MOBILIZER`. */
  name: string;
  column: string;
  description: string;
}

/** A fact-specific argument, e.g. `asOf` for ages. */
export interface ExtraArg {
  name: string;
  type: () => unknown;
  description: string;
  defaultValue?: unknown;
  nullable?: boolean;
  /** class-validator decorators for the argument. */
  validators?: PropertyDecorator[];
}

export interface FactDefinition {
  /** Prefix of the GraphQL type names, e.g. `Member` → `MemberStatistics`. */
  name: string;
  /** Field of Analytics, e.g. `members`. */
  field: string;
  /** Chinese name of the rows, e.g. `党员`. */
  label: string;
  description: string;
  filter?: ClassType<object>;
  filterDescription?: string;
  /**
   * The fact rows for the given keys: `t.*` plus `__key`, built on `partitionedBase` (through the
   * modules' sources) so the caller's organization scope applies.
   */
  base: (knex: Knex, partition: Partition, keys: readonly number[], args: FactArgs) => Knex.QueryBuilder;
  /** Scope columns under `Organization.analytics`, the default first; none: only under `Query.analytics`. */
  scopes?: ScopeColumn[];
  /** How rows relate to an organization key (default: the scope column, or the subtree of it). */
  partition?: (column: string, includeDescendants: boolean) => Partition;
  /** Date column of time series; absent: no time series. */
  dateColumn?: string;
  /** Field of Analytics for the time series, e.g. `inspectionTimeSeries`. */
  timeSeriesField?: string;
  dimensions: Dimension[];
  measures: Measure[];
  joins?: Record<string, JoinFactory>;
  columns?: ComputedColumn[];
  extraArgs?: ExtraArg[];
}
