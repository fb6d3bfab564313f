import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { toGlobalId } from '../../common/global-id';
import { fieldsRead } from '../../common/field-dependencies';

export enum ChangeOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerChineseEnum(ChangeOperation, 'ChangeOperation', '变更操作类型', {
  CREATE: '新增',
  UPDATE: '修改',
  DELETE: '删除',
});

/** One changed field with its values before and after (sensitive values masked). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * One committed change to one entity, written in the same transaction as the change itself.
 * `sequence` is gap-free and follows commit order, so it doubles as the subscribers' resume cursor.
 * It is also the audit trail.
 */
@Entity({ tableName: 'change_event' })
@Index({ properties: ['entityType', 'entityId'] })
@Index({ name: 'change_event_path_prefix_idx', expression: 'create index "change_event_path_prefix_idx" on "change_event" ("organization_path" text_pattern_ops, "sequence")' })
@ObjectType({ description: '变更事件：每次已提交的写入一条（同一事务内写入），也是审计日志' })
export class ChangeEvent {
  static readonly changeFeed = false;

  @PrimaryKey({ type: new BigIntType('string'), autoincrement: false })
  sequence!: string;

  @Property({ type: 'text' })
  @Field({ description: '实体类型（如 Member、Organization）' })
  entityType!: string;

  @Property({ type: 'integer' })
  entityId!: number;

  @Enum({ items: () => ChangeOperation, type: 'text' })
  @Field(() => ChangeOperation, { description: '操作类型' })
  operation!: ChangeOperation;

  @Property({ type: 'integer', nullable: true })
  organizationId?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '所属党组织在组织树中的路径（供按子树订阅过滤）' })
  organizationPath?: string | null;

  @Property({ type: 'text' })
  @Field({ description: '操作人' })
  actor!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '请求 ID（可与服务日志对应）' })
  requestId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '触发变更的操作名（如 moveOrganization）' })
  mutation?: string | null;

  @Property({ type: 'jsonb' })
  changes!: FieldChange[];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field({ description: '提交时间' })
  occurredAt: Date = new Date();

  @Field(() => ID, { name: 'entityId', description: '变更实体的全局 ID' })
  get entityGlobalId(): string {
    return toGlobalId(this.entityType, this.entityId);
  }
}

fieldsRead(ChangeEvent, { entityId: ['entityType'] });

/** The single-row counter that hands out gap-free sequences; its row lock orders concurrent commits. */
@Entity({ tableName: 'change_sequence' })
export class ChangeSequence {
  static readonly changeFeed = false;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: new BigIntType('string') })
  value!: string;
}
