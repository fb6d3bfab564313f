import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { NotInFuture, PositiveMoney, TrimmedText } from '../../common/validators';
import { Organization } from '../organization/organization.entity';
import { FundAccount, FundAccountKind, FundTransaction } from './fund.entity';

/** The kinds of transaction `allocateFunds` books: a subset of TransactionKind with the same values. */
export enum AllocationKind {
  ALLOCATION = 'ALLOCATION',
  CONDOLENCE = 'CONDOLENCE',
}
registerChineseEnum(AllocationKind, 'AllocationKind', '拨付类别', {
  ALLOCATION: '拨付（下拨，专款专用）',
  CONDOLENCE: '慰问',
});

@InputType({ description: '开立资金账户' })
export class OpenFundAccountInput extends MutationInput {
  @Field(() => ID, { description: '账户所属党组织 ID（须未撤销；临时党组织不收党费，不能开立党费类账户）' })
  organizationId!: string;

  @Field({ description: '账户名称（全局唯一，如 代市委管理的党费）' })
  @TrimmedText(100)
  name!: string;

  @Field(() => FundAccountKind, { description: '账户类型' })
  kind!: FundAccountKind;

  @Field(() => LocalDateScalar, { description: '开立日期（不早于党组织成立日期，不晚于今天）' })
  @NotInFuture()
  openedAt!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  @TrimmedText(500)
  description?: string | null;
}

@InputType({ description: '登记党费收入（记入党费或代管党费账户的一笔收入流水）' })
export class RecordPartyFeeInput extends MutationInput {
  @Field(() => ID, { description: '收款的资金账户 ID（须为党费或代管党费账户）' })
  accountId!: string;

  @Field(() => MoneyScalar, { description: '金额（元，大于 0，最多两位小数，如 "1716.50"）' })
  @PositiveMoney()
  amount!: bigint;

  @Field({ description: '缴纳方（缴纳党费的党组织或党员名称）' })
  @TrimmedText(100)
  counterparty!: string;

  @Field(() => LocalDateScalar, { description: '收款日期（不早于账户开立日期，不晚于今天）' })
  @NotInFuture()
  occurredAt!: string;

  @Field({ description: '用途或摘要（如 2020年1月按规定上缴市委管理的党费）' })
  @TrimmedText(200)
  purpose!: string;

  @Field(() => ID, { nullable: true, description: '记账人（党员 ID）' })
  recordedById?: string | null;
}

@InputType({ description: '拨付资金（下拨或慰问）：从账户支出一笔，余额不足时拒绝' })
export class AllocateFundsInput extends MutationInput {
  @Field(() => ID, { description: '付款的资金账户 ID' })
  accountId!: string;

  @Field(() => ID, { description: '拨付对象党组织 ID' })
  targetOrganizationId!: string;

  @Field(() => MoneyScalar, { description: '金额（元，大于 0，最多两位小数；不得超过账户在拨付日期及以后任一日期的余额）' })
  @PositiveMoney()
  amount!: bigint;

  @Field({ description: '用途（专款专用的具体用途）' })
  @TrimmedText(200)
  purpose!: string;

  @Field(() => LocalDateScalar, { description: '拨付日期（不早于账户开立日期，不晚于今天）' })
  @NotInFuture()
  occurredAt!: string;

  @Field({ description: '审批会议（如 市委组织部2020年第3次部务会议）' })
  @TrimmedText(100)
  approvalMeeting!: string;

  @Field({ description: '文号（如 麻组文〔2020〕7号）' })
  @TrimmedText(100)
  documentNumber!: string;

  @Field(() => AllocationKind, { defaultValue: AllocationKind.ALLOCATION, description: '拨付类别（默认 下拨）' })
  kind!: AllocationKind;

  @Field(() => ID, { nullable: true, description: '记账人（党员 ID）' })
  recordedById?: string | null;
}

@InputType({ description: '销户（余额须为零）' })
export class CloseFundAccountInput extends MutationInput {
  @Field(() => ID, { description: '资金账户 ID' })
  accountId!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => LocalDateScalar, { description: '销户日期' })
  @NotInFuture()
  closedAt!: string;
}

@ObjectType({ description: '资金账户变更结果' })
export class FundAccountPayload extends MutationPayload {
  @Field(() => FundAccount, { description: '开立或销户后的资金账户' })
  account!: FundAccount;

  @Field(() => Organization, { description: '账户所属党组织（其资金账户列表随之变化）' })
  organization!: Organization;
}

@ObjectType({ description: '资金收入登记结果' })
export class FundTransactionPayload extends MutationPayload {
  @Field(() => FundTransaction, { description: '新记入的资金流水' })
  transaction!: FundTransaction;

  @Field(() => FundAccount, { description: '资金账户（含记账后的余额）' })
  account!: FundAccount;
}

@ObjectType({ description: '资金拨付结果' })
export class AllocateFundsPayload extends MutationPayload {
  @Field(() => FundTransaction, { description: '新记入的支出流水' })
  transaction!: FundTransaction;

  @Field(() => FundAccount, { description: '付款账户（含拨付后的余额）' })
  account!: FundAccount;

  @Field(() => Organization, { description: '拨付对象党组织（其收到的拨付随之变化）' })
  targetOrganization!: Organization;
}
