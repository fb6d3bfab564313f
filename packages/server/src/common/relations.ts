import type { EntityClass, Knex } from '@mikro-orm/postgresql';
import { hydrate } from './hydration';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { GraphQLContext } from './context';
import { partitionedBase, type Partition } from './filters';
import { PageArgs, type Connection, type ConnectionSource } from './pagination';
import { compiledAggregate, compiledConnection, compiledList, type AggregateSpec, type ConnectionFieldArgs } from './compiled-read';

/** Rows whose organization `column` is the key organization, or (with descendants) lies in its subtree. */
export function organizationPartition(includeDescendants: boolean, column = 'organization_id'): Partition {
  return includeDescendants ? { kind: 'subtree', column } : { kind: 'column', column };
}

/** Rows of `table` for each key as a plain list ordered by `orderColumn` then id, one statement for all keys. */
export function listLoader<T extends object>(
  ctx: GraphQLContext,
  entity: EntityClass<T>,
  table: string,
  partition: Partition,
  orderColumn: string,
) {
  return ctx.loaders.grouped<T>(`list:${table}:${JSON.stringify(partition)}:${orderColumn}`, async (keys) => {
    const knex = ctx.em.getKnex();
    const plan = ctx.loaders.rowPlan(entity.name);
    const query = partitionedBase(knex, table, partition, keys).orderBy([`t.${orderColumn}`, 't.id']);
    const rows: Array<Record<string, unknown>> = await ctx.em.execute(plan.wrap(knex, query, ['__key', orderColumn, 'id']));
    return rows.map((row) => {
      plan.prime(row);
      return [row.__key as number, hydrate(ctx.em, entity, row)];
    });
  });
}

/**
 * Declares a connection field's rows once for both ways of answering it: batched through the
 * request's loaders when resolvers run, and in the statement of a compiled read.
 */
export function connectionField<T extends object, A extends ConnectionFieldArgs>(parentType: string, field: string, source: (args: A) => ConnectionSource<T>) {
  compiledConnection(parentType, field, source);
  const name = `${parentType}.${field}`;
  return (ctx: GraphQLContext, parentKey: number, page: PageArgs, args: A) => ctx.loaders.connection(name, page, args, () => source(args)).load(parentKey);
}

/**
 * Declares a plain list field of `parentType` (e.g. a member's positions): batched through
 * `listLoader` when resolvers run, and in the statement of a compiled read.
 */
export function listField<T extends object>(parentType: string, field: string, entity: EntityClass<T>, table: string, partition: Partition, orderColumn = 'id') {
  compiledList(parentType, field, { entity: entity.name, table, partition, orderColumn });
  return (ctx: GraphQLContext, parentKey: number) => listLoader(ctx, entity, table, partition, orderColumn).load(parentKey);
}

/** Declares an integer aggregate field of `parentType` (e.g. an organization's member count), for the loaders and compiled reads. */
export function aggregateField<A>(parentType: string, field: string, spec: (args: A) => AggregateSpec) {
  compiledAggregate(parentType, field, spec);
  return (ctx: GraphQLContext, parentKey: number, args: A) => {
    const { table, partition, aggregate, narrow } = spec(args);
    return aggregateLoader(ctx, table, partition, aggregate, narrow).load(parentKey);
  };
}

/** Declares a field counting each parent's rows of `table`, e.g. a squad's member count. */
export function countField(parentType: string, field: string, table: string, partition: Partition) {
  const count = aggregateField(parentType, field, () => ({ table, partition, aggregate: 'count(*)' }));
  return (ctx: GraphQLContext, parentKey: number) => count(ctx, parentKey, {});
}

/**
 * One numeric aggregate per key over the key's rows of `table` (aliased `b`), e.g. `count(*)` or
 * `count(distinct b.inspected_at)`; `narrow` may restrict the rows (aliased `t`), e.g. by a filter.
 * `variant` must identify the narrowing. One statement for all keys.
 */
export function aggregateLoader(
  ctx: GraphQLContext,
  table: string,
  partition: Partition,
  aggregate: string,
  narrow?: { variant: unknown; apply: (knex: Knex, qb: Knex.QueryBuilder) => void },
) {
  const name = `aggregate:${table}:${JSON.stringify(partition)}:${aggregate}:${JSON.stringify(narrow?.variant ?? null)}`;
  return ctx.loaders.scalar<number>(name, 0, async (keys) => {
    const knex = ctx.em.getKnex();
    const inner = partitionedBase(knex, table, partition, keys);
    narrow?.apply(knex, inner);
    const rows: Array<{ key: number; value: string }> = await ctx.em.execute(
      knex.select('b.__key as key', knex.raw(`${aggregate} as value`)).from(inner.as('b')).groupBy('b.__key'),
    );
    return rows.map((row) => [row.key, Number(row.value)]);
  });
}

export interface OrganizationListOptions<T extends object, F extends object, O extends object> {
  /** The organization type the field is added to. */
  organization: ClassType;
  /** Field name, e.g. `posts`. */
  name: string;
  /** Chinese name of the listed entity, used in descriptions. */
  label: string;
  /** The rows' organization column (default `organization_id`). */
  column?: string;
  /** Field description (default: the organization's rows, with or without its subtree). */
  description?: string;
  connection: ClassType<Connection<T>>;
  filter: ClassType<F>;
  order: ClassType<O>;
  /** The connection's rows for a partition, filter and order. */
  source: (partition: Partition, filter?: F | null, order?: O | null) => ConnectionSource<T>;
}

/**
 * Adds a connection field to Organization listing the entity's rows set up at the organization
 * (`includeDescendants: true` also takes in its whole subtree). Batched across organizations.
 */
export function createOrganizationListResolver<T extends object, F extends object, O extends object>(
  options: OrganizationListOptions<T, F, O>,
) {
  const { name, label } = options;
  const rowsOf = connectionField(
    options.organization.name,
    name,
    ({ includeDescendants, filter, orderBy }: { includeDescendants: boolean; filter: F | null; orderBy: O | null }) =>
      options.source(organizationPartition(includeDescendants, options.column), filter, orderBy),
  );

  // type-graphql pairs a field with its resolver by method name, so the method is named after the field.
  @Resolver(() => options.organization)
  class OrganizationListResolver {
    @FieldResolver(() => options.connection, {
      name,
      description: options.description ?? `本党组织的${label}（includeDescendants 为真时含全部下级党组织）`,
    })
    [name](
      @Root() org: { id: number },
      @Arg('includeDescendants', { defaultValue: false, description: `是否包含全部下级党组织的${label}` }) includeDescendants: boolean,
      @Args() page: PageArgs,
      @Arg('filter', () => options.filter, { nullable: true, description: '筛选条件' }) filter: F | null,
      @Arg('orderBy', () => options.order, { nullable: true, description: '排序方式' }) orderBy: O | null,
      @Ctx() ctx: GraphQLContext,
    ): Promise<Connection<T>> {
      return rowsOf(ctx, org.id, page, { includeDescendants, filter, orderBy });
    }
  }
  return OrganizationListResolver;
}
