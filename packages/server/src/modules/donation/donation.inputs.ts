import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { Donation, DonationKind, DonorType } from './donation.entity';

@InputType({ description: '捐赠筛选条件' })
export class DonationFilter {
  @Field(() => ID, { nullable: true, description: '发动（组织）捐赠的党组织 ID（如 工商联党组）' })
  mobilizedById?: string | null;

  @Field(() => OrganizationScope, { nullable: true, description: '受赠党组织（默认含下级）' })
  recipient?: OrganizationScope | null;

  @Field(() => [DonationKind], { nullable: true, description: '捐赠形式（任一）' })
  kinds?: DonationKind[] | null;

  @Field(() => [DonorType], { nullable: true, description: '捐赠方类型（任一）' })
  donorTypes?: DonorType[] | null;

  @Field(() => String, { nullable: true, description: '捐赠方名称包含该文字' })
  @TextSearch()
  donorNameContains?: string | null;

  @Field(() => DateRange, { nullable: true, description: '捐赠日期范围' })
  donatedAt?: DateRange | null;
}

export enum DonationOrderField {
  DONATED_AT = 'DONATED_AT',
  AMOUNT = 'AMOUNT',
}
registerChineseEnum(DonationOrderField, 'DonationOrderField', '捐赠排序字段', {
  DONATED_AT: '捐赠日期',
  AMOUNT: '捐赠金额（物资捐赠按 0 计）',
});

export const DonationOrder = createOrderInput('Donation', DonationOrderField, DonationOrderField.DONATED_AT, '捐赠');
export const DonationConnection = ConnectionType(Donation, '捐赠');

@ObjectType({ description: '物资捐赠合计（按物资名称和计量单位）' })
export class MaterialTotal {
  @Field({ description: '物资名称（如 口罩）' })
  name!: string;

  @Field({ description: '计量单位（如 个、箱）' })
  unit!: string;

  @Field(() => Int, { description: '数量合计' })
  quantity!: number;

  @Field(() => Int, { description: '涉及的捐赠笔数' })
  donationCount!: number;
}

/** Totals of the donations matching `filter`; each field is computed on demand by one SQL statement. */
@ObjectType({ description: '捐赠合计（按筛选条件）' })
export class DonationTotals {
  filter!: DonationFilter | null;
}
