import { BigIntType, Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

export enum FundAccountKind {
  MANAGED_PARTY_FEE = 'MANAGED_PARTY_FEE',
  PARTY_FEE = 'PARTY_FEE',
  DONATION = 'DONATION',
  SPECIAL = 'SPECIAL',
}
registerChineseEnum(FundAccountKind, 'FundAccountKind', '资金账户类型', {
  MANAGED_PARTY_FEE: '代管党费（如 代市委管理的党费）',
  PARTY_FEE: '党费',
  DONATION: '捐款',
  SPECIAL: '专项资金',
});

export enum TransactionDirection {
  IN = 'IN',
  OUT = 'OUT',
}
registerChineseEnum(TransactionDirection, 'TransactionDirection', '资金流向', { IN: '收入', OUT: '支出' });

export enum TransactionKind {
  DONATION = 'DONATION',
  PARTY_FEE = 'PARTY_FEE',
  ALLOCATION = 'ALLOCATION',
  AWARD = 'AWARD',
  CONDOLENCE = 'CONDOLENCE',
}
registerChineseEnum(TransactionKind, 'TransactionKind', '资金流水类别', {
  DONATION: '捐赠',
  PARTY_FEE: '党费',
  ALLOCATION: '拨付（下拨）',
  AWARD: '奖励',
  CONDOLENCE: '慰问',
});

/** A ledger account. Its balance is never stored: it is the sum of its transactions. */
@Entity({ tableName: 'fund_account' })
@ObjectType({ implements: Node, description: '资金账户（余额由流水汇总得出，不单独存储）' })
export class FundAccount extends BaseEntity {
  @Property({ type: 'text', unique: true })
  @Field({ description: '账户名称（如 代市委管理的党费）' })
  name!: string;

  @Enum({ items: () => FundAccountKind, type: 'text' })
  @Field(() => FundAccountKind, { description: '账户类型' })
  kind!: FundAccountKind;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '开立日期' })
  openedAt!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明' })
  description?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '销户日期（未销户为空；销户后不能再记账）' })
  closedAt?: string | null;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}

/** One movement of money. Amounts are positive integer fen; the direction gives the sign. */
@Entity({ tableName: 'fund_transaction' })
@Check({ name: 'fund_transaction_positive_amount', expression: 'amount > 0' })
@Index({ properties: ['account', 'occurredAt', 'id'] })
@ObjectType({ implements: Node, description: '资金流水' })
export class FundTransaction extends BaseEntity {
  @ManyToOne({ entity: () => FundAccount })
  account!: FundAccount;

  @Enum({ items: () => TransactionDirection, type: 'text' })
  @Field(() => TransactionDirection, { description: '收入 / 支出' })
  direction!: TransactionDirection;

  @Enum({ items: () => TransactionKind, type: 'text' })
  @Index()
  @Field(() => TransactionKind, { description: '流水类别' })
  kind!: TransactionKind;

  @Property({ type: new BigIntType('bigint') })
  @Field(() => MoneyScalar, { description: '金额（元，恒为正数；收支方向见 direction）' })
  amount!: bigint;

  @Property({ type: 'text' })
  @Field({ description: '对方（付款方或收款方）' })
  counterparty!: string;

  @Property({ type: 'text' })
  @Field({ description: '用途' })
  purpose!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '发生日期' })
  occurredAt!: string;

  @ManyToOne({ entity: () => Member, nullable: true })
  recordedBy?: Member | null;

  @ManyToOne({ entity: () => Organization, nullable: true, index: true })
  targetOrganization?: Organization | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审批会议（如 部务会）' })
  approvalMeeting?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '文号' })
  documentNumber?: string | null;

  /** The account's organization; writes load the account first, so its organization reference is known. */
  override owningOrganizationId(): number | null {
    return this.account.organization?.id ?? null;
  }
}
