import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { connectionField, createOrganizationListResolver } from '../../common/relations';
import { FundTransaction } from '../fund/fund.entity';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { Commendation, CommendationBatch } from './commendation.entity';
import {
  CommendationBatchConnection,
  CommendationBatchFilter,
  CommendationBatchOrder,
  CommendationConnection,
  CommendationFilter,
  CommendationOrder,
  RecipientKind,
} from './commendation.inputs';
import {
  BATCH_COMMENDATIONS,
  MEMBER_COMMENDATIONS,
  categoryCountsLoader,
  commendationBatchSource,
  commendationSource,
} from './commendation.loaders';
import { CommendationBatchPayload, IssueCommendationBatchInput } from './commendation.mutations';
import { issueCommendationBatch } from './commendation.service';
import { CommendationCategoryCount, CommendationRecipient } from './commendation.types';

const CommendationBatchQueries = createEntityQueries({
  entity: CommendationBatch,
  label: '表彰批次',
  single: 'commendationBatch',
  plural: 'commendationBatches',
  connection: CommendationBatchConnection,
  filter: CommendationBatchFilter,
  order: CommendationBatchOrder,
  source: commendationBatchSource,
});

const CommendationQueries = createEntityQueries({
  entity: Commendation,
  label: '表彰',
  single: 'commendation',
  plural: 'commendations',
  connection: CommendationConnection,
  filter: CommendationFilter,
  order: CommendationOrder,
  source: commendationSource,
});

@Resolver(() => CommendationBatch)
export class CommendationBatchResolver extends CommendationBatchQueries {
  @FieldResolver(() => Organization, { description: '发布表彰的党组织' })
  issuer(@Root() batch: CommendationBatch, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, batch.issuer);
  }

  @FieldResolver(() => CommendationConnection, { description: '本批次的表彰' })
  commendations(
    @Root() batch: CommendationBatch,
    @Args() page: PageArgs,
    @Arg('filter', () => CommendationFilter, { nullable: true, description: '筛选条件' }) filter: CommendationFilter | null,
    @Arg('orderBy', () => CommendationOrder, { nullable: true, description: '排序方式' })
    orderBy: InstanceType<typeof CommendationOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Commendation>> {
    return ctx.loaders
      .connection('commendationBatch.commendations', page, { filter, orderBy }, () =>
        commendationSource(BATCH_COMMENDATIONS, filter, orderBy),
      )
      .load(batch.id);
  }

  @FieldResolver(() => [CommendationCategoryCount], { description: '按表彰类别统计的表彰数（只列出有表彰的类别）' })
  countsByCategory(@Root() batch: CommendationBatch, @Ctx() ctx: GraphQLContext): Promise<CommendationCategoryCount[]> {
    return categoryCountsLoader(ctx).load(batch.id);
  }
}

@Resolver(() => Commendation)
export class CommendationResolver extends CommendationQueries {
  @FieldResolver(() => CommendationBatch, { description: '所属表彰批次' })
  batch(@Root() commendation: Commendation, @Ctx() ctx: GraphQLContext): Promise<CommendationBatch> {
    return loadRequiredReference(ctx, CommendationBatch, commendation.batch);
  }

  @FieldResolver(() => RecipientKind, { description: '表彰对象类型' })
  recipientKind(@Root() commendation: Commendation): RecipientKind {
    return commendation.recipientMember ? RecipientKind.MEMBER : RecipientKind.ORGANIZATION;
  }

  @FieldResolver(() => CommendationRecipient, { description: '表彰对象：党员或党组织' })
  recipient(@Root() commendation: Commendation, @Ctx() ctx: GraphQLContext): Promise<Member | Organization> {
    return commendation.recipientMember
      ? loadRequiredReference(ctx, Member, commendation.recipientMember)
      : loadRequiredReference(ctx, Organization, commendation.recipientOrganization!);
  }

  @FieldResolver(() => FundTransaction, { nullable: true, description: '支付奖金的资金流水（无奖金为空）' })
  awardTransaction(@Root() commendation: Commendation, @Ctx() ctx: GraphQLContext): Promise<FundTransaction | null> {
    return loadReference(ctx, FundTransaction, commendation.awardTransaction);
  }
}

const memberCommendations = connectionField(
  'Member',
  'commendations',
  ({ filter, orderBy }: { filter: CommendationFilter | null; orderBy: InstanceType<typeof CommendationOrder> | null }) =>
    commendationSource(MEMBER_COMMENDATIONS, filter, orderBy),
);

/** Commendations a member received. */
@Resolver(() => Member)
export class MemberCommendationsResolver {
  @FieldResolver(() => CommendationConnection, { description: '获得的表彰' })
  commendations(
    @Root() member: Member,
    @Args() page: PageArgs,
    @Arg('filter', () => CommendationFilter, { nullable: true, description: '筛选条件' }) filter: CommendationFilter | null,
    @Arg('orderBy', () => CommendationOrder, { nullable: true, description: '排序方式' })
    orderBy: InstanceType<typeof CommendationOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Commendation>> {
    return memberCommendations(ctx, member.id, page, { filter, orderBy });
  }
}

const OrganizationCommendationsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'commendations',
  label: '表彰',
  column: 'recipient_organization_id',
  description: '本党组织作为表彰对象获得的表彰（includeDescendants 为真时含全部下级党组织获得的）',
  connection: CommendationConnection,
  filter: CommendationFilter,
  order: CommendationOrder,
  source: commendationSource,
});

const OrganizationIssuedBatchesResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'issuedCommendationBatches',
  label: '表彰批次',
  column: 'issuer_id',
  description: '本党组织发布的表彰批次（includeDescendants 为真时含全部下级党组织发布的）',
  connection: CommendationBatchConnection,
  filter: CommendationBatchFilter,
  order: CommendationBatchOrder,
  source: commendationBatchSource,
});

@Resolver()
export class CommendationMutationResolver {
  @Mutation(() => CommendationBatchPayload, {
    description: '发布一批表彰：对象为党员或党组织（先进单位只授予党组织）；奖金在同一事务内从指定账户支付，余额不足时整批不予发布',
  })
  issueCommendationBatch(@MutationInputArg() input: IssueCommendationBatchInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => issueCommendationBatch(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const commendationResolvers: Function[] = [
  CommendationMutationResolver,
  CommendationBatchResolver,
  CommendationResolver,
  MemberCommendationsResolver,
  OrganizationCommendationsResolver,
  OrganizationIssuedBatchesResolver,
];
