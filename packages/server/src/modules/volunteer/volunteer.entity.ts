import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { fieldsRead } from '../../common/field-dependencies';

/** One volunteer service activity (一次志愿服务), carried out by one or more volunteers. */
@Entity({ tableName: 'volunteer_service' })
@Index({ properties: ['servedAt', 'id'] })
@ObjectType({ implements: Node, description: '志愿服务（一次活动，可有多名志愿者参加）' })
export class VolunteerService extends BaseEntity<'hours'> {
  @Property({ type: 'text' })
  @Field({ description: '服务内容' })
  content!: string;

  @ManyToOne({ entity: () => Organization, index: true })
  organization!: Organization;

  @Property({ type: 'text' })
  @Field({ description: '服务地点' })
  location!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '服务日期' })
  servedAt!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '服务时长（分钟）' })
  durationMinutes!: number;

  @Field(() => Float, { description: '服务时长（小时）' })
  get hours(): number {
    return this.durationMinutes / 60;
  }

  override owningOrganizationId(): number {
    return this.organization.id;
  }
}

fieldsRead(VolunteerService, { hours: ['durationMinutes'] });

@Entity({ tableName: 'volunteer_participation' })
@Unique({ properties: ['service', 'member'] })
@ObjectType({ implements: Node, description: '志愿者参加某次志愿服务的记录' })
export class VolunteerParticipation extends BaseEntity {
  @ManyToOne({ entity: () => VolunteerService })
  service!: VolunteerService;

  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  /** The service's organization: whoever writes a participation must have the service loaded. */
  override owningOrganizationId(): number {
    return this.service.organization.id;
  }
}
