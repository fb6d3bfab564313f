import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DonationFilter } from '../donation/donation.inputs';

@InputType({ description: '捐赠物资明细筛选条件' })
export class DonationItemFilter {
  @Field(() => [String], { nullable: true, description: '物资名称完全等于其中之一（如 ["口罩"]）' })
  @ArrayMaxSize(100, { message: '物资名称最多 100 个' })
  names?: string[] | null;

  @Field(() => DonationFilter, { nullable: true, description: '物资所属捐赠的筛选条件' })
  @ValidateNested()
  donation?: DonationFilter | null;
}
