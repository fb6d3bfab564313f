import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, type Partition } from '../../../common/filters';
import { todayInChina } from '../../../common/dates';
import { LocalDateScalar } from '../../../common/scalars';
import { MemberFilter } from '../../member/member.inputs';
import { memberSource } from '../../member/member.loaders';
import { Education, Gender, MemberStatus, OccupationCategory, PartyStanding } from '../../member/member.enums';
import { OrganizationFilter } from '../../organization/organization.inputs';
import { organizationSource } from '../../organization/organization.loaders';
import { GRASSROOTS_KINDS, OrganizationKind, TEMPORARY_KINDS, UnitType } from '../../organization/organization.enums';
import { PostKind } from '../../post/post.entity';
import { PostFilter } from '../../post/post.inputs';
import { postSource } from '../../post/post.loaders';
import { SquadFilter } from '../../squad/squad.inputs';
import { squadSource } from '../../squad/squad.loaders';
import { AGE_BAND_LIMITS, AgeBand } from '../analytics.types';
import {
  booleanDimension,
  countMeasure,
  enumDimension,
  intDimension,
  measure,
  organizationDimension,
  organizationDimensions,
  valueDimension,
} from '../dimensions';
import type { FactDefinition, SqlContext } from '../fact';

const inList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** Organizations below an organization: its subtree, or (without descendants) its direct children. */
export const ownOrDescendants = (column: string, includeDescendants: boolean): Partition =>
  includeDescendants ? { kind: 'subtree', column } : { kind: 'column', column: 'parent_id' };

export const organizationFact: FactDefinition = {
  name: 'Organization',
  field: 'organizations',
  label: '党组织',
  description: '党组织统计：按下级党组织（整棵子树汇总）、乡镇、类别、单位类型等分组计数（范围为某党组织时只统计其下级，不含自身）',
  filter: OrganizationFilter,
  base: (knex, partition, keys, args) => organizationSource(partition, args.filter as OrganizationFilter).base(knex, keys),
  scopes: [{ name: 'SELF', column: 'id', description: '党组织本身' }],
  partition: ownOrDescendants,
  dimensions: [
    ...organizationDimensions('党组织').slice(0, 2),
    organizationDimension('PARENT', 'parent', '上级党组织', 'b.parent_id'),
    enumDimension('KIND', 'kind', '党组织类别', OrganizationKind, 'kind'),
    enumDimension('UNIT_TYPE', 'unitType', '所在单位类型', UnitType, 'unit_type'),
    booleanDimension('GRASSROOTS', 'grassroots', '是否基层党组织', `b.kind in (${inList(GRASSROOTS_KINDS)})`),
    booleanDimension('TEMPORARY', 'temporary', '是否临时党组织', `b.kind in (${inList(TEMPORARY_KINDS)})`),
    intDimension('DEPTH', 'depth', '在组织树中的层级（市委为 0）', 'b.depth'),
  ],
  measures: [
    countMeasure('党组织个数'),
    measure('VILLAGE_GROUP_COUNT', 'villageGroupCount', 'int', '下辖塆组（村民小组）数合计', 'sum(b.village_group_count)'),
  ],
};

/** The age (周岁) of member rows `b` on `asOf` (default today). */
function ageSql(sql: SqlContext): string {
  const asOf = (sql.args.asOf as string | null | undefined) ?? todayInChina();
  return `extract(year from age(${sql.literal(asOf)}::date, b.birth_date))::int`;
}

function ageBandSql(sql: SqlContext): string {
  const age = ageSql(sql);
  const bands = AGE_BAND_LIMITS.map(([band, limit]) => `when ${age} <= ${limit} then '${band}'`).join(' ');
  return `case ${bands} else '${AgeBand.OVER_60}' end`;
}

/** Members who have reported to a village or community (community_report, scoped). */
const reportedMembers = (knex: Knex) => partitionedBase(knex, 'community_report', { kind: 'root' }, [0]).clearSelect().distinct('t.member_id');

const REPORTED = 'rp.member_id is not null';

export const memberFact: FactDefinition = {
  name: 'Member',
  field: 'members',
  label: '党员',
  description: '党员统计：按下级党组织、乡镇、性别、年龄段、学历、党员类别、职业类别等分组计数，并统计在职党员到村（社区）报到情况',
  filter: MemberFilter,
  base: (knex, partition, keys, args) => memberSource(partition, args.filter as MemberFilter).base(knex, keys),
  scopes: [{ name: 'HOME', column: 'organization_id', description: '组织关系所在党组织' }],
  joins: { reports: (sql) => ({ ctes: [['reports', reportedMembers(sql.knex)]], clause: 'left join reports rp on rp.member_id = b.id' }) },
  columns: [{ name: '__reported', sql: REPORTED, joins: ['reports'] }],
  extraArgs: [{ name: 'asOf', type: () => LocalDateScalar, nullable: true, description: '计算年龄（年龄段、平均年龄）的基准日期，默认今天' }],
  dimensions: [
    ...organizationDimensions('组织关系所在党组织'),
    valueDimension('ORGANIZATION_KIND', 'organizationKind', '组织关系所在党组织的类别', () => OrganizationKind, 'ro.kind', { joins: ['rowOrganization'] }),
    valueDimension('UNIT_TYPE', 'unitType', '组织关系所在党组织的单位类型（村、社区、医院、企业、机关等）', () => UnitType, 'ro.unit_type', {
      joins: ['rowOrganization'],
    }),
    enumDimension('GENDER', 'gender', '性别', Gender, 'gender'),
    valueDimension('AGE_BAND', 'ageBand', '年龄段（按 asOf 计算周岁）', () => AgeBand, ageBandSql),
    enumDimension('EDUCATION', 'education', '学历', Education, 'education'),
    enumDimension('STATUS', 'status', '党员类别（正式 / 预备）', MemberStatus, 'status'),
    enumDimension('STANDING', 'standing', '党籍状态', PartyStanding, 'standing'),
    enumDimension('OCCUPATION', 'occupation', '职业类别', OccupationCategory, 'occupation'),
    valueDimension('ETHNICITY', 'ethnicity', '民族', () => String, 'b.ethnicity'),
    booleanDimension('IN_SERVICE', 'inService', '是否在职党员', 'b.in_service'),
    booleanDimension('MOBILE', 'mobile', '是否流动党员', 'b.mobile'),
    booleanDimension('REPORTED_TO_COMMUNITY', 'reportedToCommunity', '是否已到村（社区）报到', REPORTED, ['reports']),
    intDimension('JOINED_YEAR', 'joinedYear', '入党年份', 'extract(year from b.joined_party_at)::int'),
  ],
  measures: [
    countMeasure('党员人数'),
    measure('AVERAGE_AGE', 'averageAge', 'float', '平均年龄（周岁，按 asOf 计算）', (sql) => `avg(${ageSql(sql)})`, true),
    measure('IN_SERVICE_COUNT', 'inServiceCount', 'int', '在职党员人数', 'count(*) filter (where b.in_service)'),
    {
      ...measure('REPORTED_COUNT', 'reportedToCommunityCount', 'int', '已到村（社区）报到的党员人数', 'count(*) filter (where b.__reported)'),
      columns: ['__reported'],
    },
    {
      ...measure(
        'REPORTED_RATIO',
        'reportedToCommunityRatio',
        'float',
        '在职党员到村（社区）报到率：已报到的在职党员 ÷ 在职党员（0～1；无在职党员时为空）',
        '(count(*) filter (where b.in_service and b.__reported))::float8 / nullif(count(*) filter (where b.in_service), 0)',
        true,
      ),
      columns: ['__reported'],
    },
  ],
};

const byOrganization = (owner: string) => ({
  scopes: [{ name: 'OWNER', column: 'organization_id', description: owner }],
  dimensions: organizationDimensions(owner),
});

export const postFact: FactDefinition = {
  name: 'Post',
  field: 'posts',
  label: '党员岗',
  description: '党员岗统计：按下级党组织、乡镇、设岗党组织、岗位类型分组计数',
  filter: PostFilter,
  base: (knex, partition, keys, args) => postSource(partition, args.filter as PostFilter).base(knex, keys),
  ...byOrganization('设岗党组织'),
  dimensions: [...organizationDimensions('设岗党组织'), enumDimension('KIND', 'kind', '岗位类型', PostKind, 'kind')],
  measures: [countMeasure('党员岗个数')],
};

export const squadFact: FactDefinition = {
  name: 'Squad',
  field: 'squads',
  label: '党员突击队',
  description: '党员突击队统计：按下级党组织、乡镇、组建党组织分组计数',
  filter: SquadFilter,
  base: (knex, partition, keys, args) => squadSource(partition, args.filter as SquadFilter).base(knex, keys),
  ...byOrganization('组建突击队的党组织'),
  measures: [countMeasure('突击队个数')],
};

/** Each member's home organization and occupation (member rows, scoped), for temporary memberships. */
const memberHomes = (knex: Knex) => partitionedBase(knex, 'member', { kind: 'root' }, [0]).clearSelect().select('t.id', 't.organization_id', 't.occupation');

export const temporaryMembershipFact: FactDefinition = {
  name: 'TemporaryMembership',
  field: 'temporaryMemberships',
  label: '临时党组织成员关系',
  description: '临时党组织成员统计：按临时党组织、成员职业类别、组织关系所在党组织、是否仍在分组，计算成员人数（成员的组织关系仍在原党组织）',
  base: (knex, partition, keys) => partitionedBase(knex, 'temporary_membership', partition, keys),
  scopes: [{ name: 'TEMPORARY_ORGANIZATION', column: 'organization_id', description: '临时党组织' }],
  joins: { home: (sql) => ({ ctes: [['member_home', memberHomes(sql.knex)]], clause: 'left join member_home mh on mh.id = b.member_id' }) },
  dimensions: [
    ...organizationDimensions('临时党组织'),
    valueDimension('OCCUPATION', 'occupation', '成员的职业类别', () => OccupationCategory, 'mh.occupation', { joins: ['home'] }),
    organizationDimension('HOME_ORGANIZATION', 'homeOrganization', '成员组织关系所在党组织', 'mh.organization_id', ['home']),
    booleanDimension('ACTIVE', 'active', '是否仍在临时党组织（未离开）', 'b.left_at is null'),
  ],
  measures: [
    countMeasure('成员关系数'),
    measure('MEMBER_COUNT', 'memberCount', 'int', '成员人数（同一党员只计一次）', 'count(distinct b.member_id)'),
  ],
};
