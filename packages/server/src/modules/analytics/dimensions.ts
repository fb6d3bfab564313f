import type { Knex } from '@mikro-orm/postgresql';
import { Int } from 'type-graphql';
import { partitionedBase } from '../../common/filters';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';
import type { Dimension, DimensionOutput, JoinFactory, Measure, MeasureType, SqlContext } from './fact';

/** Every organization the caller may see, for labels and tree arithmetic (`t.*`, scoped by partitionedBase). */
export const organizationsCte = (knex: Knex): [string, Knex.QueryBuilder] => [
  'org',
  partitionedBase(knex, 'organization', { kind: 'root' }, [0]),
];

/** A table's rows, scoped like every read, for labelling entity dimensions (organizations share `org`). */
export function entityCte(knex: Knex, table: string): [string, Knex.QueryBuilder] {
  return table === 'organization' ? organizationsCte(knex) : [`ent_${table}`, partitionedBase(knex, table, { kind: 'root' }, [0])];
}

/** Each organization's nearest town, subdistrict or development zone (itself included). */
const townsCte = (knex: Knex): [string, Knex.Raw] => [
  'org_town',
  knex.raw(`select distinct on (o.id) o.id as org_id, a.id as town_id
from org o join org a on a.unit_type in ('TOWN', 'SUBDISTRICT') and o.path like a.path || '%'
order by o.id, a.depth desc`),
];

function organizationColumn(sql: SqlContext): string {
  if (!sql.organizationColumn) throw new Error('this fact has no organization column');
  return `b.${sql.organizationColumn}`;
}

/** Joins any fact with an organization column may use. */
export const STANDARD_JOINS: Record<string, JoinFactory> = {
  rowOrganization: (sql) => ({ ctes: [organizationsCte(sql.knex)], clause: `left join org ro on ro.id = ${organizationColumn(sql)}` }),
  // Under Query.analytics the key is a constant 0 and no organization: nothing to join.
  keyOrganization: (sql) =>
    sql.partition.kind === 'root' ? { ctes: [], clause: '' } : { ctes: [organizationsCte(sql.knex)], clause: 'left join org ko on ko.id = b.__key' },
  town: (sql) => ({
    ctes: [organizationsCte(sql.knex), townsCte(sql.knex)],
    clause: `left join org_town tw on tw.org_id = ${organizationColumn(sql)}`,
  }),
};

type Sql = string | ((sql: SqlContext) => string);
const toSql = (sql: Sql) => (typeof sql === 'string' ? () => sql : sql);

export function valueDimension(
  name: string,
  field: string,
  description: string,
  type: () => unknown,
  sql: Sql,
  options: { cast?: 'int' | 'text' | 'boolean'; joins?: string[] } = {},
): Dimension {
  const output: DimensionOutput = { kind: 'value', type, cast: options.cast ?? 'text' };
  return { name, field, description, output, joins: options.joins, sql: toSql(sql) };
}

export function entityDimension(
  name: string,
  field: string,
  description: string,
  target: { entity: DimensionOutputEntity; table: string; sortColumn: string },
  sql: Sql,
  joins?: string[],
): Dimension {
  return { name, field, description, output: { kind: 'entity', ...target }, joins, sql: toSql(sql) };
}

type DimensionOutputEntity = Extract<DimensionOutput, { kind: 'entity' }>['entity'];

export const ORGANIZATION_TARGET = { entity: Organization, table: 'organization', sortColumn: 'code' };

export function organizationDimension(name: string, field: string, description: string, sql: Sql, joins?: string[]): Dimension {
  return entityDimension(name, field, description, ORGANIZATION_TARGET, sql, joins);
}

/**
 * The child of the scope organization whose subtree holds the row's organization: under
 * `Query.analytics` the children of the tree's root (市委), under `Organization.analytics` the
 * children of that organization. Rows of the scope organization itself have none.
 */
function childOfScope(sql: SqlContext): string {
  if (sql.partition.kind === 'root') return `nullif(split_part(ro.path, '/', 3), '')::int`;
  return `nullif(split_part(substr(ro.path, length(ko.path) + 1), '/', 1), '')::int`;
}

/**
 * Child roll-up, town and the organization itself, for facts whose rows belong to an organization;
 * `owner` names that organization, e.g. 组织关系所在党组织.
 */
export function organizationDimensions(owner: string): Dimension[] {
  return [
    organizationDimension(
      'CHILD_ORGANIZATION',
      'childOrganization',
      `下级党组织：按${owner}，把范围党组织的每个直接下级党组织的整棵子树汇总为一组（范围为全部数据时为市委的直接下级）；${owner}就是范围党组织本身时为空`,
      childOfScope,
      ['rowOrganization', 'keyOrganization'],
    ),
    organizationDimension('TOWN', 'town', `${owner}所在的乡镇、街道或开发区（不在乡镇街道的为空）`, () => 'tw.town_id', ['town']),
    organizationDimension('ORGANIZATION', 'organization', owner, organizationColumn),
  ];
}

/** Day, week and month buckets of a date column, as the first day of the bucket. */
export function timeDimensions(column: string, label: string): Dimension[] {
  const bucket = (unit: string) => `to_char(date_trunc('${unit}', b.${column}), 'YYYY-MM-DD')`;
  return [
    valueDimension('DAY', 'day', `${label}（按日）`, () => LocalDateScalar, `to_char(b.${column}, 'YYYY-MM-DD')`),
    valueDimension('WEEK', 'week', `${label}所在的周（取该周周一的日期）`, () => LocalDateScalar, bucket('week')),
    valueDimension('MONTH', 'month', `${label}所在的月（取该月1日的日期）`, () => LocalDateScalar, bucket('month')),
  ];
}

export function enumDimension(name: string, field: string, description: string, type: object, column: string): Dimension {
  return valueDimension(name, field, description, () => type, `b.${column}`);
}

export function intDimension(name: string, field: string, description: string, sql: Sql, joins?: string[]): Dimension {
  return valueDimension(name, field, description, () => Int, sql, { cast: 'int', joins });
}

export function booleanDimension(name: string, field: string, description: string, sql: Sql, joins?: string[]): Dimension {
  return valueDimension(name, field, description, () => Boolean, sql, { cast: 'boolean', joins });
}

export function measure(name: string, field: string, type: MeasureType, description: string, sql: Sql, nullable = false): Measure {
  return { name, field, type, description, sql: toSql(sql), nullable };
}

export const countMeasure = (description: string) => measure('COUNT', 'count', 'int', description, 'count(*)');

export const distinctCount = (name: string, field: string, description: string, column: string) =>
  measure(name, field, 'int', description, `count(distinct b.${column})`);

/** A share of the group's rows, null for an empty group. */
export const ratioMeasure = (name: string, field: string, description: string, condition: string) =>
  measure(name, field, 'float', description, `(count(*) filter (where ${condition}))::float8 / nullif(count(*), 0)`, true);
