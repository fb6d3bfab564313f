import { ArrayMaxSize } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { CommunityReport, Member, TemporaryMembership } from './member.entity';
import { Education, Gender, MemberStatus, OccupationCategory, PartyStanding } from './member.enums';

@InputType({ description: '党员筛选条件' })
export class MemberFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '组织关系所在党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => String, { nullable: true, description: '姓名包含该文字' })
  @TextSearch()
  nameContains?: string | null;

  @Field(() => [String], { nullable: true, description: '姓名完全等于其中之一（如 ["李峰", "叶旭"]）' })
  @ArrayMaxSize(100, { message: '姓名最多 100 个' })
  names?: string[] | null;

  @Field(() => [MemberStatus], { nullable: true, description: '党员类别（任一）' })
  statuses?: MemberStatus[] | null;

  @Field(() => [PartyStanding], { nullable: true, description: '党籍状态（任一）' })
  standings?: PartyStanding[] | null;

  @Field(() => [OccupationCategory], { nullable: true, description: '职业类别（任一）' })
  occupations?: OccupationCategory[] | null;

  @Field(() => [Education], { nullable: true, description: '学历（任一）' })
  educations?: Education[] | null;

  @Field(() => Gender, { nullable: true, description: '性别' })
  gender?: Gender | null;

  @Field(() => Boolean, { nullable: true, description: '是否在职党员' })
  inService?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否流动党员' })
  mobile?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否已到村（社区）报到' })
  reportedToCommunity?: boolean | null;

  @Field(() => DateRange, { nullable: true, description: '入党日期范围' })
  joinedPartyAt?: DateRange | null;

  @Field(() => DateRange, { nullable: true, description: '出生日期范围' })
  birthDate?: DateRange | null;
}

export enum MemberOrderField {
  JOINED_PARTY_AT = 'JOINED_PARTY_AT',
  NAME = 'NAME',
  BIRTH_DATE = 'BIRTH_DATE',
  ID = 'ID',
}
registerChineseEnum(MemberOrderField, 'MemberOrderField', '党员排序字段', {
  JOINED_PARTY_AT: '入党日期',
  NAME: '姓名',
  BIRTH_DATE: '出生日期',
  ID: '登记顺序',
});

export const MemberOrder = createOrderInput('Member', MemberOrderField, MemberOrderField.JOINED_PARTY_AT, '党员');
export const MemberConnection = ConnectionType(Member, '党员');
export const TemporaryMembershipConnection = ConnectionType(TemporaryMembership, '临时党组织成员关系');
export const CommunityReportConnection = ConnectionType(CommunityReport, '到村（社区）报到记录');
