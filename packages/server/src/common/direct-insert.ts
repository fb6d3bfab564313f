import { AsyncResource } from 'node:async_hooks';
import { prepareValue } from 'pg/lib/utils';
import { ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { CHANGE_EVENT_COLUMNS, changeEventOrigin, createdFieldChanges } from '../modules/change-feed/change-feed.subscriber';
import type { AppConfig } from '../config';
import { scopeCondition } from './auth/scope-rules';
import type { GraphQLContext } from './context';
import { hydrate } from './hydration';
import { literal, quote } from './pagination';
import { isStatementError, numberedStatement, pooledQuery } from './pooled-query';
import { countSqlStatement, currentScopePath } from './request-scope';
import type { SqlFragment } from './row-plan';
import { logger } from '../observability/logger';
import { directWriteBatchRows, directWrites } from '../observability/metrics';
import { WriteBatcher } from './write-batcher';

export interface DirectInsert<T> {
  entity: EntityClass<T>;
  /** Property values as `em.create` would take them, references as ids. Absent properties take their column defaults. */
  values: Record<string, unknown>;
  /** The many-to-one property naming the organization the row belongs to (its change event's owner). */
  owner: string;
  /** What else a referenced row (aliased `t`) must satisfy, by reference property (e.g. an organization not yet dissolved). */
  conditions?: Record<string, SqlFragment>;
}

/**
 * Creates one row and its change event in ONE autocommit statement, or changes nothing. Inserts
 * of the same shape that wait for a place share one statement (directWriteBatcher).
 *
 * The statement inserts only if every referenced row exists, is inside the caller's subtree and
 * meets its condition; the change event is the one the flush subscriber would write for the same
 * `em.create` (same fields, masks, origin, gap-free sequence). Taking the sequence inside the
 * statement holds the counter's row lock only for the commit itself, where the ORM's transaction
 * held it across several round trips.
 *
 * Returns the created entity (read-only, as the read paths hydrate it), or null when a condition
 * failed, an id did not decode or the database refused the row: nothing was written then, and the
 * caller runs its full path, which explains the refusal with the usual coded error.
 */
export async function insertDirect<T extends object>(ctx: GraphQLContext, insert: DirectInsert<T>): Promise<T | null> {
  const scopePath = currentScopePath();
  if (scopePath === undefined) return null;
  const meta = ctx.database.getMetadata().find(insert.entity.name)!;
  const statement = buildStatement(ctx, meta, insert, scopePath);
  if (!statement) return null;
  const outcome = await directWriteBatcher(ctx.config).submit(statement.text, { database: ctx.database, statement });
  for (let i = 0; i < outcome.statements; i++) countSqlStatement();
  if (outcome.error !== undefined) {
    // A statement the server rejected with an ERROR (constraint, type) rolled back whole. Anything
    // else may have committed (see isStatementError) and must not be retried by the full path.
    if (!isStatementError(outcome.error)) throw outcome.error;
    directWrites.inc({ outcome: 'rejected' });
    logger.debug({ requestId: ctx.requestId, code: (outcome.error as { code?: string }).code }, 'direct insert rejected; the ORM path runs');
    return null;
  }
  directWrites.inc({ outcome: outcome.row ? 'written' : 'declined' });
  if (!outcome.row) return null;
  ctx.onCommitted?.(Number(outcome.row.__sequence));
  const created = hydrate(ctx.database, insert.entity, outcome.row);
  ctx.loaders.byId(insert.entity).prime(outcome.row.id as number, created);
  return created;
}

interface PendingInsert {
  database: GraphQLContext['database'];
  /** The statement, with its parameters' values for this row. */
  statement: Statement & { values: unknown[] };
}

/** The row written (null: a check declined it), or the error that stopped it; and how many statements it took part in. */
interface InsertOutcome {
  row?: Record<string, unknown> | null;
  error?: unknown;
  statements: number;
}

/** Rows sent in one statement at most. */
const MAX_BATCH_ROWS = 100;

/**
 * Direct inserts commit one after another: each holds the sequence counter's row lock until its
 * commit, so each used to pay for a commit (the WAL flush) of its own while the others waited
 * inside PostgreSQL, where every wait and wake-up costs CPU too. Now DIRECT_WRITE_CONCURRENCY
 * statements are in the database at once; the inserts arriving meanwhile wait here, where waiting
 * is free, and then go together: one statement, one commit, one counter update and one round trip
 * for all of them. PostgreSQL's CPU per row: about 290 µs alone, 120 µs in threes, 75 µs in eights.
 */
const batchers = new WeakMap<AppConfig, WriteBatcher<PendingInsert, InsertOutcome>>();

/**
 * Runs a function in this module's own context, where no request scope is open: batches serve
 * several requests, so none of them owns a batch's statements (insertDirect counts them for each).
 * (AsyncLocalStorage.exit would switch the promise hooks off and on for every batch.)
 */
const outsideAnyRequest = AsyncResource.bind(<T>(run: () => T): T => run());

/** The instance's batcher of one-statement writes (its queue length is a metric). */
export function directWriteBatcher(config: AppConfig): WriteBatcher<PendingInsert, InsertOutcome> {
  let batcher = batchers.get(config);
  if (!batcher) {
    const run = (items: PendingInsert[]) => outsideAnyRequest(() => sendBatch(items));
    batchers.set(config, (batcher = new WriteBatcher({ concurrency: config.directWriteConcurrency, maxBatch: MAX_BATCH_ROWS, run })));
  }
  return batcher;
}

async function sendBatch(items: PendingInsert[]): Promise<InsertOutcome[]> {
  const [{ database, statement }] = items;
  directWriteBatchRows.observe(items.length);
  try {
    const values = statement.parameters.map((_, index) => textArray(items.map((item) => item.statement.values[index])));
    const { rows } = await pooledQuery(database, 'write', { name: statement.name, text: statement.text, values });
    const byOrdinal = new Map(rows.map((row) => [Number(row.__ordinal), row]));
    return items.map((_, index) => ({ row: byOrdinal.get(index + 1) ?? null, statements: 1 }));
  } catch (error) {
    // The database refused the whole statement for one row or more: each row is sent alone to
    // find out which. Any other failure leaves the outcome unknown for all of them.
    if (!isStatementError(error) || items.length === 1) return items.map(() => ({ error, statements: 1 }));
    const alone: InsertOutcome[] = [];
    for (const item of items) {
      const [outcome] = await sendBatch([item]);
      alone.push({ ...outcome, statements: outcome.statements + 1 });
    }
    return alone;
  }
}

interface Statement {
  name?: string;
  text: string;
  /** For each `$n` (an array: one element per row): where a row's value comes from. */
  parameters: Array<(insert: DirectInsert<object>, scopePrefix: string, extras: unknown[]) => unknown>;
}

/** Statement texts by entity, written properties, named references, conditions and whether a scope applies. */
const statements = new Map<string, Statement | null>();

function buildStatement<T extends object>(ctx: GraphQLContext, meta: EntityMetadata, insert: DirectInsert<T>, scopePath: string | null) {
  const properties = meta.props.filter((prop) => prop.name in insert.values);
  const references = properties.filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE && insert.values[prop.name] != null);
  const conditions = references.map((prop) => insert.conditions?.[prop.name]?.sql ?? '');
  const key = [meta.className, properties.map((p) => p.name), references.map((p) => p.name), conditions, scopePath === null, insert.owner].join('|');
  let statement = statements.get(key);
  if (statement === undefined) {
    statement = statementFor(ctx, meta, insert.owner, properties, references, conditions, scopePath !== null);
    statements.set(key, statement);
  }
  if (!statement) return null;
  const extras = [meta.className, ...changeEventOrigin(), JSON.stringify(createdFieldChanges(insert.entity, properties.map((prop) => prop.name), insert.values))];
  const scopePrefix = `${scopePath}%`;
  return { ...statement, values: statement.parameters.map((parameter) => parameter(insert as DirectInsert<object>, scopePrefix, extras)) };
}

/**
 * One statement for any number of rows: every parameter is an array with an element per row
 * (sent as text, cast where it is used), unnested into `src` with each row's ordinal. The rows
 * that pass their checks draw their ids and, in ordinal order, their change events' numbers in
 * `src`, so that each returned row finds its request.
 */
function statementFor(
  ctx: GraphQLContext,
  meta: EntityMetadata,
  ownerName: string,
  properties: EntityProperty[],
  references: EntityProperty[],
  conditions: string[],
  scoped: boolean,
): Statement | null {
  const owner = references.find((prop) => prop.name === ownerName);
  const primary = meta.props.find((prop) => prop.primary);
  // Array and binary columns do not fit the text arrays the rows are sent in: those inserts take the ORM path.
  if (!owner || !primary?.autoincrement || meta.primaryKeys.length !== 1 || properties.some((prop) => columnType(prop).endsWith('[]') || columnType(prop) === 'bytea')) return null;
  const knex = ctx.database.getKnex();
  const parameters: Statement['parameters'] = [];
  /** Names the next parameter's column in `src`. */
  const column = (parameter: Statement['parameters'][number]) => `p${parameters.push(parameter)}`;
  const valueColumns = properties.map((prop) => column((insert) => dbValue(insert.values[prop.name])));
  const columns = properties.map((prop, index) => `src.${valueColumns[index]}::${columnType(prop)}`);
  const ownerId = valueColumns[properties.indexOf(owner)];
  const guards = references.map((prop, index) => {
    const table = ctx.database.getMetadata().find(prop.type)!.tableName;
    const id = column((insert) => insert.values[prop.name]);
    const scope = scoped ? scopeCondition(knex, table, 't', '').toSQL().sql.replace(/\?/g, () => `v.${column((_insert, scopePrefix) => scopePrefix)}`) : null;
    let binding = 0;
    const condition = conditions[index].replace(/\?/g, () => {
      const position = binding++;
      return `v.${column((insert) => insert.conditions![prop.name].bindings[position])}`;
    });
    // The foreign key check would lock the row only after the statement took the sequence counter;
    // locking it here keeps the order every ORM transaction uses (rows, then counter): no deadlock.
    return `exists (select 1 from ${quote(table)} as t where t.id = v.${id}::${columnType(prop)}${scope ? ` and (${scope})` : ''}${condition ? ` and (${condition})` : ''} for key share of t)`;
  });
  // The event's entity type, actor, request id, mutation and field changes (see buildStatement).
  const [entityType, actor, requestId, mutation, changes] = [0, 1, 2, 3, 4].map((i) => column((_insert, _scopePrefix, extras) => extras[i]));
  const primaryColumn = quote(primary.fieldNames[0]);
  // Each array goes through a subquery: the plan, unable to see the arrays' lengths, stays the same
  // for every batch, so the prepared statement keeps one generic plan instead of planning each run.
  const arrays = parameters.map((_, i) => `(select $${i + 1}::text[])`);
  // A serial column's sequence, by PostgreSQL's naming (a different name makes every batch fail
  // with an error, and its inserts take the ORM path).
  const sequence = literal(`${meta.tableName}_${primary.fieldNames[0]}_seq`);
  const text = `with src as (
      select v.*, nextval(${sequence}::regclass) as __id, row_number() over (order by v.__ordinal) as __rank, count(*) over () as __rows
      from unnest(${arrays.join(', ')}) with ordinality as v(${parameters.map((_, i) => `p${i + 1}`).join(', ')}, __ordinal)
      ${guards.length ? `where ${guards.join(' and ')}` : ''}
    ), inserted as (
      insert into ${quote(meta.tableName)} (${primaryColumn}, ${properties.map((prop) => quote(prop.fieldNames[0])).join(', ')})
      select src.__id, ${columns.join(', ')} from src
      returning *
    ), next as (
      update change_sequence set value = value + (select count(*) from src) where id = 1 and exists (select 1 from src) returning value
    ), logged as (
      insert into change_event (${CHANGE_EVENT_COLUMNS})
      select next.value - src.__rows + src.__rank, src.${entityType}, src.__id, 'CREATE', o.id, o.path, src.${actor}, src.${requestId}, src.${mutation}, src.${changes}::jsonb, now()
      from src cross join next join organization o on o.id = src.${ownerId}::${columnType(owner)}
    )
    select inserted.*, src.__ordinal, next.value - src.__rows + src.__rank as __sequence
    from inserted join src on src.__id = inserted.${primaryColumn} cross join next`;
  return { ...numberedStatement('direct_insert', text), parameters };
}

/**
 * The text[] literal pg would write for an array parameter, without its two regular expression
 * replacements per element (they took about 3% of a write's Node time): elements without a quote
 * or backslash are written as they are.
 */
function textArray(values: unknown[]): string {
  let array = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i) array += ',';
    if (value == null) {
      array += 'NULL';
      continue;
    }
    const text = typeof value === 'string' ? value : String(prepareValue(value));
    array += `"${/["\\]/.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
  }
  return `${array}}`;
}

function columnType(prop: EntityProperty): string {
  return prop.columnTypes[0];
}

function dbValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value ?? null;
}
