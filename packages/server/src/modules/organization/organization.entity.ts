import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import type { Member } from '../member/member.entity';
import {
  GRASSROOTS_KINDS,
  ORGANIZATION_TYPE_CODES,
  OrganizationKind,
  TEMPORARY_KINDS,
  UnitType,
} from './organization.enums';
import { fieldsRead } from '../../common/field-dependencies';

/**
 * A party organization. `path` materializes the chain of ancestor ids ("/1/5/23/"), so a whole
 * subtree is one indexed prefix match and the ancestors are the ids in the path.
 */
@Entity({ tableName: 'organization' })
@Index({ name: 'organization_path_prefix_idx', expression: 'create index "organization_path_prefix_idx" on "organization" ("path" text_pattern_ops)' })
@ObjectType({ implements: Node, description: '党组织：市委、工作部门、党组、党工委、党委、党总支、党支部及各类临时党组织' })
export class Organization extends BaseEntity<'typeCode' | 'isTemporary' | 'isGrassroots'> {
  @Property({ type: 'text' })
  @Field({ description: '党组织名称' })
  name!: string;

  @Property({ type: 'varchar', length: 32, unique: true })
  @Field({ description: '组织编码（唯一）' })
  code!: string;

  @Enum({ items: () => OrganizationKind, type: 'text' })
  @Index()
  @Field(() => OrganizationKind, { description: '党组织类别' })
  kind!: OrganizationKind;

  @ManyToOne({ entity: () => Organization, nullable: true, index: true })
  parent?: Organization | null;

  @Property({ type: 'text' })
  path!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '在组织树中的层级（市委为 0）' })
  depth!: number;

  @Property({ type: 'text' })
  @Field({ description: '所在单位名称（如某村、某社区、某医院）' })
  unitName!: string;

  @Enum({ items: () => UnitType, type: 'text' })
  @Index()
  @Field(() => UnitType, { description: '所在单位类型' })
  unitType!: UnitType;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '成立日期' })
  establishedAt!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '撤销日期（临时党组织随任务结束撤销）' })
  dissolvedAt?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '临时党组织承担的临时任务' })
  task?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '批准成立的文号（临时党组织须经上级党组织批准）' })
  approvalDocument?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '村（社区）下辖的塆组（村民小组）数' })
  villageGroupCount?: number | null;

  @ManyToOne({ entity: 'Member', nullable: true, index: true })
  secretary?: Member | null;

  @Field(() => String, { description: '国家标准党组织类别代码（如 631 党支部、931 临时党支部）；非基层党组织为空', nullable: true })
  get typeCode(): string | null {
    return ORGANIZATION_TYPE_CODES[this.kind] ?? null;
  }

  @Field({ description: '是否为临时党组织' })
  get isTemporary(): boolean {
    return TEMPORARY_KINDS.includes(this.kind);
  }

  @Field({ description: '是否为基层党组织（党委、党总支、党支部及其临时形式）' })
  get isGrassroots(): boolean {
    return GRASSROOTS_KINDS.includes(this.kind);
  }

  override owningOrganizationId(): number {
    return this.id;
  }
}

fieldsRead(Organization, { typeCode: ['kind'], isTemporary: ['kind'], isGrassroots: ['kind'] });

/** Re-parenting history: every move of a subtree keeps where it came from and on whose authority. */
@Entity({ tableName: 'organization_move' })
@ObjectType({ implements: Node, description: '党组织隶属关系调整记录（整棵子树随之移动）' })
export class OrganizationMove extends BaseEntity {
  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @ManyToOne({ entity: () => Organization, nullable: true })
  fromParent?: Organization | null;

  @ManyToOne({ entity: () => Organization })
  toParent!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '调整日期' })
  movedAt!: string;

  @Property({ type: 'text' })
  @Field({ description: '文号' })
  documentNumber!: string;

  @Property({ type: 'text' })
  @Field({ description: '调整原因' })
  reason!: string;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}
