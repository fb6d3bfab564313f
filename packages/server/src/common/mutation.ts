import { createHash } from 'node:crypto';
import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MaxLength } from 'class-validator';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { Arg, Field, InputType, ObjectType } from 'type-graphql';
import type { GraphQLContext } from './context';
import { oneStatementPath } from './compiled-mutation';
import { badUserInput, ErrorCode } from './errors';
import { requestScope } from './request-scope';

@InputType({ description: '变更操作的公共输入' })
export class MutationInput {
  @Field(() => String, { nullable: true, description: '客户端自定义标识，原样返回（Relay 规范）' })
  @MaxLength(200)
  clientMutationId?: string | null;

  @Field(() => String, { nullable: true, description: '幂等键：同一操作人以相同幂等键重试时，返回首次结果且不重复写入（也可用 Idempotency-Key 请求头）' })
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@ObjectType({ description: '变更操作的公共返回' })
export class MutationPayload {
  @Field(() => String, { nullable: true, description: '请求中的 clientMutationId，原样返回' })
  clientMutationId?: string | null;
}

/** The `input` argument every mutation takes. */
export const MutationInputArg = () => Arg('input', { description: '变更输入' });

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Conflict, ...extensions } });
}

/** Optimistic locking: a write that names a version other than the current one changes nothing. */
export function checkVersion(entity: { version: number }, expectedVersion: number | null | undefined, label: string): void {
  if (expectedVersion != null && expectedVersion !== entity.version) {
    throw conflict(`${label}已被他人修改（当前版本 ${entity.version}，请求版本 ${expectedVersion}），请刷新后重试`, {
      currentVersion: entity.version,
    });
  }
}

function persistenceError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof OptimisticLockError) return conflict('数据已被他人修改，请刷新后重试');
  if (error instanceof UniqueConstraintViolationException) return conflict('与已有数据重复（唯一性约束）');
  if (error instanceof CheckConstraintViolationException || error instanceof NotNullConstraintViolationException) {
    return badUserInput('数据不符合约束条件');
  }
  if (error instanceof ForeignKeyConstraintViolationException) return badUserInput('引用的数据不存在或仍被引用');
  return error;
}

type StoredValue = { $entity: string; id: number } | StoredValue[] | string | number | boolean | null;

function storeValue(value: unknown): StoredValue {
  if (Array.isArray(value)) return value.map(storeValue);
  if (value && typeof value === 'object' && 'id' in value) return { $entity: value.constructor.name, id: (value as { id: number }).id };
  if (typeof value === 'bigint') return value.toString();
  return (value ?? null) as StoredValue;
}

async function restoreValue(ctx: GraphQLContext, value: StoredValue): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => restoreValue(ctx, item)));
  if (value && typeof value === 'object') {
    const entity = ctx.em.getMetadata().find(value.$entity)?.class;
    return entity ? ctx.loaders.byId(entity as never).load(value.id) : null;
  }
  return value;
}

function requestHash(mutation: string, input: MutationInput): string {
  const { clientMutationId: _c, idempotencyKey: _k, ...rest } = input;
  const json = JSON.stringify(rest, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return createHash('sha256').update(`${mutation}:${json}`).digest('hex');
}

/** Takes the key, or returns the stored first result; a concurrent holder of the key makes this wait for its commit. */
async function claimKey(em: EntityManager, actor: string, key: string, mutation: string, hash: string) {
  const inserted = await em.execute(
    `insert into idempotency_record (actor, key, mutation, request_hash) values (?, ?, ?, ?)
     on conflict (actor, key) do nothing returning id`,
    [actor, key, mutation, hash],
  );
  if (inserted.length) return null;
  const [stored] = await em.execute<Array<{ mutation: string; request_hash: string; payload: Record<string, StoredValue> }>>(
    'select mutation, request_hash, payload from idempotency_record where actor = ? and key = ?',
    [actor, key],
  );
  if (stored.mutation !== mutation || stored.request_hash !== hash) {
    throw badUserInput('该幂等键已用于另一个不同的请求，请为新请求使用新的幂等键', 'idempotencyKey');
  }
  return stored.payload;
}

export interface MutationOptions {
  ctx: GraphQLContext;
  info: GraphQLResolveInfo;
  input: MutationInput;
}

/**
 * Runs one mutation: in a transaction, with the change log written by the flush subscriber, the
 * idempotency key honoured (input or `Idempotency-Key` header), persistence failures turned into
 * coded errors, and the request's caches cleared so the payload shows the committed state.
 */
export async function runMutation<P extends object>(
  { ctx, info, input }: MutationOptions,
  work: (em: EntityManager) => Promise<P>,
): Promise<P & MutationPayload> {
  const mutation = info.fieldName;
  const scope = requestScope.getStore();
  if (scope) scope.mutation = mutation;
  const actor = scope?.actor ?? 'anonymous';
  const key = input.idempotencyKey ?? (ctx.idempotencyKey ? `${ctx.idempotencyKey}:${info.path.key}` : null);
  // A declared one-statement path (compiledMutation) is tried first unless an idempotency key is
  // given: it commits completely (and signals the commit) or writes nothing and returns null, and
  // then `work` runs as usual. Made before execution already, the attempt is taken over.
  const direct = oneStatementPath(mutation);
  if (direct && !key && ctx.config.directWrites) {
    const result = await (ctx.directAttempt ?? direct(ctx, input));
    if (result) return readBack(ctx, input, storedPayload(result));
  }
  const hash = requestHash(mutation, input);
  let stored: Record<string, StoredValue>;
  let committed = false;
  try {
    stored = await ctx.em.transactional(async (em) => {
      const replay = key ? await claimKey(em, actor, key, mutation, hash) : null;
      if (replay) return replay;
      const result = await work(em);
      await em.flush();
      const payload = storedPayload(result);
      if (key) await em.execute('update idempotency_record set payload = ? where actor = ? and key = ?', [JSON.stringify(payload), actor, key]);
      committed = true;
      return payload;
    });
  } catch (error) {
    throw persistenceError(error);
  } finally {
    ctx.em.clear();
    ctx.loaders.clear();
  }
  if (committed) ctx.onCommitted?.();
  return readBack(ctx, input, stored);
}

function storedPayload(result: object): Record<string, StoredValue> {
  return Object.fromEntries(Object.entries(result).map(([field, value]) => [field, storeValue(value)]));
}

/**
 * The payload is read back after the commit (as a replay is): every object is complete, current
 * and seen through the caller's scope, whatever the service had loaded. Each field is read only
 * if the operation selects it.
 */
function readBack<P>(ctx: GraphQLContext, input: MutationInput, stored: Record<string, StoredValue>): P & MutationPayload {
  const payload: Record<string, unknown> = { clientMutationId: input.clientMutationId ?? null };
  for (const [field, value] of Object.entries(stored)) {
    let restored: Promise<unknown> | undefined;
    Object.defineProperty(payload, field, { enumerable: true, get: () => (restored ??= restoreValue(ctx, value)) });
  }
  return payload as P & MutationPayload;
}
