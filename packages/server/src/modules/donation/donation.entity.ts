import { BigIntType, Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { FundTransaction } from '../fund/fund.entity';
import { Organization } from '../organization/organization.entity';

export enum DonorType {
  CHAMBER_OF_COMMERCE = 'CHAMBER_OF_COMMERCE',
  ENTERPRISE = 'ENTERPRISE',
  INDIVIDUAL = 'INDIVIDUAL',
  PARTY_ORGANIZATION = 'PARTY_ORGANIZATION',
  OTHER = 'OTHER',
}
registerChineseEnum(DonorType, 'DonorType', '捐赠方类型', {
  CHAMBER_OF_COMMERCE: '商会',
  ENTERPRISE: '企业',
  INDIVIDUAL: '个人',
  PARTY_ORGANIZATION: '党组织',
  OTHER: '其他',
});

export enum DonationKind {
  CASH = 'CASH',
  MATERIAL = 'MATERIAL',
}
registerChineseEnum(DonationKind, 'DonationKind', '捐赠形式', { CASH: '资金', MATERIAL: '物资' });

/** A donation: cash (credited to a fund account through the ledger) or materials (items). */
@Entity({ tableName: 'donation' })
@Check({ name: 'donation_cash_has_amount', expression: "(kind = 'CASH') = (amount is not null)" })
@ObjectType({ implements: Node, description: '捐赠（资金或物资）' })
export class Donation extends BaseEntity {
  @Property({ type: 'text' })
  @Field({ description: '捐赠方名称' })
  donorName!: string;

  @Enum({ items: () => DonorType, type: 'text' })
  @Field(() => DonorType, { description: '捐赠方类型' })
  donorType!: DonorType;

  @ManyToOne({ entity: () => Organization, index: true })
  mobilizedBy!: Organization;

  @ManyToOne({ entity: () => Organization, index: true })
  recipient!: Organization;

  @Enum({ items: () => DonationKind, type: 'text' })
  @Index()
  @Field(() => DonationKind, { description: '捐赠形式' })
  kind!: DonationKind;

  @Property({ type: new BigIntType('bigint'), nullable: true })
  @Field(() => MoneyScalar, { nullable: true, description: '捐赠金额（元）；物资捐赠为空' })
  amount?: bigint | null;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '捐赠日期' })
  donatedAt!: string;

  @ManyToOne({ entity: () => FundTransaction, nullable: true })
  fundTransaction?: FundTransaction | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '备注' })
  note?: string | null;

  override owningOrganizationId(): number {
    return this.recipient.id;
  }
}

@Entity({ tableName: 'donation_item' })
@Check({ name: 'donation_item_positive_quantity', expression: 'quantity > 0' })
@ObjectType({ implements: Node, description: '捐赠物资明细' })
export class DonationItem extends BaseEntity {
  @ManyToOne({ entity: () => Donation, index: true })
  donation!: Donation;

  @Property({ type: 'text' })
  @Index()
  @Field({ description: '物资名称（如 口罩）' })
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '数量' })
  quantity!: number;

  @Property({ type: 'text' })
  @Field({ description: '计量单位（如 个、箱）' })
  unit!: string;

  /** The donation's recipient; items are written together with their (loaded) donation. */
  override owningOrganizationId(): number | null {
    return this.donation.recipient?.id ?? null;
  }
}
