import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { fixedOrderSource } from '../../common/filters';
import { OrderDirection, PageArgs, type Connection } from '../../common/pagination';
import { Organization, OrganizationMove } from './organization.entity';
import { OrganizationConnection, OrganizationFilter, OrganizationMoveConnection, OrganizationOrder } from './organization.inputs';
import { ancestorsLoader, organizationSource } from './organization.loaders';

const OrganizationQueries = createEntityQueries({
  entity: Organization,
  label: '党组织',
  single: 'organization',
  plural: 'organizations',
  connection: OrganizationConnection,
  filter: OrganizationFilter,
  order: OrganizationOrder,
  source: organizationSource,
});

@Resolver(() => Organization)
export class OrganizationResolver extends OrganizationQueries {
  @FieldResolver(() => Organization, { nullable: true, description: '上级党组织（市委为空）' })
  parent(@Root() org: Organization, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, org.parent);
  }

  @FieldResolver(() => OrganizationConnection, { description: '直接下级党组织' })
  children(
    @Root() org: Organization,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件' }) filter: OrganizationFilter | null,
    @Arg('orderBy', () => OrganizationOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof OrganizationOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return ctx.loaders
      .connection('organization.children', page, { filter, orderBy }, () =>
        organizationSource({ kind: 'column', column: 'parent_id' }, filter, orderBy),
      )
      .load(org.id);
  }

  @FieldResolver(() => OrganizationConnection, { description: '全部下级党组织（整棵子树，不含自身）' })
  descendants(
    @Root() org: Organization,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件' }) filter: OrganizationFilter | null,
    @Arg('orderBy', () => OrganizationOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof OrganizationOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return ctx.loaders
      .connection('organization.descendants', page, { filter, orderBy }, () =>
        organizationSource({ kind: 'subtree', column: 'id' }, filter, orderBy),
      )
      .load(org.id);
  }

  @FieldResolver(() => [Organization], { description: '全部上级党组织，从市委开始依次向下' })
  ancestors(@Root() org: Organization, @Ctx() ctx: GraphQLContext): Promise<Organization[]> {
    return ancestorsLoader(ctx).load(org.id);
  }

  @FieldResolver(() => OrganizationMoveConnection, { description: '隶属关系调整历史' })
  moves(@Root() org: Organization, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<OrganizationMove>> {
    return ctx.loaders
      .connection('organization.moves', page, null, () =>
        fixedOrderSource(OrganizationMove, 'organization_move', { kind: 'column', column: 'organization_id' }, 'moved_at', OrderDirection.DESC),
      )
      .load(org.id);
  }
}

@Resolver(() => OrganizationMove)
export class OrganizationMoveResolver {
  @FieldResolver(() => Organization, { description: '被调整的党组织' })
  organization(@Root() move: OrganizationMove, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, move.organization);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '原上级党组织' })
  fromParent(@Root() move: OrganizationMove, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, move.fromParent);
  }

  @FieldResolver(() => Organization, { description: '新上级党组织' })
  toParent(@Root() move: OrganizationMove, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, move.toParent);
  }
}

export const organizationResolvers = [OrganizationResolver, OrganizationMoveResolver];
