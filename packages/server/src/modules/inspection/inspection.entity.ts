import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, Node } from '../../common/base.entity';
import { registerChineseEnum } from '../../common/enums';
import { LocalDateScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';

export enum TeamRole {
  LEADER = 'LEADER',
  MEMBER = 'MEMBER',
}
registerChineseEnum(TeamRole, 'TeamRole', '督查专班成员角色', { LEADER: '组长', MEMBER: '组员' });

export enum RectificationStatus {
  NOT_REQUIRED = 'NOT_REQUIRED',
  PENDING = 'PENDING',
  RECTIFIED = 'RECTIFIED',
}
registerChineseEnum(RectificationStatus, 'RectificationStatus', '整改状态', {
  NOT_REQUIRED: '未发现问题，无需整改',
  PENDING: '待整改',
  RECTIFIED: '已整改',
});

/** 督查专班: a team of cadres responsible (包保) for one area. */
@Entity({ tableName: 'inspection_team' })
@ObjectType({ implements: Node, description: '督查专班' })
export class InspectionTeam extends BaseEntity {
  @Property({ type: 'text' })
  @Field({ description: '专班名称（如 第1督查专班）' })
  name!: string;

  @Property({ type: 'integer', unique: true })
  @Field(() => Int, { description: '专班序号' })
  number!: number;

  @ManyToOne({ entity: () => Organization, index: true })
  area!: Organization;

  @ManyToOne({ entity: () => Organization, index: true })
  organizer!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '组建日期' })
  formedAt!: string;

  override owningOrganizationId(): number {
    return this.area.id;
  }
}

/** A cadre on a team, with the dates served (days on the front line are derived from them). */
@Entity({ tableName: 'inspection_team_member' })
@Index({ properties: ['team', 'member'] })
@ObjectType({ implements: Node, description: '督查专班成员' })
export class InspectionTeamMember extends BaseEntity {
  @ManyToOne({ entity: () => InspectionTeam })
  team!: InspectionTeam;

  @ManyToOne({ entity: () => Member, index: true })
  member!: Member;

  @Enum({ items: () => TeamRole, type: 'text' })
  @Field(() => TeamRole, { description: '角色：组长 / 组员' })
  role!: TeamRole;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '到岗日期' })
  servedFrom!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '离岗日期（仍在岗为空）' })
  servedTo?: string | null;

  /** The team's area: whoever writes a team member must have the team loaded. */
  override owningOrganizationId(): number {
    return this.team.area.id;
  }
}

/** One visit of a team to a village or community in one inspection round. */
@Entity({ tableName: 'inspection_record' })
@Index({ properties: ['organization', 'inspectedAt'] })
@Index({ properties: ['inspectedAt', 'id'] })
@ObjectType({ implements: Node, description: '督查记录：某专班在某轮次某日督查某村（社区）' })
export class InspectionRecord extends BaseEntity {
  @ManyToOne({ entity: () => InspectionTeam, index: true })
  team!: InspectionTeam;

  @ManyToOne({ entity: () => Organization })
  organization!: Organization;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: '督查日期' })
  inspectedAt!: string;

  @Property({ type: 'integer' })
  @Index()
  @Field(() => Int, { description: '督查轮次（自 2020-01-28 起）' })
  round!: number;

  @Property({ type: 'text' })
  @Field({ description: '督查发现与工作情况' })
  findings!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '发现的问题' })
  problems?: string | null;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '发现问题数' })
  problemCount: number = 0;

  @Enum({ items: () => RectificationStatus, type: 'text' })
  @Index()
  @Field(() => RectificationStatus, { description: '整改状态' })
  rectificationStatus!: RectificationStatus;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: '整改完成日期' })
  rectifiedAt?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '本次走访的塆组（村民小组）数' })
  groupsVisited?: number | null;

  /** The inspected village or community. */
  override owningOrganizationId(): number {
    return this.organization.id;
  }
}
