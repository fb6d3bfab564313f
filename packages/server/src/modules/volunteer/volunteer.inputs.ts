import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange, OrganizationScope, TextSearch } from '../../common/filters';
import { createOrderInput } from '../../common/ordering';
import { ConnectionType } from '../../common/pagination';
import { VolunteerService } from './volunteer.entity';

@InputType({ description: '志愿服务筛选条件' })
export class VolunteerServiceFilter {
  @Field(() => OrganizationScope, { nullable: true, description: '组织服务的党组织（默认含下级）' })
  organization?: OrganizationScope | null;

  @Field(() => DateRange, { nullable: true, description: '服务日期范围' })
  servedAt?: DateRange | null;

  @Field(() => ID, { nullable: true, description: '只要该党员参加过的志愿服务（党员 ID）' })
  participantId?: string | null;

  @Field(() => String, { nullable: true, description: '服务内容包含该文字' })
  @TextSearch()
  contentContains?: string | null;
}

export enum VolunteerServiceOrderField {
  SERVED_AT = 'SERVED_AT',
  DURATION = 'DURATION',
}
registerChineseEnum(VolunteerServiceOrderField, 'VolunteerServiceOrderField', '志愿服务排序字段', {
  SERVED_AT: '服务日期',
  DURATION: '服务时长',
});

export const VolunteerServiceOrder = createOrderInput('VolunteerService', VolunteerServiceOrderField, VolunteerServiceOrderField.SERVED_AT, '志愿服务');
export const VolunteerServiceConnection = ConnectionType(VolunteerService, '志愿服务');

@ObjectType({ description: '志愿服务统计（按筛选条件汇总）' })
export class VolunteerStatistics {
  @Field(() => Int, { description: '志愿服务次数' })
  serviceCount!: number;

  @Field(() => Int, { description: '参加志愿服务的志愿者人数（同一人只计一次）' })
  distinctVolunteerCount!: number;

  @Field(() => Int, { description: '参加人次（每名志愿者每参加一次计一次）' })
  participationCount!: number;

  @Field(() => Float, { description: '服务总时长（小时）：各次服务时长之和' })
  totalHours!: number;

  @Field(() => Float, { description: '志愿者累计服务时长（小时）：每名参加者的服务时长之和' })
  volunteerHours!: number;
}
