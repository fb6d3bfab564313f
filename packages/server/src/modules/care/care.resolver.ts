import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { compiledMutation } from '../../common/compiled-mutation';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { createOrganizationListResolver, listField } from '../../common/relations';
import { FundTransaction } from '../fund/fund.entity';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { CareVisit } from './care-visit.entity';
import { CareVisitConnection, CareVisitFilter, CareVisitOrder } from './care.inputs';
import { careVisitSource } from './care.loaders';
import { CareVisitPayload, RecordCareVisitInput } from './care.mutations';
import { recordCareVisit, recordCareVisitDirect } from './care.service';

const CareVisitQueries = createEntityQueries({
  entity: CareVisit,
  label: '慰问记录',
  single: 'careVisit',
  plural: 'careVisits',
  connection: CareVisitConnection,
  filter: CareVisitFilter,
  order: CareVisitOrder,
  source: careVisitSource,
});

@Resolver(() => CareVisit)
export class CareVisitResolver extends CareVisitQueries {
  @FieldResolver(() => Organization, { description: '组织慰问的党组织' })
  organization(@Root() visit: CareVisit, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, visit.organization);
  }

  @FieldResolver(() => Member, { nullable: true, description: '慰问人（党员）' })
  visitor(@Root() visit: CareVisit, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadReference(ctx, Member, visit.visitor);
  }

  @FieldResolver(() => Member, { nullable: true, description: '被慰问的党员（慰问对象不是党员时为空，如医务人员家属）' })
  recipientMember(@Root() visit: CareVisit, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadReference(ctx, Member, visit.recipientMember);
  }

  @FieldResolver(() => FundTransaction, { nullable: true, description: '慰问金支出的资金流水（未发放慰问金时为空）' })
  fundTransaction(@Root() visit: CareVisit, @Ctx() ctx: GraphQLContext): Promise<FundTransaction | null> {
    return loadReference(ctx, FundTransaction, visit.fundTransaction);
  }
}

/** Care visits a member received. */
const careVisitsReceivedBy = listField('Member', 'careVisitsReceived', CareVisit, 'care_visit', { kind: 'column', column: 'recipient_member_id' }, 'visited_at');

@Resolver(() => Member)
export class MemberCareResolver {
  @FieldResolver(() => [CareVisit], { description: '该党员接受的慰问（按慰问日期）' })
  careVisitsReceived(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<CareVisit[]> {
    return careVisitsReceivedBy(ctx, member.id);
  }
}

const OrganizationCareVisitsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'careVisits',
  label: '慰问记录',
  description: '本组织开展的慰问（includeDescendants 为真时含全部下级党组织开展的慰问）',
  connection: CareVisitConnection,
  filter: CareVisitFilter,
  order: CareVisitOrder,
  source: careVisitSource,
});

@Resolver()
export class CareMutationResolver {
  @Mutation(() => CareVisitPayload, {
    description: '登记慰问（电话慰问或实地走访）；可同时从资金账户发放慰问金（同一事务中记入一笔 慰问 支出流水，余额不足时拒绝）',
  })
  recordCareVisit(@MutationInputArg() input: RecordCareVisitInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => recordCareVisit(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const careResolvers: Function[] = [CareMutationResolver, CareVisitResolver, MemberCareResolver, OrganizationCareVisitsResolver];

// The common case (no 慰问金) in one statement, before runMutation's full path.
compiledMutation('recordCareVisit', { rows: ['careVisit'], run: (ctx, input) => recordCareVisitDirect(ctx, input as RecordCareVisitInput) });
