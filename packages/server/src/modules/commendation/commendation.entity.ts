import { BigIntType, Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { FundTransaction } from '../fund/fund.entity';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

export enum CommendationCategory {
  FRONTLINE_MEMBER = 'FRONTLINE_MEMBER',
  GRASSROOTS_CADRE = 'GRASSROOTS_CADRE',
  MEDICAL_WORKER = 'MEDICAL_WORKER',
  VOLUNTEER = 'VOLUNTEER',
  ADVANCED_UNIT = 'ADVANCED_UNIT',
}
registerChineseEnum(CommendationCategory, 'CommendationCategory', '表彰类别', {
  FRONTLINE_MEMBER: '一线党员',
  GRASSROOTS_CADRE: '基层干部',
  MEDICAL_WORKER: '医务工作者',
  VOLUNTEER: '志愿者',
  ADVANCED_UNIT: '先进单位',
});

/** A batch of commendations (e.g. 第一批通报表扬) issued by an organization on a date. */
@Entity({ tableName: 'commendation_batch' })
@ObjectType({ implements: Node, description: '表彰批次（如 第一批通报表扬）' })
export class CommendationBatch extends BaseEntity {
  @Property({ type: 'text' })
  @Field({ description: '批次名称' })
  title!: string;

  @ManyToOne({ entity: () => Organization, index: true })
  issuer!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '发布日期' })
  issuedAt!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '文号' })
  documentNumber?: string | null;

  override owningOrganizationId(): number {
    return this.issuer.id;
  }
}

/** One commendation; the recipient is a member or an organization, never both. */
@Entity({ tableName: 'commendation' })
@Check({
  name: 'commendation_one_recipient',
  expression: '(recipient_member_id is null) <> (recipient_organization_id is null)',
})
@ObjectType({ implements: Node, description: '表彰（通报表扬）：对象为党员或党组织' })
export class Commendation extends BaseEntity {
  @ManyToOne({ entity: () => CommendationBatch, index: true })
  batch!: CommendationBatch;

  @ManyToOne({ entity: () => Member, nullable: true, index: true })
  recipientMember?: Member | null;

  @ManyToOne({ entity: () => Organization, nullable: true, index: true })
  recipientOrganization?: Organization | null;

  @Enum({ items: () => CommendationCategory, type: 'text' })
  @Index()
  @Field(() => CommendationCategory, { description: '表彰类别' })
  category!: CommendationCategory;

  @Property({ type: 'text' })
  @Field({ description: '表彰事由' })
  reason!: string;

  @Property({ type: new BigIntType('bigint'), nullable: true })
  @Field(() => MoneyScalar, { nullable: true, description: '奖金金额（元；无奖金为空）' })
  awardAmount?: bigint | null;

  @ManyToOne({ entity: () => FundTransaction, nullable: true })
  awardTransaction?: FundTransaction | null;

  /** The recipient organization, or the recipient member's organization: whoever writes one must have the member loaded. */
  override owningOrganizationId(): number | null {
    return this.recipientOrganization?.id ?? this.recipientMember?.organization?.id ?? null;
  }
}
