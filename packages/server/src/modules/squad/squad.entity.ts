import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

/** 党员突击队 formed at an organization. */
@Entity({ tableName: 'squad' })
@ObjectType({ implements: Node, description: '党员突击队' })
export class Squad extends BaseEntity {
  @Property({ type: 'text' })
  @Field({ description: '突击队名称' })
  name!: string;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @ManyToOne({ entity: () => Member, nullable: true, index: true })
  leader?: Member | null;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '组建日期' })
  formedAt!: string;

  @Property({ type: 'text' })
  @Field({ description: '任务' })
  mission!: string;

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}

@Entity({ tableName: 'squad_member' })
@Unique({ properties: ['squad', 'member'] })
@ObjectType({ implements: Node, description: '突击队队员' })
export class SquadMember extends BaseEntity {
  @ManyToOne({ entity: () => Squad })
  squad!: Squad;

  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '加入日期' })
  joinedAt!: string;

  /** The squad's organization: whoever writes a membership must have the squad loaded. */
  override owningOrganizationId(): number {
    return this.squad.organization.id;
  }
}
