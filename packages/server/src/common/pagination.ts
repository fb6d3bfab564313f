import type { EntityClass, EntityManager, Knex } from '@mikro-orm/postgresql';
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { badUserInput } from './errors';
import { hydrate } from './hydration';
import type { RowPlan, SqlFragment } from './row-plan';

export enum OrderDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: '排序方向',
  valuesConfig: { ASC: { description: '升序' }, DESC: { description: '降序' } },
});

@ObjectType({ description: '分页信息（Relay 游标分页规范）' })
export class PageInfo {
  @Field({ description: '是否还有下一页' })
  hasNextPage!: boolean;

  @Field({ description: '是否还有上一页' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页第一条的游标' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '本页最后一条的游标' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: '从前往后取的条数（与 after 搭配）' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '从该游标之后开始取' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: '从后往前取的条数（与 before 搭配）' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: '取该游标之前的记录' })
  before?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` GraphQL types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, label: string) {
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: `${label}（分页边）` })
  class EdgeType {
    @Field(() => nodeType, { description: label })
    node!: T;

    @Field({ description: '该条记录的游标' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `${label}分页列表` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType], { description: '本页的边' })
    edges!: Edge<T>[];

    @Field(() => [nodeType], { description: `本页的${label}（等同于 edges.node）` })
    nodes!: T[];

    @Field(() => PageInfo, { description: '分页信息' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: '符合条件的总条数（不受分页影响）' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** One ordering term; `column` names a column of the base query's output. */
export interface OrderTerm {
  column: string;
  direction: OrderDirection;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface PageWindow {
  limit: number;
  backward: boolean;
  after?: unknown[];
  before?: unknown[];
}

interface CursorPayload {
  o: string;
  v: unknown[];
}

export function encodeCursor(orderKey: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ o: orderKey, v: values } satisfies CursorPayload)).toString('base64url');
}

export function decodeCursor(cursor: string, orderKey: string, width: number, field: string): unknown[] {
  let payload: CursorPayload | undefined;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  if (!payload || payload.o !== orderKey || !Array.isArray(payload.v) || payload.v.length !== width) {
    throw badUserInput(`无效的游标：${JSON.stringify(cursor)}（游标只能用于产生它的同一排序）`, field);
  }
  return payload.v;
}

function checkCount(value: number | null | undefined, field: string, limits: PageLimits): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < 0) throw badUserInput(`${field} 不能为负数`, field);
  if (value > limits.maxPageSize) throw badUserInput(`${field} 不能超过 ${limits.maxPageSize}`, field);
  return value;
}

export function pageWindow(args: PageArgs, orderKey: string, width: number, limits: PageLimits): PageWindow {
  const first = checkCount(args.first, 'first', limits);
  const last = checkCount(args.last, 'last', limits);
  if (first !== undefined && last !== undefined) throw badUserInput('first 与 last 不能同时使用', ['first', 'last']);
  return {
    limit: first ?? last ?? limits.defaultPageSize,
    backward: last !== undefined,
    after: args.after ? decodeCursor(args.after, orderKey, width, 'after') : undefined,
    before: args.before ? decodeCursor(args.before, orderKey, width, 'before') : undefined,
  };
}

export const quote = (column: string) => `"${column.replace(/"/g, '""')}"`;
/** A string as an SQL literal. */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function flip(direction: OrderDirection): OrderDirection {
  return direction === OrderDirection.ASC ? OrderDirection.DESC : OrderDirection.ASC;
}

/** `(a, b, id)` strictly after (or before) the cursor values in the given order, as an OR of equality prefixes. */
export function keysetCondition(order: OrderTerm[], values: unknown[], after: boolean): { sql: string; bindings: unknown[] } {
  const alternatives: string[] = [];
  const bindings: unknown[] = [];
  order.forEach((term, index) => {
    const ascending = term.direction === OrderDirection.ASC;
    const operator = ascending === after ? '>' : '<';
    const parts = order.slice(0, index).map((prev) => `${quote(prev.column)} = ?`);
    parts.push(`${quote(term.column)} ${operator} ?`);
    bindings.push(...values.slice(0, index + 1));
    alternatives.push(`(${parts.join(' and ')})`);
  });
  return { sql: `(${alternatives.join(' or ')})`, bindings };
}

function cursorValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export interface ConnectionSource<T extends object> {
  entity: EntityClass<T>;
  /** Identifies the ordering, so a cursor cannot be replayed against another ordering. */
  orderKey: string;
  /** Ordering terms; the last must be unique (normally `id`). */
  order: OrderTerm[];
  /** Base rows: the entity table's columns plus a `__key` column naming the parent each row belongs to. */
  base: (knex: Knex, keys: readonly (number | string)[]) => Knex.QueryBuilder;
}

/** Which connection figures an operation selects anywhere; figures nobody asked for are not computed. */
export interface ConnectionNeeds {
  totalCount: boolean;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/**
 * Loads one page of a connection for many parents in a single SQL statement, so page size and
 * parent count never change the number of statements. Counting a partition (totalCount, and
 * whether rows precede a cursor) means reading all of it, so that is done only when the
 * operation asks for one of those figures; otherwise each parent's page stops after limit + 1 rows.
 */
export async function loadConnections<T extends object>(
  em: EntityManager,
  source: ConnectionSource<T>,
  keys: readonly (number | string)[],
  args: PageArgs,
  limits: PageLimits,
  needs: ConnectionNeeds,
  plan: RowPlan,
): Promise<Connection<T>[]> {
  const window = pageWindow(args, source.orderKey, source.order.length, limits);
  const effectiveOrder = window.backward ? source.order.map((t) => ({ ...t, direction: flip(t.direction) })) : source.order;
  const conditions: string[] = [];
  const conditionBindings: unknown[] = [];
  for (const [values, after] of [
    [window.after, true],
    [window.before, false],
  ] as const) {
    if (!values) continue;
    const condition = keysetCondition(source.order, values, after);
    conditions.push(condition.sql);
    conditionBindings.push(...condition.bindings);
  }
  const base = source.base(em.getKnex(), keys).toSQL();
  const parts: PageQueryParts = {
    base: { sql: base.sql, bindings: [...base.bindings] },
    order: effectiveOrder.map((t) => `${quote(t.column)} ${t.direction}`).join(', '),
    inWindow: { sql: conditions.length ? conditions.join(' and ') : 'true', bindings: conditionBindings },
    limit: window.limit + 1,
    columns: (alias, extra) => plan.columns(alias, [...extra, ...source.order.map((t) => t.column)]),
    references: (alias) => plan.references(alias),
  };
  const counted = needs.totalCount || (window.backward ? Boolean(window.before) && needs.hasNextPage : Boolean(window.after) && needs.hasPreviousPage);
  const single = keys.length === 1;
  const query = compose((counted ? (single ? countedPageSql : countedPagesSql) : single ? pageSql : pagesSql)(parts));
  const rows: Record<string, unknown>[] = await em.getConnection().execute(query.sql, query.bindings);
  return assembleConnections(em, source, keys, rows, window, args, counted, plan);
}

interface PageQueryParts {
  /** The base rows, with a `__key` column. */
  base: SqlFragment;
  order: string;
  /** The cursor condition. */
  inWindow: SqlFragment;
  limit: number;
  /** The select list of the rows aliased `alias` (the plan's columns, the ordering and `extra`). */
  columns: (alias: string, extra: string[]) => string;
  /** Select-list columns with the references of the rows aliased `alias`. */
  references: (alias: string) => SqlFragment;
}

/** Joins SQL pieces, collecting the fragments' bindings in the order they appear. */
function compose(pieces: Array<string | SqlFragment>): SqlFragment {
  return {
    sql: pieces.map((piece) => (typeof piece === 'string' ? piece : piece.sql)).join(''),
    bindings: pieces.flatMap((piece) => (typeof piece === 'string' ? [] : piece.bindings)),
  };
}

// Every form returns each parent's page rows flagged `__in`; the counted forms add `__total` and
// `__rest` (rows matching the cursor) and keep one sentinel row per parent, so the figures survive
// an empty page. References are selected last, for the page rows only.

function pageSql({ base, order, inWindow, limit, columns, references }: PageQueryParts) {
  return [`select ${columns('b', ['__key'])}, true as __in`, references('b'), ' from (', base, ') b where ', inWindow, ` order by ${order} limit ${limit}`];
}

function pagesSql({ base, order, inWindow, limit, columns, references }: PageQueryParts) {
  return [
    `with numbered as (select b.*, true as __in, row_number() over (partition by b.__key order by ${order}) as __rn from (`,
    base,
    ') b where ',
    inWindow,
    `)\nselect ${columns('n', ['__key', '__in', '__rn'])}`,
    references('n'),
    ` from numbered n where __rn <= ${limit} order by __key, __rn`,
  ];
}

// Two passes over the one parent's rows: a count (an index-only scan where possible) and the page
// (an ordered index scan that stops after limit rows), instead of sorting the whole partition.
function countedPageSql({ base, order, inWindow, limit, columns, references }: PageQueryParts) {
  return [
    'with base as not materialized (',
    base,
    ')\nselect c.__total, c.__rest, p.* from (select count(*) as __total, count(*) filter (where ',
    inWindow,
    `) as __rest from base b) c\nleft join lateral (select ${columns('b', ['__key'])}, true as __in`,
    references('b'),
    ' from base b where ',
    inWindow,
    ` order by ${order} limit ${limit}) p on true`,
  ];
}

function countedPagesSql({ base, order, inWindow, limit, columns, references }: PageQueryParts) {
  return [
    'with base as (',
    base,
    '),\nflagged as (select b.*, (',
    inWindow,
    `) as __in from base b),
numbered as (select f.*,
                    count(*) over (partition by f.__key) as __total,
                    count(*) filter (where f.__in) over (partition by f.__key) as __rest,
                    row_number() over (partition by f.__key, f.__in order by ${order}) as __rn
             from flagged f)
select ${columns('n', ['__key', '__in', '__total', '__rest', '__rn'])}`,
    references('n'),
    ` from numbered n where (__in and __rn <= ${limit}) or (not __in and __rn = 1)
order by __key, __rn`,
  ];
}

function assembleConnections<T extends object>(
  em: EntityManager,
  source: ConnectionSource<T>,
  keys: readonly (number | string)[],
  rows: Record<string, unknown>[],
  window: PageWindow,
  args: PageArgs,
  counted: boolean,
  plan: RowPlan,
): Connection<T>[] {
  const rowsOf = keys.length === 1 ? () => rows : groupedByKey(rows);
  return keys.map((key) => {
    const rows = rowsOf(key);
    // Uncounted figures are NaN, which GraphQL refuses to serialize, should one ever be selected.
    const total = !counted ? Number.NaN : rows.length ? Number(rows[0].__total) : 0;
    const rest = !counted ? Number.NaN : rows.length ? Number(rows[0].__rest) : 0;
    const partition = rows.filter((row) => row.__in);
    const more = partition.length > window.limit;
    const page = partition.slice(0, window.limit);
    if (window.backward) page.reverse();
    for (const row of page) plan.prime(row);
    const edges = page.map((row) => new RowEdge(hydrate(em, source.entity, row), row, source));
    const skipped = total > rest;
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: total,
      pageInfo: {
        hasNextPage: window.backward ? Boolean(args.before) && skipped : more,
        hasPreviousPage: window.backward ? more : Boolean(args.after) && skipped,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  });
}

/** An edge whose cursor is encoded only if asked for: most queries select nodes alone. */
class RowEdge<T extends object> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly row: Record<string, unknown>,
    private readonly source: ConnectionSource<T>,
  ) {}

  get cursor(): string {
    return encodeCursor(this.source.orderKey, this.source.order.map((t) => cursorValue(this.row[t.column])));
  }
}

function groupedByKey(rows: Record<string, unknown>[]): (key: number | string) => Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = String(row.__key);
    const list = byKey.get(key) ?? [];
    list.push(row);
    byKey.set(key, list);
  }
  return (key) => byKey.get(String(key)) ?? [];
}
