import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

export enum PostKind {
  VANGUARD = 'VANGUARD',
  MODEL = 'MODEL',
  RESPONSIBILITY = 'RESPONSIBILITY',
}
registerChineseEnum(PostKind, 'PostKind', '党员岗类型', {
  VANGUARD: '党员先锋岗',
  MODEL: '党员示范岗',
  RESPONSIBILITY: '党员责任岗',
});

/** 党员岗 set up at an organization, held by one or more members. */
@Entity({ tableName: 'post' })
@ObjectType({ implements: Node, description: '党员岗（先锋岗、示范岗、责任岗）' })
export class Post extends BaseEntity {
  @Property({ type: 'text' })
  @Field({ description: '岗位名称' })
  name!: string;

  @Enum({ items: () => PostKind, type: 'text' })
  @Index()
  @Field(() => PostKind, { description: '岗位类型' })
  kind!: PostKind;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '设岗日期' })
  establishedAt!: string;

  @Property({ type: 'text' })
  @Field({ description: '岗位职责' })
  duty!: string;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}

@Entity({ tableName: 'post_holder' })
@Unique({ properties: ['post', 'member'] })
@ObjectType({ implements: Node, description: '党员岗在岗党员' })
export class PostHolder extends BaseEntity {
  @ManyToOne({ entity: () => Post })
  post!: Post;

  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '上岗日期' })
  since!: string;

  /** The post's organization: whoever writes a holder must have the post loaded. */
  override owningOrganizationId(): number {
    return this.post.organization.id;
  }
}
