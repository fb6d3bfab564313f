import { ArrayMaxSize, ArrayMinSize, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { NotInFuture, PositiveMoney, TrimmedText } from '../../common/validators';
import { FundAccount } from '../fund/fund.entity';
import { Organization } from '../organization/organization.entity';
import { Donation, DonationKind, DonorType } from './donation.entity';

export const MAX_DONATION_ITEMS = 50;

@InputType({ description: '捐赠物资明细' })
export class DonationItemInput {
  @Field({ description: '物资名称（如 口罩）' })
  @TrimmedText(50)
  name!: string;

  @Field(() => Int, { description: '数量（正整数）' })
  @Min(1, { message: '数量至少为 1' })
  @Max(2_000_000_000, { message: '数量过大' })
  quantity!: number;

  @Field({ description: '计量单位（如 个、箱、套）' })
  @TrimmedText(10)
  unit!: string;
}

@InputType({ description: '登记捐赠：资金捐赠须填写金额和入账账户（同时记入一笔捐赠收入流水）；物资捐赠须填写物资明细' })
export class RecordDonationInput extends MutationInput {
  @Field(() => ID, { description: '发动（组织）捐赠的党组织 ID（如 工商联党组）' })
  mobilizedById!: string;

  @Field(() => ID, { description: '受赠党组织 ID' })
  recipientId!: string;

  @Field({ description: '捐赠方名称' })
  @TrimmedText(100)
  donorName!: string;

  @Field(() => DonorType, { description: '捐赠方类型' })
  donorType!: DonorType;

  @Field(() => DonationKind, { description: '捐赠形式：资金或物资' })
  kind!: DonationKind;

  @Field(() => LocalDateScalar, { description: '捐赠日期（不晚于今天）' })
  @NotInFuture()
  donatedAt!: string;

  @Field(() => MoneyScalar, { nullable: true, description: '捐赠金额（元，大于 0，最多两位小数）；资金捐赠必填，物资捐赠不填' })
  @PositiveMoney()
  amount?: bigint | null;

  @Field(() => ID, {
    nullable: true,
    description: '入账的资金账户 ID（须为受赠或发动组织的捐款或专项账户）；资金捐赠必填，物资捐赠不填',
  })
  accountId?: string | null;

  @Field(() => [DonationItemInput], {
    nullable: true,
    description: `物资明细（1–${MAX_DONATION_ITEMS} 项，同一物资和单位只列一次）；物资捐赠必填，资金捐赠不填`,
  })
  @ArrayMinSize(1, { message: '物资明细至少 1 项' })
  @ArrayMaxSize(MAX_DONATION_ITEMS, { message: `物资明细最多 ${MAX_DONATION_ITEMS} 项` })
  @ValidateNested({ each: true })
  items?: DonationItemInput[] | null;

  @Field(() => String, { nullable: true, description: '备注' })
  @TrimmedText(500)
  note?: string | null;
}

@ObjectType({ description: '捐赠登记结果' })
export class DonationPayload extends MutationPayload {
  @Field(() => Donation, { description: '登记的捐赠（含物资明细和入账流水）' })
  donation!: Donation;

  @Field(() => FundAccount, { nullable: true, description: '资金捐赠入账的资金账户（含入账后的余额）；物资捐赠为空' })
  account?: FundAccount | null;

  @Field(() => Organization, { description: '受赠党组织（其接受的捐赠随之变化）' })
  recipient!: Organization;

  @Field(() => Organization, { description: '发动捐赠的党组织（其发动的捐赠随之变化）' })
  mobilizedBy!: Organization;
}
