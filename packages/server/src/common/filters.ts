import type { EntityClass, Knex } from '@mikro-orm/postgresql';
import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { scopeCondition } from './auth/scope-rules';
import { badUserInput } from './errors';
import { fromGlobalIdOf } from './global-id';
import { OrderDirection, type ConnectionSource } from './pagination';
import { currentScopePath } from './request-scope';
import { LocalDateScalar } from './scalars';
import { NoControlCharacters } from './validators';

@InputType({ description: '日期范围（含两端）' })
export class DateRange {
  @Field(() => LocalDateScalar, { nullable: true, description: '起始日期（含）' })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '截止日期（含）' })
  to?: string | null;
}

/** Filter by organization: one organization, or (by default) its whole subtree. */
@InputType({ description: '按党组织筛选' })
export class OrganizationScope {
  @Field(() => ID, { description: '党组织 ID' })
  organizationId!: string;

  @Field({ defaultValue: true, description: '是否包含全部下级党组织（默认包含）' })
  includeDescendants: boolean = true;
}

export const TEXT_SEARCH_MAX_LENGTH = 50;

export function TextSearch(): PropertyDecorator {
  const maxLength = MaxLength(TEXT_SEARCH_MAX_LENGTH, { message: `搜索词不能超过 ${TEXT_SEARCH_MAX_LENGTH} 个字符` });
  const noControl = NoControlCharacters();
  return (target, property) => {
    maxLength(target, property);
    noControl(target, property);
  };
}

/** How rows relate to the keys a connection is loaded for. */
export type Partition =
  /** A root list: one partition. */
  | { kind: 'root' }
  /** Rows whose `column` equals the key (e.g. members of an organization). */
  | { kind: 'column'; column: string }
  /** Rows whose organization `column` lies in the key organization's subtree. */
  | { kind: 'subtree'; column: string }
  /** Rows linked to the key through a join table (e.g. a squad's members). */
  | { kind: 'join'; table: string; rowColumn: string; keyColumn: string };

/**
 * `select t.*, <key> as __key from <table> t …` restricted to the given keys and to the caller's
 * organization subtree. Every read of entity rows is built on this, which is what makes the
 * subtree rule hold on every path (lists, lookups, nested fields, counts, aggregates).
 */
export function partitionedBase(
  knex: Knex,
  table: string,
  partition: Partition,
  keys: readonly (number | string)[],
): Knex.QueryBuilder {
  return restrictToScope(knex, keyedBase(knex, table, partition, keys), table, 't');
}

/**
 * `from <table> as <alias>` limited to the caller's subtree, for aggregates that select their own
 * columns. Like partitionedBase, nothing is visible outside a request or to an anonymous caller.
 */
export function scopedTable(knex: Knex, table: string, alias = 't'): Knex.QueryBuilder {
  return restrictToScope(knex, knex(`${table} as ${alias}`), table, alias);
}

function restrictToScope(knex: Knex, qb: Knex.QueryBuilder, table: string, alias: string): Knex.QueryBuilder {
  const scopePath = currentScopePath();
  if (scopePath === undefined) qb.whereRaw('false');
  else if (scopePath !== null) qb.whereRaw(scopeCondition(knex, table, alias, scopePath));
  return qb;
}

function keyedBase(knex: Knex, table: string, partition: Partition, keys: readonly (number | string)[]): Knex.QueryBuilder {
  const qb = knex(`${table} as t`).select('t.*');
  switch (partition.kind) {
    case 'root':
      return qb.select(knex.raw('0 as __key'));
    case 'column':
      return qb.select(knex.raw('?? as __key', [`t.${partition.column}`])).whereIn(`t.${partition.column}`, keys);
    case 'subtree':
      return qb
        .select(knex.raw('p.id as __key'))
        .join('organization as o', 'o.id', `t.${partition.column}`)
        .join('organization as p', knex.raw("o.path like p.path || '%'"))
        .whereIn('p.id', keys);
    case 'join':
      return qb
        .select(knex.raw('?? as __key', [`j.${partition.keyColumn}`]))
        .join(`${partition.table} as j`, `j.${partition.rowColumn}`, 't.id')
        .whereIn(`j.${partition.keyColumn}`, keys);
  }
}

/** Restricts `column` (an organization id) to one organization or its subtree, resolved in SQL. */
export function whereInOrganization(knex: Knex, qb: Knex.QueryBuilder, column: string, scope?: OrganizationScope | null): void {
  if (!scope) return;
  const id = fromGlobalIdOf('Organization', scope.organizationId, 'organizationId');
  if (!scope.includeDescendants) {
    qb.where(column, id);
    return;
  }
  qb.whereIn(
    column,
    knex('organization as s').select('s.id').whereRaw("s.path like (select path from organization where id = ?) || '%'", [id]),
  );
}

export function whereInDateRange(qb: Knex.QueryBuilder, column: string, range?: DateRange | null): void {
  if (!range) return;
  if (range.from && range.to && range.from > range.to) throw badUserInput('起始日期不能晚于截止日期', ['from', 'to']);
  if (range.from) qb.where(column, '>=', range.from);
  if (range.to) qb.where(column, '<=', range.to);
}

export function whereContains(qb: Knex.QueryBuilder, column: string, text?: string | null): void {
  const trimmed = text?.trim();
  if (!trimmed) return;
  qb.whereRaw(`?? ilike ? escape '\\'`, [column, `%${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
}

export function whereAnyOf<T>(qb: Knex.QueryBuilder, column: string, values?: T[] | null): void {
  if (values?.length) qb.whereIn(column, values as never[]);
}

/** A connection source over `table` with a fixed ordering and no filters, e.g. an entity's history rows. */
export function fixedOrderSource<T extends object>(
  entity: EntityClass<T>,
  table: string,
  partition: Partition,
  orderColumn: string,
  direction: OrderDirection = OrderDirection.ASC,
): ConnectionSource<T> {
  return {
    entity,
    order: orderColumn === 'id' ? [{ column: 'id', direction }] : [{ column: orderColumn, direction }, { column: 'id', direction }],
    orderKey: `${orderColumn}:${direction}`,
    base: (knex, keys) => partitionedBase(knex, table, partition, keys),
  };
}
