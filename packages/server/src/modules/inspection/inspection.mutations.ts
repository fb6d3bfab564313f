import { ArrayMaxSize, ArrayMinSize, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { NotInFuture, TrimmedText } from '../../common/validators';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { InspectionRecord, InspectionTeam, InspectionTeamMember, TeamRole } from './inspection.entity';

/** A team has between one and this many cadres on duty at a time (the leader included). */
export const MAX_TEAM_MEMBERS = 10;

@InputType({ description: '督查专班成员（组建专班时填写）' })
export class InspectionTeamMemberInput {
  @Field(() => ID, { description: '党员（干部）ID' })
  memberId!: string;

  @Field(() => TeamRole, { description: '角色：组长 / 组员（每个专班有且只有 1 名组长）' })
  role!: TeamRole;

  @Field(() => LocalDateScalar, { description: '到岗日期（不晚于今天）' })
  @NotInFuture()
  servedFrom!: string;
}

@InputType({ description: '组建督查专班' })
export class FormInspectionTeamInput extends MutationInput {
  @Field({ description: '专班名称（如 第一督查专班）' })
  @TrimmedText(50)
  name!: string;

  @Field(() => Int, { description: '专班序号（唯一，从 1 开始）' })
  @Min(1, { message: '专班序号须为正整数' })
  number!: number;

  @Field(() => ID, { description: '包保区域党组织 ID（须未撤销）' })
  areaId!: string;

  @Field(() => ID, { description: '组建专班的党组织 ID（如 市委组织部，须未撤销）' })
  organizerId!: string;

  @Field(() => LocalDateScalar, { description: '组建日期（不早于包保区域与组建单位的成立日期，不晚于今天）' })
  @NotInFuture()
  formedAt!: string;

  @Field(() => [InspectionTeamMemberInput], {
    description: `专班成员（1 至 ${MAX_TEAM_MEMBERS} 人，有且只有 1 名组长，同一党员不得重复）`,
  })
  @ArrayMinSize(1, { message: '专班至少要有 1 名成员（组长）' })
  @ArrayMaxSize(MAX_TEAM_MEMBERS, { message: `专班最多 ${MAX_TEAM_MEMBERS} 名成员` })
  @ValidateNested()
  members!: InspectionTeamMemberInput[];
}

@InputType({ description: '为督查专班增加成员' })
export class AddInspectionTeamMemberInput extends MutationInput {
  @Field(() => ID, { description: '督查专班 ID' })
  teamId!: string;

  @Field(() => ID, { description: '党员（干部）ID（不得已在该专班在岗）' })
  memberId!: string;

  @Field(() => TeamRole, { description: '角色：组长 / 组员（专班已有在岗组长时只能为组员）' })
  role!: TeamRole;

  @Field(() => LocalDateScalar, { description: '到岗日期（不晚于今天）' })
  @NotInFuture()
  servedFrom!: string;
}

@InputType({ description: '督查专班成员离岗' })
export class EndInspectionTeamServiceInput extends MutationInput {
  @Field(() => ID, { description: '专班成员记录 ID' })
  teamMemberId!: string;

  @Field(() => LocalDateScalar, { description: '离岗日期（不早于到岗日期，不晚于今天）' })
  @NotInFuture()
  servedTo!: string;
}

@InputType({ description: '登记一次督查' })
export class RecordInspectionInput extends MutationInput {
  @Field(() => ID, { description: '开展督查的专班 ID' })
  teamId!: string;

  @Field(() => ID, { description: '被督查的村（社区）党组织 ID（须在专班包保区域内）' })
  organizationId!: string;

  @Field(() => LocalDateScalar, { description: '督查日期（不早于专班组建日期，不晚于今天）' })
  @NotInFuture()
  inspectedAt!: string;

  @Field(() => Int, { description: '督查轮次（从 1 开始）' })
  @Min(1, { message: '督查轮次须为正整数' })
  round!: number;

  @Field({ description: '督查发现与工作情况' })
  @TrimmedText(2000)
  findings!: string;

  @Field(() => String, { nullable: true, description: '发现的问题（发现问题数大于 0 时必填，为 0 时不填）' })
  @TrimmedText(2000)
  problems?: string | null;

  @Field(() => Int, { description: '发现问题数（大于 0 时整改状态为待整改，为 0 时无需整改）' })
  @Min(0, { message: '发现问题数不能为负数' })
  problemCount!: number;

  @Field(() => Int, { nullable: true, description: '本次走访的塆组（村民小组）数（不超过该村下辖的塆组数）' })
  @Min(0, { message: '走访塆组数不能为负数' })
  groupsVisited?: number | null;
}

@InputType({ description: '督查发现的问题整改完成' })
export class RectifyInspectionFindingInput extends MutationInput {
  @Field(() => ID, { description: '督查记录 ID（须为待整改）' })
  recordId!: string;

  @Field(() => Int, { description: '期望的当前版本号；与实际不符时拒绝修改（乐观锁）' })
  expectedVersion!: number;

  @Field(() => LocalDateScalar, { description: '整改完成日期（不早于督查日期，不晚于今天）' })
  @NotInFuture()
  rectifiedAt!: string;
}

@ObjectType({ description: '督查专班组建结果' })
export class InspectionTeamPayload extends MutationPayload {
  @Field(() => InspectionTeam, { description: '组建的督查专班（含成员）' })
  team!: InspectionTeam;

  @Field(() => Organization, { description: '包保区域党组织（便于客户端更新缓存）' })
  area!: Organization;
}

@ObjectType({ description: '督查专班成员变更结果' })
export class InspectionTeamMemberPayload extends MutationPayload {
  @Field(() => InspectionTeamMember, { description: '变更后的专班成员记录' })
  teamMember!: InspectionTeamMember;

  @Field(() => InspectionTeam, { description: '所在督查专班（含最新的成员）' })
  team!: InspectionTeam;

  @Field(() => Member, { description: '该党员（含最新的参加专班情况）' })
  member!: Member;
}

@ObjectType({ description: '督查登记结果' })
export class InspectionRecordPayload extends MutationPayload {
  @Field(() => InspectionRecord, { description: '登记的督查记录' })
  record!: InspectionRecord;

  @Field(() => InspectionTeam, { description: '开展督查的专班（含最新的督查统计）' })
  team!: InspectionTeam;

  @Field(() => Organization, { description: '被督查的村（社区）党组织（含最新的督查记录）' })
  organization!: Organization;
}

@ObjectType({ description: '整改结果' })
export class RectifyInspectionFindingPayload extends MutationPayload {
  @Field(() => InspectionRecord, { description: '整改后的督查记录' })
  record!: InspectionRecord;
}
