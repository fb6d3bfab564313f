import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrganizationScope, TextSearch } from '../../common/filters';
import { ConnectionType } from '../../common/pagination';
import { JsonScalar } from '../../common/scalars';
import { ChangeEvent, ChangeOperation } from './change-event.entity';

@ObjectType({ description: '一个字段的变更（敏感信息已脱敏）' })
export class FieldChangeType {
  @Field({ description: '字段名' })
  field!: string;

  @Field(() => JsonScalar, { nullable: true, description: '变更前的值（新增时为空）' })
  before?: unknown;

  @Field(() => JsonScalar, { nullable: true, description: '变更后的值（删除时为空）' })
  after?: unknown;
}

@InputType({ description: '时间范围（含两端，ISO 8601）' })
export class DateTimeRange {
  @Field({ nullable: true, description: '起始时间（含）' })
  from?: Date;

  @Field({ nullable: true, description: '截止时间（含）' })
  to?: Date;
}

@InputType({ description: '变更事件筛选条件' })
export class ChangeEventFilter {
  @Field(() => [String], { nullable: true, description: '实体类型（任一），如 Member、Organization' })
  entityTypes?: string[] | null;

  @Field(() => ID, { nullable: true, description: '只看某个对象（全局 ID）的变更' })
  entityId?: string | null;

  @Field(() => [ChangeOperation], { nullable: true, description: '操作类型（任一）' })
  operations?: ChangeOperation[] | null;

  @Field(() => OrganizationScope, { nullable: true, description: '只看某党组织（默认含下级）范围内的变更' })
  organization?: OrganizationScope | null;

  @Field(() => String, { nullable: true, description: '操作人' })
  @TextSearch()
  actor?: string | null;

  @Field(() => DateTimeRange, { nullable: true, description: '提交时间范围' })
  occurredAt?: DateTimeRange | null;
}

export const ChangeEventConnection = ConnectionType(ChangeEvent, '变更事件');
