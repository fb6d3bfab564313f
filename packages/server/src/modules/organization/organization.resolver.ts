import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { fixedOrderSource } from '../../common/filters';
import { connectionField } from '../../common/relations';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { OrderDirection, PageArgs, type Connection } from '../../common/pagination';
import { Organization, OrganizationMove } from './organization.entity';
import { OrganizationConnection, OrganizationFilter, OrganizationMoveConnection, OrganizationOrder } from './organization.inputs';
import { ancestorsLoader, organizationSource } from './organization.loaders';
import {
  ArchiveOrganizationInput,
  CreateOrganizationInput,
  MoveOrganizationInput,
  MoveOrganizationPayload,
  OrganizationPayload,
  UpdateOrganizationInput,
} from './organization.mutations';
import { archiveOrganization, createOrganization, moveOrganization, updateOrganization } from './organization.service';

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

type OrganizationListArgs = { filter: OrganizationFilter | null; orderBy: InstanceType<typeof OrganizationOrder> | null };
const childrenOf = connectionField('Organization', 'children', ({ filter, orderBy }: OrganizationListArgs) =>
  organizationSource({ kind: 'column', column: 'parent_id' }, filter, orderBy),
);
const descendantsOf = connectionField('Organization', 'descendants', ({ filter, orderBy }: OrganizationListArgs) =>
  organizationSource({ kind: 'subtree', column: 'id' }, filter, orderBy),
);

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
    return childrenOf(ctx, org.id, page, { filter, orderBy });
  }

  @FieldResolver(() => OrganizationConnection, { description: '全部下级党组织（整棵子树，不含自身）' })
  descendants(
    @Root() org: Organization,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件' }) filter: OrganizationFilter | null,
    @Arg('orderBy', () => OrganizationOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof OrganizationOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Organization>> {
    return descendantsOf(ctx, org.id, page, { filter, orderBy });
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

@Resolver()
export class OrganizationMutationResolver {
  @Mutation(() => OrganizationPayload, { description: '新建党组织（类别须符合上级的设置规则；临时党组织须有任务和批准文号）' })
  createOrganization(@MutationInputArg() input: CreateOrganizationInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => createOrganization(em, input));
  }

  @Mutation(() => OrganizationPayload, { description: '修改党组织基本信息（支持乐观锁）' })
  updateOrganization(@MutationInputArg() input: UpdateOrganizationInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => updateOrganization(em, input));
  }

  @Mutation(() => OrganizationPayload, { description: '撤销党组织（仍有党员或未撤销下级时拒绝；临时党组织的成员关系随之结束）' })
  archiveOrganization(@MutationInputArg() input: ArchiveOrganizationInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => archiveOrganization(em, input));
  }

  @Mutation(() => MoveOrganizationPayload, { description: '调整隶属关系：整棵子树原子地移到新上级之下，并记录文号和原因' })
  moveOrganization(@MutationInputArg() input: MoveOrganizationInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => moveOrganization(em, input));
  }
}

export const organizationResolvers = [OrganizationResolver, OrganizationMoveResolver, OrganizationMutationResolver];
