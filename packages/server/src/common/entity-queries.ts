import type { EntityClass } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, ID, Query, Resolver, type ClassType } from 'type-graphql';
import type { GraphQLContext } from './context';
import { ErrorCode, notFound } from './errors';
import { fromGlobalIdOf } from './global-id';
import { PageArgs, type Connection, type ConnectionSource } from './pagination';
import type { Partition } from './filters';
import { lookupField } from './compiled-read';
import { connectionField } from './relations';

export interface EntityQueriesOptions<T extends object, F extends object, O extends object> {
  entity: EntityClass<T> & ClassType<T>;
  /** Chinese name of the entity, used in descriptions and messages. */
  label: string;
  /** Root field names, e.g. `member` and `members`. */
  single: string;
  plural: string;
  connection: ClassType<Connection<T>>;
  filter: ClassType<F>;
  order: ClassType<O>;
  /** The connection's rows for a partition, filter and order. */
  source: (partition: Partition, filter?: F | null, order?: O | null) => ConnectionSource<T>;
}

/** Loads an entity by global id, failing with NOT_FOUND when it does not exist. */
export async function findByGlobalId<T extends object>(
  ctx: GraphQLContext,
  entity: EntityClass<T>,
  globalId: string,
  label: string,
): Promise<T> {
  const id = fromGlobalIdOf(entity.name, globalId);
  const found = await ctx.loaders.byId(entity).load(id);
  if (!found) throw notFound(label, globalId);
  return found;
}

/**
 * The two root queries every entity has: a lookup by id and a filtered, ordered Relay connection.
 * Module resolvers extend the class this returns and add their field resolvers.
 */
export function createEntityQueries<T extends object, F extends object, O extends object>(options: EntityQueriesOptions<T, F, O>) {
  const { entity, label } = options;
  lookupField(options.single, entity.name);
  const listOf = connectionField('Query', options.plural, ({ filter, orderBy }: { filter: F | null; orderBy: O | null }) =>
    options.source({ kind: 'root' }, filter, orderBy),
  );

  @Resolver()
  abstract class EntityQueries {
    @Query(() => entity, { name: options.single, nullable: true, description: `按 ID 获取${label}` })
    async lookup(@Arg('id', () => ID, { description: `${label}的全局 ID` }) id: string, @Ctx() ctx: GraphQLContext): Promise<T> {
      return findByGlobalId(ctx, entity, id, label);
    }

    @Query(() => options.connection, { name: options.plural, description: `${label}列表（游标分页，可筛选、排序）` })
    async list(
      @Args() page: PageArgs,
      @Arg('filter', () => options.filter, { nullable: true, description: '筛选条件' }) filter: F | null,
      @Arg('orderBy', () => options.order, { nullable: true, description: '排序方式' }) orderBy: O | null,
      @Ctx() ctx: GraphQLContext,
    ): Promise<Connection<T>> {
      return listOf(ctx, 0, page, { filter, orderBy });
    }
  }
  return EntityQueries;
}

/** Resolves a many-to-one reference through the request's batched by-id loader. */
export function loadReference<T extends object>(
  ctx: GraphQLContext,
  entity: EntityClass<T>,
  reference: { id: number } | null | undefined,
): Promise<T | null> {
  return reference ? ctx.loaders.byId(entity).load(reference.id) : Promise.resolve(null);
}

/**
 * Like loadReference, for references that are never null. Foreign keys rule out dangling ones, so
 * a missing row lies outside the caller's subtree (e.g. the organization a member transferred in
 * from), and reads as not found, like any lookup there.
 */
export async function loadRequiredReference<T extends object>(
  ctx: GraphQLContext,
  entity: EntityClass<T>,
  reference: { id: number },
): Promise<T> {
  const found = await ctx.loaders.byId(entity).load(reference.id);
  if (!found) {
    throw new GraphQLError(`引用的${entity.name}不在您的可见范围内`, { extensions: { code: ErrorCode.NotFound, typeName: entity.name } });
  }
  return found;
}
