import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { NotInFuture, PositiveMoney, TrimmedText } from '../../common/validators';
import { FundAccount } from '../fund/fund.entity';
import { Organization } from '../organization/organization.entity';
import { CareMethod, CareRecipientCategory, CareVisit } from './care-visit.entity';

@InputType({ description: '慰问金发放：从资金账户支出一笔 慰问 流水' })
export class CarePaymentInput {
  @Field(() => ID, { description: '支出慰问金的资金账户 ID' })
  accountId!: string;

  @Field(() => MoneyScalar, { description: '慰问金金额（元，大于 0，最多两位小数；不得超过账户余额）' })
  @PositiveMoney()
  amount!: bigint;
}

@InputType({ description: '登记慰问（电话慰问或实地走访），可同时发放慰问金' })
export class RecordCareVisitInput extends MutationInput {
  @Field(() => ID, { description: '组织慰问的党组织 ID' })
  organizationId!: string;

  @Field(() => ID, { nullable: true, description: '慰问人（党员 ID）' })
  visitorId?: string | null;

  @Field(() => ID, { nullable: true, description: '被慰问的党员 ID（慰问对象不是党员时不填，如医务人员家属）' })
  recipientMemberId?: string | null;

  @Field({ description: '慰问对象姓名或称谓（填写被慰问党员时须与其姓名一致）' })
  @TrimmedText(100)
  recipientName!: string;

  @Field(() => CareRecipientCategory, { description: '慰问对象类别' })
  recipientCategory!: CareRecipientCategory;

  @Field(() => CareMethod, { description: '慰问方式' })
  method!: CareMethod;

  @Field(() => LocalDateScalar, { description: '慰问日期（不晚于今天）' })
  @NotInFuture()
  visitedAt!: string;

  @Field(() => String, { nullable: true, description: '备注' })
  @TrimmedText(500)
  note?: string | null;

  @Field(() => CarePaymentInput, {
    nullable: true,
    description: '慰问金（可选）：在同一事务中从账户支出一笔 慰问 流水并与慰问记录关联；余额不足时以 INSUFFICIENT_FUNDS 拒绝',
  })
  @ValidateNested()
  payment?: CarePaymentInput | null;
}

@ObjectType({ description: '慰问登记结果' })
export class CareVisitPayload extends MutationPayload {
  @Field(() => CareVisit, { description: '登记的慰问记录（含慰问金流水）' })
  careVisit!: CareVisit;

  @Field(() => Organization, { description: '组织慰问的党组织（其慰问记录随之变化）' })
  organization!: Organization;

  @Field(() => FundAccount, { nullable: true, description: '支出慰问金的资金账户（含支出后的余额）；未发放慰问金时为空' })
  account?: FundAccount | null;
}
