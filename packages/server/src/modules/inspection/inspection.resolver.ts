import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { daysInclusive, todayInChina } from '../../common/dates';
import { createEntityQueries, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { createOrganizationListResolver, listField } from '../../common/relations';
import { LocalDateScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { InspectionRecord, InspectionTeam, InspectionTeamMember } from './inspection.entity';
import {
  InspectionRecordConnection,
  InspectionRecordFilter,
  InspectionRecordOrder,
  InspectionTeamConnection,
  InspectionTeamFilter,
  InspectionTeamOrder,
} from './inspection.inputs';
import {
  MEMBER_MEMBERSHIPS,
  TEAM_ROWS,
  inspectionRecordSource,
  inspectionTeamSource,
  loadInspectionCoverage,
  teamRecordAggregateField,
} from './inspection.loaders';
import {
  AddInspectionTeamMemberInput,
  EndInspectionTeamServiceInput,
  FormInspectionTeamInput,
  InspectionRecordPayload,
  InspectionTeamMemberPayload,
  InspectionTeamPayload,
  RecordInspectionInput,
  RectifyInspectionFindingInput,
  RectifyInspectionFindingPayload,
} from './inspection.mutations';
import {
  addInspectionTeamMember,
  endInspectionTeamService,
  formInspectionTeam,
  recordInspection,
  rectifyInspectionFinding,
} from './inspection.service';
import { InspectionCoverage } from './inspection.types';
import { fieldsRead } from '../../common/field-dependencies';

const InspectionTeamQueries = createEntityQueries({
  entity: InspectionTeam,
  label: '督查专班',
  single: 'inspectionTeam',
  plural: 'inspectionTeams',
  connection: InspectionTeamConnection,
  filter: InspectionTeamFilter,
  order: InspectionTeamOrder,
  source: inspectionTeamSource,
});

const InspectionRecordQueries = createEntityQueries({
  entity: InspectionRecord,
  label: '督查记录',
  single: 'inspectionRecord',
  plural: 'inspectionRecords',
  connection: InspectionRecordConnection,
  filter: InspectionRecordFilter,
  order: InspectionRecordOrder,
  source: inspectionRecordSource,
});

const recordFilterArg = { nullable: true, description: '只统计符合条件的督查记录' } as const;

const teamMembersOf = listField('InspectionTeam', 'members', InspectionTeamMember, 'inspection_team_member', TEAM_ROWS, 'role');
const teamMembershipsOf = listField('Member', 'inspectionTeamMemberships', InspectionTeamMember, 'inspection_team_member', MEMBER_MEMBERSHIPS, 'served_from');
const recordCountOf = teamRecordAggregateField('recordCount', 'count(*)');
const inspectionDaysOf = teamRecordAggregateField('distinctInspectionDays', 'count(distinct b.inspected_at)');
const coveredOrganizationsOf = teamRecordAggregateField('coveredOrganizationCount', 'count(distinct b.organization_id)');

@Resolver(() => InspectionTeam)
export class InspectionTeamResolver extends InspectionTeamQueries {
  @FieldResolver(() => Organization, { description: '包保区域（如 龙池桥街道）' })
  area(@Root() team: InspectionTeam, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, team.area);
  }

  @FieldResolver(() => Organization, { description: '组建专班的党组织（如 市委组织部）' })
  organizer(@Root() team: InspectionTeam, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, team.organizer);
  }

  @FieldResolver(() => [InspectionTeamMember], { description: '专班成员（组长在前）' })
  members(@Root() team: InspectionTeam, @Ctx() ctx: GraphQLContext): Promise<InspectionTeamMember[]> {
    // 'LEADER' sorts before 'MEMBER'.
    return teamMembersOf(ctx, team.id);
  }

  @FieldResolver(() => InspectionRecordConnection, { description: '本专班的督查记录' })
  records(
    @Root() team: InspectionTeam,
    @Args() page: PageArgs,
    @Arg('filter', () => InspectionRecordFilter, { nullable: true, description: '筛选条件' }) filter: InspectionRecordFilter | null,
    @Arg('orderBy', () => InspectionRecordOrder, { nullable: true, description: '排序方式' })
    orderBy: InstanceType<typeof InspectionRecordOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<InspectionRecord>> {
    return ctx.loaders
      .connection('inspectionTeam.records', page, { filter, orderBy }, () => inspectionRecordSource(TEAM_ROWS, filter, orderBy))
      .load(team.id);
  }

  @FieldResolver(() => Int, { description: '督查记录条数' })
  recordCount(
    @Root() team: InspectionTeam,
    @Arg('filter', () => InspectionRecordFilter, recordFilterArg) filter: InspectionRecordFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return recordCountOf(ctx, team.id, { filter });
  }

  @FieldResolver(() => Int, { description: '开展督查的天数（督查记录中不同日期的个数）' })
  distinctInspectionDays(
    @Root() team: InspectionTeam,
    @Arg('filter', () => InspectionRecordFilter, recordFilterArg) filter: InspectionRecordFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return inspectionDaysOf(ctx, team.id, { filter });
  }

  @FieldResolver(() => Int, { description: '督查覆盖的村（社区）党组织个数（去重）' })
  coveredOrganizationCount(
    @Root() team: InspectionTeam,
    @Arg('filter', () => InspectionRecordFilter, recordFilterArg) filter: InspectionRecordFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return coveredOrganizationsOf(ctx, team.id, { filter });
  }
}

@Resolver(() => InspectionTeamMember)
export class InspectionTeamMemberResolver {
  @FieldResolver(() => InspectionTeam, { description: '所在督查专班' })
  team(@Root() membership: InspectionTeamMember, @Ctx() ctx: GraphQLContext): Promise<InspectionTeam> {
    return loadRequiredReference(ctx, InspectionTeam, membership.team);
  }

  @FieldResolver(() => Member, { description: '专班成员（党员干部）' })
  member(@Root() membership: InspectionTeamMember, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, membership.member);
  }

  @FieldResolver(() => Int, { description: '在岗天数：从到岗日期到离岗日期（仍在岗时到 asOf，默认今天），首尾两天都计入' })
  daysOnDuty(
    @Root() membership: InspectionTeamMember,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: '仍在岗时计算天数的截止日期（默认今天）' }) asOf: string | null,
  ): number {
    return daysInclusive(membership.servedFrom, membership.servedTo ?? asOf ?? todayInChina());
  }
}

fieldsRead(InspectionTeamMember, { daysOnDuty: ['servedFrom', 'servedTo'] });

@Resolver(() => InspectionRecord)
export class InspectionRecordResolver extends InspectionRecordQueries {
  @FieldResolver(() => InspectionTeam, { description: '开展督查的专班' })
  team(@Root() record: InspectionRecord, @Ctx() ctx: GraphQLContext): Promise<InspectionTeam> {
    return loadRequiredReference(ctx, InspectionTeam, record.team);
  }

  @FieldResolver(() => Organization, { description: '被督查的村（社区）党组织' })
  organization(@Root() record: InspectionRecord, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, record.organization);
  }
}

@Resolver()
export class InspectionCoverageResolver {
  @Query(() => InspectionCoverage, { description: '督查覆盖情况：范围内村（社区）党组织被督查的数量与比例' })
  inspectionCoverage(
    @Arg('organizationId', () => ID, { nullable: true, description: '统计范围党组织（含全部下级；为空表示全市）' }) organizationId: string | null,
    @Arg('round', () => Int, { nullable: true, description: '只统计该轮次（为空表示不限轮次）' }) round: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InspectionCoverage> {
    return loadInspectionCoverage(ctx, organizationId, round);
  }
}

/** Teams a member has served on. */
@Resolver(() => Member)
export class MemberInspectionResolver {
  @FieldResolver(() => [InspectionTeamMember], { description: '参加督查专班的情况（按到岗日期）' })
  inspectionTeamMemberships(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<InspectionTeamMember[]> {
    return teamMembershipsOf(ctx, member.id);
  }
}

const OrganizationInspectionsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'inspections',
  label: '督查记录',
  description: '本村（社区）党组织接受督查的记录（includeDescendants 为真时含全部下级党组织）',
  connection: InspectionRecordConnection,
  filter: InspectionRecordFilter,
  order: InspectionRecordOrder,
  source: inspectionRecordSource,
});

const OrganizationInspectionTeamsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'inspectionTeams',
  label: '督查专班',
  column: 'area_id',
  description: '包保本党组织区域的督查专班（includeDescendants 为真时含包保下级党组织区域的专班）',
  connection: InspectionTeamConnection,
  filter: InspectionTeamFilter,
  order: InspectionTeamOrder,
  source: inspectionTeamSource,
});

@Resolver()
export class InspectionMutationResolver {
  @Mutation(() => InspectionTeamPayload, { description: '组建督查专班（1 至 10 名成员，有且只有 1 名组长；专班序号唯一；包保区域须未撤销）' })
  formInspectionTeam(@MutationInputArg() input: FormInspectionTeamInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => formInspectionTeam(em, input));
  }

  @Mutation(() => InspectionTeamMemberPayload, { description: '为督查专班增加成员（已有在岗组长时只能增加组员；在岗成员不超过 10 人）' })
  addInspectionTeamMember(@MutationInputArg() input: AddInspectionTeamMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => addInspectionTeamMember(em, input));
  }

  @Mutation(() => InspectionTeamMemberPayload, { description: '督查专班成员离岗（离岗日期不早于到岗日期）' })
  endInspectionTeamService(@MutationInputArg() input: EndInspectionTeamServiceInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => endInspectionTeamService(em, input));
  }

  @Mutation(() => InspectionRecordPayload, { description: '登记一次督查：对象须为专班包保区域内的村（社区）党组织；发现问题时整改状态为待整改' })
  recordInspection(@MutationInputArg() input: RecordInspectionInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => recordInspection(em, input));
  }

  @Mutation(() => RectifyInspectionFindingPayload, { description: '督查发现的问题整改完成（只适用于待整改的记录；支持乐观锁）' })
  rectifyInspectionFinding(@MutationInputArg() input: RectifyInspectionFindingInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => rectifyInspectionFinding(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const inspectionResolvers: Function[] = [
  InspectionMutationResolver,
  InspectionTeamResolver,
  InspectionTeamMemberResolver,
  InspectionRecordResolver,
  InspectionCoverageResolver,
  MemberInspectionResolver,
  OrganizationInspectionsResolver,
  OrganizationInspectionTeamsResolver,
];
