import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { maskAddress, maskIdCardNumber, maskPhone } from '../../common/masking';
import { LocalDateScalar } from '../../common/scalars';
import { Organization } from '../organization/organization.entity';
import { Education, Gender, MemberStatus, OccupationCategory, PartyStanding } from './member.enums';

/**
 * A party member. `organization` is the home organization holding the member's 组织关系;
 * temporary branches are a separate, time-boxed membership. The sensitive columns are only ever
 * exposed through the masking field resolvers.
 */
@Entity({ tableName: 'member' })
@Index({ properties: ['organization', 'joinedPartyAt', 'id'] })
@ObjectType({ implements: Node, description: '党员' })
export class Member extends BaseEntity<'standing' | 'mobile'> {
  /** Masks applied wherever values of these columns leave the database (change log included). */
  static readonly sensitiveProperties = { phone: maskPhone, idCardNumber: maskIdCardNumber, address: maskAddress };

  @Property({ type: 'text' })
  @Index()
  @Field({ description: '姓名' })
  name!: string;

  @Enum({ items: () => Gender, type: 'text' })
  @Field(() => Gender, { description: '性别' })
  gender!: Gender;

  @Property({ type: 'text' })
  @Field({ description: '民族（如 汉族）' })
  ethnicity!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '出生日期' })
  birthDate!: string;

  @Enum({ items: () => Education, type: 'text' })
  @Field(() => Education, { description: '学历' })
  education!: Education;

  @Property({ type: 'date' })
  @Index()
  @Field(() => LocalDateScalar, { description: '入党日期' })
  joinedPartyAt!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '转正日期（预备党员为空）' })
  fullMemberAt?: string | null;

  @Enum({ items: () => MemberStatus, type: 'text' })
  @Field(() => MemberStatus, { description: '党员类别：正式 / 预备' })
  status!: MemberStatus;

  @Enum({ items: () => PartyStanding, type: 'text' })
  @Field(() => PartyStanding, { description: '党籍状态' })
  standing: PartyStanding = PartyStanding.NORMAL;

  @Enum({ items: () => OccupationCategory, type: 'text' })
  @Index()
  @Field(() => OccupationCategory, { description: '职业类别' })
  occupation!: OccupationCategory;

  @Property({ type: 'boolean' })
  @Field({ description: '是否在职党员' })
  inService!: boolean;

  @Property({ type: 'boolean', default: false })
  @Field({ description: '是否流动党员' })
  mobile: boolean = false;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @Property({ type: 'varchar', length: 18, unique: true })
  idCardNumber!: string;

  @Property({ type: 'varchar', length: 11 })
  phone!: string;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}

/** A post held by a member (e.g. 市委常委, 组织部部长). */
@Entity({ tableName: 'position' })
@ObjectType({ implements: Node, description: '党员担任的职务' })
export class Position extends BaseEntity {
  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @Property({ type: 'text' })
  @Field({ description: '职务名称（如 市委常委、组织部部长）' })
  title!: string;

  @ManyToOne({ entity: () => Organization, nullable: true, index: true })
  organization?: Organization | null;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '任职日期' })
  startedAt!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '免职日期（现任为空）' })
  endedAt?: string | null;

  override owningOrganizationId(): number | null {
    return this.organization?.id ?? null;
  }
}

/** 组织关系转接: history of the member's home organization, never an overwrite. */
@Entity({ tableName: 'member_transfer' })
@ObjectType({ implements: Node, description: '组织关系转接记录' })
export class MemberTransfer extends BaseEntity {
  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @ManyToOne({ entity: () => Organization, index: true })
  fromOrganization!: Organization;

  @ManyToOne({ entity: () => Organization, index: true })
  toOrganization!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '转接日期' })
  transferredAt!: string;

  @Property({ type: 'text' })
  @Field({ description: '转接原因' })
  reason!: string;

  override owningOrganizationId(): number | null {
    return this.toOrganization.id;
  }
}

/** A second, time-boxed membership in a temporary branch; the home organization is unchanged. */
@Entity({ tableName: 'temporary_membership' })
@ObjectType({ implements: Node, description: '临时党组织成员关系（不改变党员的组织关系所在地）' })
export class TemporaryMembership extends BaseEntity {
  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '加入日期' })
  joinedAt!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '离开日期（仍在则为空）' })
  leftAt?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '在临时党组织中的职务（如 书记、委员）' })
  role?: string | null;

  override owningOrganizationId(): number | null {
    return this.organization.id;
  }
}

/** 在职党员到村（社区）报到. */
@Entity({ tableName: 'community_report' })
@ObjectType({ implements: Node, description: '在职党员到村（社区）报到记录' })
export class CommunityReport extends BaseEntity {
  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @ManyToOne({ entity: () => Organization, index: true })
  community!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '报到日期' })
  reportedAt!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '报到后承担的任务' })
  duty?: string | null;

  override owningOrganizationId(): number | null {
    return this.community.id;
  }
}
