import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { MoneyScalar } from '../../common/scalars';
import { FundAccount, FundAccountKind, FundTransaction, TransactionDirection, TransactionKind } from './fund.entity';

@InputType({ description: '资金账户筛选条件' })
export class FundAccountFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '账户所属党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => [FundAccountKind], { nullable: true, description: '账户类型（任一）' })
  kinds?: FundAccountKind[] | null;

  @Field(() => String, { nullable: true, description: '账户名称包含该文字' })
  @TextSearch()
  nameContains?: string | null;
}

export enum FundAccountOrderField {
  NAME = 'NAME',
  OPENED_AT = 'OPENED_AT',
}
registerChineseEnum(FundAccountOrderField, 'FundAccountOrderField', '资金账户排序字段', {
  NAME: '账户名称',
  OPENED_AT: '开立日期',
});

@InputType({ description: '资金流水筛选条件' })
export class FundTransactionFilter {
  @Field(() => [ID], { nullable: true, description: '资金账户 ID（任一）' })
  accountIds?: string[] | null;

  @Field(() => OrganizationScope, { nullable: true, description: '账户所属党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => [TransactionDirection], { nullable: true, description: '收支方向（任一）' })
  directions?: TransactionDirection[] | null;

  @Field(() => [TransactionKind], { nullable: true, description: '流水类别（任一）' })
  kinds?: TransactionKind[] | null;

  @Field(() => DateRange, { nullable: true, description: '发生日期范围' })
  occurredAt?: DateRange | null;

  @Field(() => OrganizationScope, { nullable: true, description: '拨付对象党组织（默认含下级）' })
  targetOrganization?: OrganizationScope | null;

  @Field(() => String, { nullable: true, description: '对方、用途或文号包含该文字' })
  @TextSearch()
  textContains?: string | null;
}

export enum FundTransactionOrderField {
  OCCURRED_AT = 'OCCURRED_AT',
  AMOUNT = 'AMOUNT',
}
registerChineseEnum(FundTransactionOrderField, 'FundTransactionOrderField', '资金流水排序字段', {
  OCCURRED_AT: '发生日期',
  AMOUNT: '金额',
});

export const FundAccountOrder = createOrderInput('FundAccount', FundAccountOrderField, FundAccountOrderField.NAME, '资金账户');
export const FundTransactionOrder = createOrderInput(
  'FundTransaction',
  FundTransactionOrderField,
  FundTransactionOrderField.OCCURRED_AT,
  '资金流水',
);
export const FundAccountConnection = ConnectionType(FundAccount, '资金账户');
export const FundTransactionConnection = ConnectionType(FundTransaction, '资金流水');

/** Sums of a set of transactions; `net` is in minus out. Only its subclasses appear in the schema. */
@ObjectType({ description: '资金收支合计' })
export class FundTotals {
  @Field(() => MoneyScalar, { description: '收入合计（元）' })
  totalIn!: bigint;

  @Field(() => MoneyScalar, { description: '支出合计（元）' })
  totalOut!: bigint;

  @Field(() => MoneyScalar, { description: '净额（收入合计 − 支出合计，元）' })
  net!: bigint;

  @Field(() => Int, { description: '流水笔数' })
  transactionCount!: number;
}

@ObjectType({ description: '按流水类别的资金收支合计' })
export class FundKindTotals extends FundTotals {
  @Field(() => TransactionKind, { description: '流水类别' })
  kind!: TransactionKind;
}

@ObjectType({ description: '资金收支汇总（按筛选条件）' })
export class FundSummary extends FundTotals {
  @Field(() => [FundKindTotals], { description: '按流水类别分列（只列出有流水的类别）' })
  byKind!: FundKindTotals[];
}
