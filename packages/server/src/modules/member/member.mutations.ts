import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { IsIdCardNumber, IsMobilePhone, NotInFuture, TrimmedText } from '../../common/validators';
import { Organization } from '../organization/organization.entity';
import { CommunityReport, Member, MemberTransfer, TemporaryMembership } from './member.entity';
import { Education, Gender, MemberStatus, OccupationCategory, PartyStanding } from './member.enums';

@InputType({ description: '登记党员' })
export class AddMemberInput extends MutationInput {
  @Field(() => ID, { description: '组织关系所在党组织（须为常设基层党组织）' })
  organizationId!: string;

  @Field({ description: '姓名' })
  @TrimmedText(50)
  name!: string;

  @Field(() => Gender, { description: '性别（须与身份证号一致）' })
  gender!: Gender;

  @Field({ defaultValue: '汉族', description: '民族' })
  @TrimmedText(20)
  ethnicity!: string;

  @Field(() => LocalDateScalar, { description: '出生日期（须与身份证号一致）' })
  @NotInFuture()
  birthDate!: string;

  @Field(() => Education, { description: '学历' })
  education!: Education;

  @Field(() => LocalDateScalar, { description: '入党日期（不早于 18 周岁生日，不晚于今天）' })
  @NotInFuture()
  joinedPartyAt!: string;

  @Field(() => MemberStatus, { description: '党员类别' })
  status!: MemberStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: '转正日期（正式党员必填，预备党员不填）' })
  @NotInFuture()
  fullMemberAt?: string | null;

  @Field(() => OccupationCategory, { description: '职业类别' })
  occupation!: OccupationCategory;

  @Field({ description: '是否在职党员' })
  inService!: boolean;

  @Field({ description: '身份证号（18 位，校验位须正确）' })
  @IsIdCardNumber()
  idCardNumber!: string;

  @Field({ description: '手机号（11 位）' })
  @IsMobilePhone()
  phone!: string;

  @Field(() => String, { nullable: true, description: '家庭住址' })
  @TrimmedText(200)
  address?: string | null;
}

@InputType({ description: '修改党员信息（未提供的字段保持不变；组织关系变动请用 transferMember）' })
export class UpdateMemberInput extends MutationInput {
  @Field(() => ID, { description: '党员 ID' })
  id!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: '姓名' })
  @TrimmedText(50)
  name?: string | null;

  @Field(() => Education, { nullable: true, description: '学历' })
  education?: Education | null;

  @Field(() => OccupationCategory, { nullable: true, description: '职业类别' })
  occupation?: OccupationCategory | null;

  @Field(() => Boolean, { nullable: true, description: '是否在职党员' })
  inService?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否流动党员' })
  mobile?: boolean | null;

  @Field(() => PartyStanding, { nullable: true, description: '党籍状态' })
  standing?: PartyStanding | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '预备党员转正：填写转正日期（不早于入党日期）' })
  @NotInFuture()
  fullMemberAt?: string | null;

  @Field(() => String, { nullable: true, description: '手机号' })
  @IsMobilePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '家庭住址' })
  @TrimmedText(200)
  address?: string | null;
}

@InputType({ description: '组织关系转接（保留历史记录）' })
export class TransferMemberInput extends MutationInput {
  @Field(() => ID, { description: '党员 ID' })
  memberId!: string;

  @Field(() => ID, { description: '转入的党组织（须为常设基层党组织）' })
  toOrganizationId!: string;

  @Field(() => Int, { nullable: true, description: '期望的党员当前版本号（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => LocalDateScalar, { description: '转接日期' })
  @NotInFuture()
  transferredAt!: string;

  @Field({ description: '转接原因' })
  @TrimmedText(200)
  reason!: string;
}

@InputType({ description: '加入临时党组织（第二重、有期限的成员关系，组织关系不变）' })
export class JoinTemporaryBranchInput extends MutationInput {
  @Field(() => ID, { description: '党员 ID' })
  memberId!: string;

  @Field(() => ID, { description: '临时党组织 ID' })
  organizationId!: string;

  @Field(() => LocalDateScalar, { description: '加入日期' })
  @NotInFuture()
  joinedAt!: string;

  @Field(() => String, { nullable: true, description: '在临时党组织中的职务' })
  @TrimmedText(50)
  role?: string | null;
}

@InputType({ description: '离开临时党组织' })
export class LeaveTemporaryBranchInput extends MutationInput {
  @Field(() => ID, { description: '临时党组织成员关系 ID' })
  membershipId!: string;

  @Field(() => LocalDateScalar, { description: '离开日期（不早于加入日期）' })
  @NotInFuture()
  leftAt!: string;
}

@InputType({ description: '在职党员到村（社区）报到' })
export class ReportToCommunityInput extends MutationInput {
  @Field(() => ID, { description: '党员 ID（须为在职党员）' })
  memberId!: string;

  @Field(() => ID, { description: '报到的村（社区）党组织 ID' })
  communityId!: string;

  @Field(() => LocalDateScalar, { description: '报到日期' })
  @NotInFuture()
  reportedAt!: string;

  @Field(() => String, { nullable: true, description: '承担的任务' })
  @TrimmedText(200)
  duty?: string | null;
}

@ObjectType({ description: '党员变更结果' })
export class MemberPayload extends MutationPayload {
  @Field(() => Member, { description: '变更后的党员' })
  member!: Member;

  @Field(() => Organization, { description: '其组织关系所在党组织' })
  organization!: Organization;
}

@ObjectType({ description: '组织关系转接结果' })
export class TransferMemberPayload extends MutationPayload {
  @Field(() => Member, { description: '转接后的党员' })
  member!: Member;

  @Field(() => MemberTransfer, { description: '本次转接记录' })
  transfer!: MemberTransfer;

  @Field(() => Organization, { description: '转出党组织' })
  fromOrganization!: Organization;

  @Field(() => Organization, { description: '转入党组织' })
  toOrganization!: Organization;
}

@ObjectType({ description: '临时党组织成员关系变更结果' })
export class TemporaryMembershipPayload extends MutationPayload {
  @Field(() => TemporaryMembership, { description: '成员关系' })
  membership!: TemporaryMembership;

  @Field(() => Member, { description: '党员' })
  member!: Member;

  @Field(() => Organization, { description: '临时党组织' })
  organization!: Organization;
}

@ObjectType({ description: '报到结果' })
export class CommunityReportPayload extends MutationPayload {
  @Field(() => CommunityReport, { description: '报到记录' })
  report!: CommunityReport;

  @Field(() => Member, { description: '党员' })
  member!: Member;

  @Field(() => Organization, { description: '村（社区）党组织' })
  community!: Organization;
}
