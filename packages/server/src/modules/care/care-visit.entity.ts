import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar } from '../../common/scalars';
import { FundTransaction } from '../fund/fund.entity';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

export enum CareMethod {
  PHONE = 'PHONE',
  VISIT = 'VISIT',
}
registerChineseEnum(CareMethod, 'CareMethod', '慰问方式', { PHONE: '电话慰问', VISIT: '实地走访' });

export enum CareRecipientCategory {
  ORGANIZATION_SECRETARY = 'ORGANIZATION_SECRETARY',
  FRONTLINE_CADRE = 'FRONTLINE_CADRE',
  MEDICAL_STAFF = 'MEDICAL_STAFF',
  MEDICAL_STAFF_FAMILY = 'MEDICAL_STAFF_FAMILY',
  NEEDY_MEMBER = 'NEEDY_MEMBER',
  NEEDY_RESIDENT = 'NEEDY_RESIDENT',
}
registerChineseEnum(CareRecipientCategory, 'CareRecipientCategory', '慰问对象类别', {
  ORGANIZATION_SECRETARY: '党组织书记',
  FRONTLINE_CADRE: '一线党员干部',
  MEDICAL_STAFF: '医务工作者',
  MEDICAL_STAFF_FAMILY: '隔离病区医务人员家属',
  NEEDY_MEMBER: '困难党员',
  NEEDY_RESIDENT: '困难群众',
});

/** 慰问: who cared for whom, how and when; a recipient need not be a member (e.g. a family). */
@Entity({ tableName: 'care_visit' })
@Index({ properties: ['visitedAt', 'id'] })
@ObjectType({ implements: Node, description: '慰问记录（电话慰问或实地走访）' })
export class CareVisit extends BaseEntity {
  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @ManyToOne({ entity: () => Member, nullable: true })
  visitor?: Member | null;

  @ManyToOne({ entity: () => Member, nullable: true, index: true })
  recipientMember?: Member | null;

  @Property({ type: 'text' })
  @Field({ description: '慰问对象姓名或称谓' })
  recipientName!: string;

  @Enum({ items: () => CareRecipientCategory, type: 'text' })
  @Index()
  @Field(() => CareRecipientCategory, { description: '慰问对象类别' })
  recipientCategory!: CareRecipientCategory;

  @Enum({ items: () => CareMethod, type: 'text' })
  @Field(() => CareMethod, { description: '慰问方式' })
  method!: CareMethod;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '慰问日期' })
  visitedAt!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '备注' })
  note?: string | null;

  @ManyToOne({ entity: () => FundTransaction, nullable: true })
  fundTransaction?: FundTransaction | null;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}
