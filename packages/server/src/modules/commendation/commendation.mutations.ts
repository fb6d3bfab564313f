import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { NotInFuture, PositiveMoney, TrimmedText } from '../../common/validators';
import { Organization } from '../organization/organization.entity';
import { Commendation, CommendationBatch, CommendationCategory } from './commendation.entity';

/** One batch holds between one and this many commendations. */
export const MAX_BATCH_COMMENDATIONS = 200;

@InputType({ description: '批次中的一项表彰：对象为党员或党组织（二者填且只填一个）' })
export class CommendationEntryInput {
  @Field(() => ID, { nullable: true, description: '受表彰的党员 ID（与 recipientOrganizationId 二者填且只填一个）' })
  recipientMemberId?: string | null;

  @Field(() => ID, { nullable: true, description: '受表彰的党组织 ID（与 recipientMemberId 二者填且只填一个）' })
  recipientOrganizationId?: string | null;

  @Field(() => CommendationCategory, { description: '表彰类别：先进单位只用于党组织，其余类别只用于党员' })
  category!: CommendationCategory;

  @Field({ description: '表彰事由' })
  @TrimmedText(500)
  reason!: string;

  @Field(() => MoneyScalar, { nullable: true, description: '奖金金额（元，大于 0；有奖金时须指定奖金支付账户 awardAccountId）' })
  @PositiveMoney()
  awardAmount?: bigint | null;
}

@InputType({ description: '发布一批表彰（如 第一批通报表扬）；奖金在同一事务内从指定账户支付' })
export class IssueCommendationBatchInput extends MutationInput {
  @Field({ description: '批次名称（如 第一批通报表扬）' })
  @TrimmedText(100)
  title!: string;

  @Field(() => ID, { description: '发布表彰的党组织 ID（须未撤销）' })
  issuerId!: string;

  @Field(() => LocalDateScalar, { description: '发布日期（不早于发布单位的成立日期，不晚于今天）；奖金支付流水亦记于此日' })
  @NotInFuture()
  issuedAt!: string;

  @Field({ description: '文号' })
  @TrimmedText(100)
  documentNumber!: string;

  @Field(() => [CommendationEntryInput], {
    description: `本批次的表彰（1 至 ${MAX_BATCH_COMMENDATIONS} 项；同一对象在一批中只能出现一次）`,
  })
  @ArrayMinSize(1, { message: '一批表彰至少要有 1 项' })
  @ArrayMaxSize(MAX_BATCH_COMMENDATIONS, { message: `一批表彰最多 ${MAX_BATCH_COMMENDATIONS} 项` })
  @ValidateNested()
  commendations!: CommendationEntryInput[];

  @Field(() => ID, {
    nullable: true,
    description: '奖金支付账户 ID（有任何奖金时必填，无奖金时不填）；余额不足以支付本批全部奖金时整批不予发布',
  })
  awardAccountId?: string | null;
}

@ObjectType({ description: '表彰批次发布结果' })
export class CommendationBatchPayload extends MutationPayload {
  @Field(() => CommendationBatch, { description: '发布的表彰批次' })
  batch!: CommendationBatch;

  @Field(() => Organization, { description: '发布表彰的党组织（便于客户端更新缓存）' })
  issuer!: Organization;

  @Field(() => [Commendation], { description: '本批次的表彰（与输入顺序一致）' })
  commendations!: Commendation[];
}
