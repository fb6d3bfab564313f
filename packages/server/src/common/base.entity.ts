import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, InterfaceType } from 'type-graphql';
import { toGlobalId } from './global-id';

/** Every object with an id implements Relay's Node, so `node(id:)` can fetch it. */
@InterfaceType('Node', {
  description: '可通过全局 ID 获取的对象（Relay Node 规范）',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: '全局唯一标识（不透明字符串，可用于 node 查询）' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }

  abstract id: number;
}

/**
 * Columns every table has. `version` supports optimistic locking of writes. `Optional` names the
 * further properties (defaults, getters) that `em.create` must not require.
 */
// Declared as an interface so type-graphql copies these fields into every entity type extending it.
@InterfaceType('Versioned', {
  implements: Node,
  description: '带版本号的可修改对象（版本号用于乐观锁）',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class BaseEntity<Optional extends string = never> extends Node {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | 'globalId' | Optional;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field({ description: '版本号：每次修改递增，用于乐观锁' })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field({ description: '创建时间' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  @Field({ description: '最后修改时间' })
  updatedAt: Date = new Date();

  /**
   * The organization whose subtree this row belongs to. Change events carry its path so scoped
   * subscribers and auditors see exactly their subtree's changes.
   */
  owningOrganizationId(): number | null {
    return null;
  }
}
