import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { ageOn, todayInChina } from '../../common/dates';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { fixedOrderSource } from '../../common/filters';
import { aggregateField, connectionField, listField, organizationPartition } from '../../common/relations';
import { sensitiveValue } from '../../common/auth/sensitive';
import { maskAddress, maskIdCardNumber, maskPhone, SQL_MASKS } from '../../common/masking';
import { compiledMasked } from '../../common/compiled-read';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';
import { CommunityReport, Member, MemberTransfer, Position, TemporaryMembership } from './member.entity';
import { CommunityReportConnection, MemberConnection, MemberFilter, MemberOrder, TemporaryMembershipConnection } from './member.inputs';
import { applyMemberFilter, memberSource } from './member.loaders';
import {
  AddMemberInput,
  CommunityReportPayload,
  JoinTemporaryBranchInput,
  LeaveTemporaryBranchInput,
  MemberPayload,
  ReportToCommunityInput,
  TemporaryMembershipPayload,
  TransferMemberInput,
  TransferMemberPayload,
  UpdateMemberInput,
} from './member.mutations';
import { addMember, joinTemporaryBranch, leaveTemporaryBranch, reportToCommunity, transferMember, updateMember } from './member.service';
import { fieldsRead } from '../../common/field-dependencies';

const MemberQueries = createEntityQueries({
  entity: Member,
  label: '党员',
  single: 'member',
  plural: 'members',
  connection: MemberConnection,
  filter: MemberFilter,
  order: MemberOrder,
  source: memberSource,
});

const OWN_ROWS = { kind: 'column', column: 'member_id' } as const;
const positionsOf = listField('Member', 'positions', Position, 'position', OWN_ROWS, 'started_at');
const transfersOf = listField('Member', 'transfers', MemberTransfer, 'member_transfer', OWN_ROWS, 'transferred_at');
const temporaryMembershipsOf = listField('Member', 'temporaryMemberships', TemporaryMembership, 'temporary_membership', OWN_ROWS, 'joined_at');
const communityReportsOf = listField('Member', 'communityReports', CommunityReport, 'community_report', OWN_ROWS, 'reported_at');
const memberCountOf = aggregateField('Organization', 'memberCount', ({ includeDescendants, filter }: { includeDescendants: boolean; filter: MemberFilter | null }) => ({
  table: 'member',
  partition: organizationPartition(includeDescendants),
  aggregate: 'count(*)',
  narrow: { variant: filter, apply: (knex, qb) => applyMemberFilter(knex, qb, filter) },
}));

@Resolver(() => Member)
export class MemberResolver extends MemberQueries {
  @FieldResolver(() => Organization, { description: '组织关系所在党组织' })
  organization(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, member.organization);
  }

  @FieldResolver(() => String, { description: '手机号（敏感信息：默认脱敏显示，如 138****1234；有权限的角色看到完整值，且每次读取记入访问日志）' })
  phone(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<string> {
    return sensitiveValue(ctx, member.id, 'phone', member.phone, maskPhone);
  }

  @FieldResolver(() => String, { description: '身份证号（敏感信息：默认脱敏显示，如 421181********123X；有权限的角色看到完整值并记入访问日志）' })
  idCardNumber(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<string> {
    return sensitiveValue(ctx, member.id, 'idCardNumber', member.idCardNumber, maskIdCardNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: '家庭住址（敏感信息：默认脱敏显示；有权限的角色看到完整值并记入访问日志）' })
  async address(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return member.address ? sensitiveValue(ctx, member.id, 'address', member.address, maskAddress) : null;
  }

  @FieldResolver(() => Int, { description: '年龄（周岁），按 asOf 日期计算，默认今天' })
  age(
    @Root() member: Member,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: '计算年龄的参照日期' }) asOf: string | null,
  ): number {
    return ageOn(member.birthDate, asOf ?? todayInChina());
  }

  @FieldResolver(() => [Position], { description: '担任的职务（按任职日期）' })
  positions(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Position[]> {
    return positionsOf(ctx, member.id);
  }

  @FieldResolver(() => [MemberTransfer], { description: '组织关系转接历史（按日期）' })
  transfers(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<MemberTransfer[]> {
    return transfersOf(ctx, member.id);
  }

  @FieldResolver(() => [TemporaryMembership], { description: '在临时党组织中的成员关系（不改变组织关系所在地）' })
  temporaryMemberships(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<TemporaryMembership[]> {
    return temporaryMembershipsOf(ctx, member.id);
  }

  @FieldResolver(() => [CommunityReport], { description: '到村（社区）报到记录' })
  communityReports(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<CommunityReport[]> {
    return communityReportsOf(ctx, member.id);
  }
}

fieldsRead(Member, { age: ['birthDate'] });
compiledMasked('Member', 'phone', { column: 'phone', mask: SQL_MASKS.phone });
compiledMasked('Member', 'idCardNumber', { column: 'id_card_number', mask: SQL_MASKS.idCardNumber });
compiledMasked('Member', 'address', { column: 'address', mask: SQL_MASKS.address, emptyIsNull: true });

const organizationMembers = connectionField(
  'Organization',
  'members',
  ({ includeDescendants, filter, orderBy }: { includeDescendants: boolean; filter: MemberFilter | null; orderBy: InstanceType<typeof MemberOrder> | null }) =>
    memberSource(organizationPartition(includeDescendants), filter, orderBy),
);

/** Member-related fields of an organization. */
@Resolver(() => Organization)
export class OrganizationMembersResolver {
  @FieldResolver(() => MemberConnection, { description: '党员（组织关系在本组织；includeDescendants 为真时含全部下级）' })
  members(
    @Root() org: Organization,
    @Arg('includeDescendants', { defaultValue: false, description: '是否包含全部下级党组织的党员' }) includeDescendants: boolean,
    @Args() page: PageArgs,
    @Arg('filter', () => MemberFilter, { nullable: true, description: '筛选条件' }) filter: MemberFilter | null,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof MemberOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Member>> {
    return organizationMembers(ctx, org.id, page, { includeDescendants, filter, orderBy });
  }

  @FieldResolver(() => Int, { description: '党员人数（includeDescendants 为真时含全部下级）' })
  memberCount(
    @Root() org: Organization,
    @Arg('includeDescendants', { defaultValue: false, description: '是否包含全部下级党组织的党员' }) includeDescendants: boolean,
    @Arg('filter', () => MemberFilter, { nullable: true, description: '筛选条件' }) filter: MemberFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return memberCountOf(ctx, org.id, { includeDescendants, filter });
  }

  @FieldResolver(() => Member, { nullable: true, description: '书记' })
  secretary(@Root() org: Organization, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadReference(ctx, Member, org.secretary);
  }

  @FieldResolver(() => TemporaryMembershipConnection, { description: '临时党组织的成员（其组织关系仍在原党组织）' })
  temporaryMemberships(@Root() org: Organization, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<TemporaryMembership>> {
    return ctx.loaders
      .connection('organization.temporaryMemberships', page, null, () =>
        fixedOrderSource(TemporaryMembership, 'temporary_membership', { kind: 'column', column: 'organization_id' }, 'joined_at'),
      )
      .load(org.id);
  }

  @FieldResolver(() => CommunityReportConnection, { description: '到本村（社区）报到的在职党员记录' })
  communityReports(@Root() org: Organization, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<CommunityReport>> {
    return ctx.loaders
      .connection('organization.communityReports', page, null, () =>
        fixedOrderSource(CommunityReport, 'community_report', { kind: 'column', column: 'community_id' }, 'reported_at'),
      )
      .load(org.id);
  }
}

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Member, { description: '任职党员' })
  member(@Root() position: Position, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, position.member);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '任职所在党组织或单位' })
  organization(@Root() position: Position, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, position.organization);
  }
}

@Resolver(() => MemberTransfer)
export class MemberTransferResolver {
  @FieldResolver(() => Member, { description: '转接的党员' })
  member(@Root() transfer: MemberTransfer, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, transfer.member);
  }

  @FieldResolver(() => Organization, { description: '转出党组织' })
  fromOrganization(@Root() transfer: MemberTransfer, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, transfer.fromOrganization);
  }

  @FieldResolver(() => Organization, { description: '转入党组织' })
  toOrganization(@Root() transfer: MemberTransfer, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, transfer.toOrganization);
  }
}

@Resolver(() => TemporaryMembership)
export class TemporaryMembershipResolver {
  @FieldResolver(() => Member, { description: '党员' })
  member(@Root() membership: TemporaryMembership, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, membership.member);
  }

  @FieldResolver(() => Organization, { description: '临时党组织' })
  organization(@Root() membership: TemporaryMembership, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, membership.organization);
  }
}

@Resolver(() => CommunityReport)
export class CommunityReportResolver {
  @FieldResolver(() => Member, { description: '报到的党员' })
  member(@Root() report: CommunityReport, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, report.member);
  }

  @FieldResolver(() => Organization, { description: '报到的村（社区）党组织' })
  community(@Root() report: CommunityReport, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, report.community);
  }
}

@Resolver()
export class MemberMutationResolver {
  @Mutation(() => MemberPayload, { description: '登记党员（校验身份证号、手机号、入党年龄、组织关系所在组织）' })
  addMember(@MutationInputArg() input: AddMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => addMember(em, input));
  }

  @Mutation(() => MemberPayload, { description: '修改党员信息；填写转正日期即为预备党员转正（支持乐观锁）' })
  updateMember(@MutationInputArg() input: UpdateMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => updateMember(em, input));
  }

  @Mutation(() => TransferMemberPayload, { description: '组织关系转接：变更组织关系所在党组织并保留转接记录' })
  transferMember(@MutationInputArg() input: TransferMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => transferMember(em, input));
  }

  @Mutation(() => TemporaryMembershipPayload, { description: '加入临时党组织（组织关系不变）' })
  joinTemporaryBranch(@MutationInputArg() input: JoinTemporaryBranchInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => joinTemporaryBranch(em, input));
  }

  @Mutation(() => TemporaryMembershipPayload, { description: '离开临时党组织' })
  leaveTemporaryBranch(@MutationInputArg() input: LeaveTemporaryBranchInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => leaveTemporaryBranch(em, input));
  }

  @Mutation(() => CommunityReportPayload, { description: '在职党员到村（社区）报到' })
  reportToCommunity(@MutationInputArg() input: ReportToCommunityInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => reportToCommunity(em, input));
  }
}

export const memberResolvers = [
  MemberMutationResolver,
  MemberResolver,
  OrganizationMembersResolver,
  PositionResolver,
  MemberTransferResolver,
  TemporaryMembershipResolver,
  CommunityReportResolver,
];
