import { ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { CHANGE_EVENT_COLUMNS, changeEventOrigin, createdFieldChanges } from '../modules/change-feed/change-feed.subscriber';
import type { AppConfig } from '../config';
import { scopeCondition } from './auth/scope-rules';
import { ConcurrencyGate } from './concurrency-gate';
import type { GraphQLContext } from './context';
import { hydrate } from './hydration';
import { quote } from './pagination';
import { isStatementError, numberedStatement, pooledQuery } from './pooled-query';
import { currentScopePath } from './request-scope';
import type { SqlFragment } from './row-plan';
import { logger } from '../observability/logger';
import { directWrites } from '../observability/metrics';

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
 * Creates one row and its change event in ONE autocommit statement, or changes nothing.
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
  let rows: Array<Record<string, unknown>>;
  try {
    ({ rows } = await directWriteGate(ctx.config).run(() => pooledQuery(ctx.database, 'write', statement)));
  } catch (error) {
    // A statement the server rejected with an ERROR (constraint, type) rolled back whole. Anything
    // else may have committed (see isStatementError) and must not be retried by the full path.
    if (!isStatementError(error)) throw error;
    directWrites.inc({ outcome: 'rejected' });
    logger.debug({ requestId: ctx.requestId, code: (error as { code?: string }).code }, 'direct insert rejected; the ORM path runs');
    return null;
  }
  directWrites.inc({ outcome: rows.length ? 'written' : 'declined' });
  if (!rows.length) return null;
  ctx.onCommitted?.(Number(rows[0].__sequence));
  const created = hydrate(ctx.database, insert.entity, rows[0]);
  ctx.loaders.byId(insert.entity).prime(rows[0].id as number, created);
  return created;
}

/**
 * Direct inserts commit one after another (each holds the sequence counter's row lock until its
 * commit), so more than a couple in flight only queue inside PostgreSQL, where every wait and
 * wake-up costs CPU: with 10 at once pgbench measured 473 µs of CPU per insert, with 2 at once
 * 345 µs and more inserts per second. The rest wait here, in Node, where waiting is free.
 */
const gates = new WeakMap<AppConfig, ConcurrencyGate>();

/** The instance's gate for one-statement writes (its queue length is a metric). */
export function directWriteGate(config: AppConfig): ConcurrencyGate {
  let gate = gates.get(config);
  if (!gate) gates.set(config, (gate = new ConcurrencyGate(config.directWriteConcurrency)));
  return gate;
}

interface Statement {
  name?: string;
  text: string;
  /** For each `$n`: where its value comes from. */
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
  return { name: statement.name, text: statement.text, values: statement.parameters.map((parameter) => parameter(insert as DirectInsert<object>, scopePrefix, extras)) };
}

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
  if (!owner) return null;
  const knex = ctx.database.getKnex();
  const parameters: Statement['parameters'] = properties.map((prop) => (insert) => dbValue(insert.values[prop.name]));
  const guards = references.map((prop, index) => {
    const table = ctx.database.getMetadata().find(prop.type)!.tableName;
    const scope = scoped ? scopeCondition(knex, table, 't', '').toSQL() : null;
    parameters.push((insert) => insert.values[prop.name]);
    for (let i = 0; i < (scope?.bindings.length ?? 0); i++) parameters.push((_insert, scopePrefix) => scopePrefix);
    const condition = conditions[index];
    const conditionBindings = condition.split('?').length - 1;
    for (let i = 0; i < conditionBindings; i++) parameters.push((insert) => insert.conditions![prop.name].bindings[i]);
    // The foreign key check would lock the row only after the statement took the sequence counter;
    // locking it here keeps the order every ORM transaction uses (rows, then counter): no deadlock.
    return `exists (select 1 from ${quote(table)} as t where t.id = ?::${columnType(prop)}${scope ? ` and (${scope.sql})` : ''}${condition ? ` and (${condition})` : ''} for key share of t)`;
  });
  // The event's entity type, actor, request id, mutation and field changes (see buildStatement).
  for (let i = 0; i < 5; i++) parameters.push((_insert, _scopePrefix, extras) => extras[i]);
  const sql = `with inserted as (
      insert into ${quote(meta.tableName)} (${properties.map((prop) => quote(prop.fieldNames[0])).join(', ')})
      select ${properties.map((prop) => `?::${columnType(prop)}`).join(', ')}
      ${guards.length ? `where ${guards.join(' and ')}` : ''}
      returning *
    ), next as (
      update change_sequence set value = value + 1 where id = 1 and exists (select 1 from inserted) returning value
    ), logged as (
      insert into change_event (${CHANGE_EVENT_COLUMNS})
      select next.value, ?, inserted.id, 'CREATE', o.id, o.path, ?, ?, ?, ?::jsonb, now()
      from inserted cross join next join organization o on o.id = inserted.${quote(owner.fieldNames[0])}
    )
    select inserted.*, next.value as __sequence from inserted cross join next`;
  const { text, name, placeholders } = numberedStatement('direct_insert', sql);
  if (placeholders !== parameters.length) throw new Error(`direct insert of ${meta.className}: ${placeholders} placeholders, ${parameters.length} values`);
  return { name, text, parameters };
}

function columnType(prop: EntityProperty): string {
  return prop.columnTypes[0];
}

function dbValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value ?? null;
}
