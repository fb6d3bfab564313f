import { Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { NotInFuture, TrimmedText } from '../../common/validators';
import { Organization, OrganizationMove } from './organization.entity';
import { OrganizationKind, UnitType } from './organization.enums';

@InputType({ description: '新建党组织' })
export class CreateOrganizationInput extends MutationInput {
  @Field(() => ID, { description: '上级党组织 ID' })
  parentId!: string;

  @Field({ description: '党组织名称' })
  @TrimmedText(100)
  name!: string;

  @Field({ description: '组织编码（唯一）' })
  @TrimmedText(32)
  code!: string;

  @Field(() => OrganizationKind, { description: '党组织类别（须符合上级类别的设置规则）' })
  kind!: OrganizationKind;

  @Field({ description: '所在单位名称' })
  @TrimmedText(100)
  unitName!: string;

  @Field(() => UnitType, { description: '所在单位类型' })
  unitType!: UnitType;

  @Field(() => LocalDateScalar, { description: '成立日期（不晚于今天）' })
  @NotInFuture()
  establishedAt!: string;

  @Field(() => String, { nullable: true, description: '临时任务（临时党组织必填）' })
  @TrimmedText(200)
  task?: string | null;

  @Field(() => String, { nullable: true, description: '上级批准文号（临时党组织必填）' })
  @TrimmedText(100)
  approvalDocument?: string | null;

  @Field(() => Int, { nullable: true, description: '下辖塆组数（村、社区）' })
  @Min(0)
  villageGroupCount?: number | null;
}

@InputType({ description: '修改党组织基本信息（未提供的字段保持不变）' })
export class UpdateOrganizationInput extends MutationInput {
  @Field(() => ID, { description: '党组织 ID' })
  id!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号；与实际不符时拒绝修改（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: '党组织名称' })
  @TrimmedText(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: '所在单位名称' })
  @TrimmedText(100)
  unitName?: string | null;

  @Field(() => UnitType, { nullable: true, description: '所在单位类型' })
  unitType?: UnitType | null;

  @Field(() => ID, { nullable: true, description: '书记（须为本组织党员）' })
  secretaryId?: string | null;

  @Field(() => Int, { nullable: true, description: '下辖塆组数' })
  @Min(0)
  villageGroupCount?: number | null;
}

@InputType({ description: '撤销党组织（须无党员、无未撤销的下级组织）' })
export class ArchiveOrganizationInput extends MutationInput {
  @Field(() => ID, { description: '党组织 ID' })
  id!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => LocalDateScalar, { description: '撤销日期' })
  @NotInFuture()
  dissolvedAt!: string;
}

@InputType({ description: '调整党组织隶属关系：整棵子树随之移动' })
export class MoveOrganizationInput extends MutationInput {
  @Field(() => ID, { description: '要调整的党组织 ID' })
  id!: string;

  @Field(() => ID, { description: '新的上级党组织 ID' })
  newParentId!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => LocalDateScalar, { description: '调整日期' })
  @NotInFuture()
  movedAt!: string;

  @Field({ description: '文号' })
  @TrimmedText(100)
  documentNumber!: string;

  @Field({ description: '调整原因' })
  @TrimmedText(500)
  reason!: string;
}

@ObjectType({ description: '党组织变更结果' })
export class OrganizationPayload extends MutationPayload {
  @Field(() => Organization, { description: '变更后的党组织' })
  organization!: Organization;

  @Field(() => Organization, { nullable: true, description: '其上级党组织（便于客户端更新缓存）' })
  parent?: Organization | null;
}

@ObjectType({ description: '隶属关系调整结果' })
export class MoveOrganizationPayload extends MutationPayload {
  @Field(() => Organization, { description: '调整后的党组织' })
  organization!: Organization;

  @Field(() => OrganizationMove, { description: '本次调整记录' })
  move!: OrganizationMove;

  @Field(() => Organization, { nullable: true, description: '原上级党组织' })
  fromParent?: Organization | null;

  @Field(() => Organization, { description: '新上级党组织' })
  toParent!: Organization;
}
