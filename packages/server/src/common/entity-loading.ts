import { LockMode } from '@mikro-orm/core';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { notFound } from './errors';
import { fromGlobalIdOf } from './global-id';

/**
 * Loads the entity a mutation input names by global id, inside the mutation's transaction.
 * Updates pass `forUpdate`: the row lock makes concurrent writers of one row queue, so each sees
 * the version the previous one committed instead of failing the ORM's version check.
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
  const found = await em.findOne(entity, { id } as never, forUpdate ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!found) throw notFound(label, globalId);
  return found as T;
}
