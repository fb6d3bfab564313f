import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { Role } from '../../common/auth/roles';
import { Organization } from '../organization/organization.entity';

/** A credential for a downstream system. Only a hash of the key is stored. */
@Entity({ tableName: 'api_key' })
@ObjectType({ description: 'API Key（供下级系统使用；只保存其哈希，明文只在创建时显示一次）' })
export class ApiKey {
  static readonly changeFeed = false;

  [OptionalProps]?: 'createdAt' | 'globalId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text', unique: true })
  @Field({ description: '名称（如 某街道网格系统）' })
  name!: string;

  /** SHA-256 of the key, hex. */
  @Property({ type: 'text', unique: true })
  keyHash!: string;

  /** The key's first characters, to tell keys apart in lists. */
  @Property({ type: 'text' })
  @Field({ description: '密钥前缀（用于辨认，不能用来认证）' })
  prefix!: string;

  @Enum({ items: () => Role, type: 'text' })
  @Field(() => Role, { description: '角色' })
  role!: Role;

  @ManyToOne({ entity: () => Organization, nullable: true })
  organization?: Organization | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field({ description: '创建时间' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '最近使用时间（约每分钟更新一次）' })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '吊销时间（未吊销为空）' })
  revokedAt?: Date | null;

  @Field(() => ID, { name: 'id', description: '全局 ID' })
  get globalId(): string {
    return toGlobalId('ApiKey', this.id);
  }
}

/** Every full (unmasked) read of sensitive personal information. */
@Entity({ tableName: 'sensitive_access_log' })
@Index({ properties: ['memberId', 'accessedAt'] })
export class SensitiveAccessLog {
  static readonly changeFeed = false;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'integer' })
  memberId!: number;

  @Property({ type: 'text[]' })
  fields!: string[];

  @Property({ type: 'text', nullable: true })
  requestId?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  accessedAt: Date = new Date();
}
