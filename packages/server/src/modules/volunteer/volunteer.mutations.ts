import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { NotInFuture, TrimmedText } from '../../common/validators';
import { Organization } from '../organization/organization.entity';
import { VolunteerService } from './volunteer.entity';

/** One service lasts at most a day and has at most this many participants. */
export const MAX_DURATION_MINUTES = 24 * 60;
export const MAX_PARTICIPANTS = 200;

@InputType({ description: '登记一次志愿服务' })
export class RecordVolunteerServiceInput extends MutationInput {
  @Field(() => ID, { description: '组织服务的党组织 ID' })
  organizationId!: string;

  @Field({ description: '服务内容' })
  @TrimmedText(500)
  content!: string;

  @Field({ description: '服务地点' })
  @TrimmedText(200)
  location!: string;

  @Field(() => LocalDateScalar, { description: '服务日期（在党组织存续期间，不晚于今天）' })
  @NotInFuture()
  servedAt!: string;

  @Field(() => Int, { description: `服务时长（分钟，1 至 ${MAX_DURATION_MINUTES}）` })
  @Min(1, { message: `服务时长须在 1 至 ${MAX_DURATION_MINUTES} 分钟之间` })
  @Max(MAX_DURATION_MINUTES, { message: `服务时长须在 1 至 ${MAX_DURATION_MINUTES} 分钟之间` })
  durationMinutes!: number;

  @Field(() => [ID], { description: `参加服务的志愿者（党员）ID（1 至 ${MAX_PARTICIPANTS} 人，不得重复）` })
  @ArrayMinSize(1, { message: '至少要有 1 名志愿者参加' })
  @ArrayMaxSize(MAX_PARTICIPANTS, { message: `一次服务最多登记 ${MAX_PARTICIPANTS} 名志愿者` })
  @ArrayUnique(undefined, { message: '志愿者不得重复' })
  participantIds!: string[];
}

@ObjectType({ description: '志愿服务登记结果' })
export class VolunteerServicePayload extends MutationPayload {
  @Field(() => VolunteerService, { description: '登记的志愿服务' })
  service!: VolunteerService;

  @Field(() => Organization, { description: '组织服务的党组织（便于客户端更新缓存）' })
  organization!: Organization;
}
