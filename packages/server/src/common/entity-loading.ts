import { LockMode } from '@mikro-orm/core';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { notFound } from './errors';
import { partitionedBase } from './filters';
import { fromGlobalIdOf } from './global-id';
import { currentScopePath } from './request-scope';

/** Which of `ids` the caller may see (all of them for an unrestricted caller, without a query). */
export async function visibleIds(em: EntityManager, entity: EntityClass<object>, ids: readonly number[]): Promise<Set<number>> {
  if (currentScopePath() === null || !ids.length) return new Set(ids);
  const table = em.getMetadata().find(entity.name)!.tableName;
  const query = partitionedBase(em.getKnex(), table, { kind: 'column', column: 'id' }, ids).clearSelect().select('t.id');
  const rows: Array<{ id: number }> = await em.execute(query);
  return new Set(rows.map((row) => row.id));
}

/**
 * Loads the entity a mutation input names by global id, inside the mutation's transaction. An
 * entity outside the caller's subtree is not found, exactly as for reads. Updates pass
 * `forUpdate`: the row lock makes concurrent writers of one row queue, so each sees the version
 * the previous one committed instead of failing the ORM's version check.
 */
export async function loadForWrite<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  globalId: string,
  field: string,
  label: string,
  forUpdate = false,
): Promise<T> {
  const id = fromGlobalIdOf(entity.name, globalId, field);
  if (!(await visibleIds(em, entity as EntityClass<object>, [id])).has(id)) throw notFound(label, globalId);
  const found = await em.findOne(entity, { id } as never, forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!found) throw notFound(label, globalId);
  return found as T;
}
