import type { Knex } from '@mikro-orm/postgresql';
import { Min } from 'class-validator';
import { Int } from 'type-graphql';
import { partitionedBase, type Partition } from '../../../common/filters';
import { InspectionTeam, RectificationStatus, TeamRole } from '../../inspection/inspection.entity';
import { InspectionRecordFilter, InspectionTeamFilter } from '../../inspection/inspection.inputs';
import { inspectionRecordSource, inspectionTeamSource } from '../../inspection/inspection.loaders';
import { UnitType } from '../../organization/organization.enums';
import {
  booleanDimension,
  countMeasure,
  distinctCount,
  entityDimension,
  enumDimension,
  intDimension,
  measure,
  organizationDimension,
  organizationDimensions,
  timeDimensions,
} from '../dimensions';
import type { FactArgs, FactDefinition, SqlContext } from '../fact';
import { ownOrDescendants } from './organization.facts';

const TEAM_TARGET = { entity: InspectionTeam, table: 'inspection_team', sortColumn: 'number' };

export const inspectionFact: FactDefinition = {
  name: 'Inspection',
  field: 'inspections',
  label: '督查记录',
  description: '督查统计：督查记录按下级党组织、乡镇、村（社区）、专班、轮次、日期、整改状态等分组，计算记录数、覆盖村数、轮次数、天数、问题数',
  filter: InspectionRecordFilter,
  base: (knex, partition, keys, args) => inspectionRecordSource(partition, args.filter as InspectionRecordFilter).base(knex, keys),
  scopes: [{ name: 'VILLAGE', column: 'organization_id', description: '被督查的村（社区）党组织' }],
  dateColumn: 'inspected_at',
  timeSeriesField: 'inspectionTimeSeries',
  dimensions: [
    ...organizationDimensions('被督查的村（社区）党组织'),
    entityDimension('TEAM', 'team', '督查专班', TEAM_TARGET, 'b.team_id'),
    intDimension('ROUND', 'round', '督查轮次', 'b.round'),
    ...timeDimensions('inspected_at', '督查日期'),
    enumDimension('RECTIFICATION_STATUS', 'rectificationStatus', '整改状态', RectificationStatus, 'rectification_status'),
    booleanDimension('HAS_PROBLEMS', 'hasProblems', '是否发现问题', 'b.problem_count > 0'),
    booleanDimension(
      'FULL_GROUP_COVERAGE',
      'fullGroupCoverage',
      '是否走遍了该村（社区）全部塆组',
      'b.groups_visited >= ro.village_group_count',
      ['rowOrganization'],
    ),
  ],
  measures: [
    countMeasure('督查记录条数（督查村次）'),
    distinctCount('VILLAGE_COUNT', 'villageCount', '督查覆盖的村（社区）个数（去重）', 'organization_id'),
    distinctCount('TEAM_COUNT', 'teamCount', '开展督查的专班个数（去重）', 'team_id'),
    distinctCount('ROUND_COUNT', 'roundCount', '督查轮次数（去重）', 'round'),
    distinctCount('DAY_COUNT', 'dayCount', '开展督查的天数（不同日期个数）', 'inspected_at'),
    measure('PROBLEM_COUNT', 'problemCount', 'int', '发现问题数合计', 'sum(b.problem_count)'),
    measure('PENDING_COUNT', 'pendingCount', 'int', '待整改的记录条数', `count(*) filter (where b.rectification_status = '${RectificationStatus.PENDING}')`),
    measure('GROUPS_VISITED', 'groupsVisited', 'int', '走访塆组数合计', 'sum(b.groups_visited)'),
  ],
};

/** Team memberships of the teams matching the team filter (`t.*` of inspection_team_member with the team's `__key`). */
function cadreBase(knex: Knex, partition: Partition, keys: readonly number[], args: FactArgs): Knex.QueryBuilder {
  const teams = inspectionTeamSource(partition, args.filter as InspectionTeamFilter).base(knex, keys);
  const memberships = partitionedBase(knex, 'inspection_team_member', { kind: 'root' }, [0]).clearSelect().select('t.*');
  return knex.select('m.*', 'tt.__key').from(memberships.as('m')).join(teams.as('tt'), 'tt.id', 'm.team_id');
}

/** Each cadre's home organization (member rows, scoped). */
const cadreHomes = (knex: Knex) => partitionedBase(knex, 'member', { kind: 'root' }, [0]).clearSelect().select('t.id', 't.organization_id');

export const inspectionCadreFact: FactDefinition = {
  name: 'InspectionCadre',
  field: 'inspectionCadres',
  label: '督查专班成员',
  description: '督查干部统计：督查专班成员按专班、角色、组织关系所在党组织分组，计算人数与专班数',
  filter: InspectionTeamFilter,
  filterDescription: '只统计符合条件的督查专班的成员',
  base: cadreBase,
  joins: { home: (sql) => ({ ctes: [['cadre_home', cadreHomes(sql.knex)]], clause: 'left join cadre_home ch on ch.id = b.member_id' }) },
  dimensions: [
    entityDimension('TEAM', 'team', '督查专班', TEAM_TARGET, 'b.team_id'),
    enumDimension('ROLE', 'role', '专班中的角色', TeamRole, 'role'),
    organizationDimension('HOME_ORGANIZATION', 'homeOrganization', '成员组织关系所在党组织（即抽调自哪个单位）', 'ch.organization_id', ['home']),
  ],
  measures: [
    countMeasure('专班成员人次'),
    distinctCount('MEMBER_COUNT', 'memberCount', '干部人数（去重）', 'member_id'),
    distinctCount('TEAM_COUNT', 'teamCount', '专班个数（去重）', 'team_id'),
    measure('LEADER_COUNT', 'leaderCount', 'int', '组长人数', `count(*) filter (where b.role = '${TeamRole.LEADER}')`),
  ],
};

const VILLAGE_UNIT_TYPES = [UnitType.VILLAGE, UnitType.COMMUNITY];

/**
 * Villages and communities with the number of matching inspections of each (`__hits`); grouped by
 * round, one row per village and round that has any matching record (`__round`).
 */
function villageBase(knex: Knex, partition: Partition, keys: readonly number[], args: FactArgs): Knex.QueryBuilder {
  const villages = partitionedBase(knex, 'organization', partition, keys).whereIn('t.unit_type', VILLAGE_UNIT_TYPES);
  const records = () => inspectionRecordSource({ kind: 'root' }, args.filter as InspectionRecordFilter).base(knex, [0]);
  const byRound = args.groupBy?.includes('ROUND') ?? false;
  const hitColumns = byRound ? ['r.organization_id', 'r.round'] : ['r.organization_id'];
  const hits = knex.select(hitColumns).count('* as hits').from(records().as('r')).groupBy(hitColumns);
  const query = knex.select('v.*', knex.raw('coalesce(h.hits, 0) as __hits')).from(villages.as('v'));
  if (!byRound) return query.select(knex.raw('null::int as __round')).leftJoin(hits.as('h'), 'h.organization_id', 'v.id');
  const rounds = knex.distinct('r.round').from(records().as('r'));
  return query
    .select('rd.round as __round')
    .crossJoin(rounds.as('rd') as never)
    .leftJoin(hits.as('h'), (on) => on.on('h.organization_id', 'v.id').andOn('h.round', 'rd.round'));
}

const covered = (args: FactArgs) => `b.__hits >= ${Number(args.minInspections ?? 1)}`;

/** Villages are counted once per group, also when (grouped by round) a village has a row per round. */
const coveredVillages = (sql: SqlContext) => `count(distinct b.id) filter (where ${covered(sql.args)})`;

export const villageCoverageFact: FactDefinition = {
  name: 'VillageCoverage',
  field: 'villageCoverage',
  label: '村（社区）',
  description:
    '督查覆盖率：范围内村（社区）党组织中被督查（符合 filter 的督查记录至少 minInspections 条）的个数与比例，可按乡镇、下级党组织、轮次分组（按轮次时分母为全部村（社区））',
  filter: InspectionRecordFilter,
  filterDescription: '只计入符合条件的督查记录（如某轮次、某日期范围、走遍全部塆组的记录）',
  base: villageBase,
  scopes: [{ name: 'SELF', column: 'id', description: '村（社区）党组织本身' }],
  partition: ownOrDescendants,
  extraArgs: [
    {
      name: 'minInspections',
      type: () => Int,
      defaultValue: 1,
      description: '至少有几条符合 filter 的督查记录才算覆盖（默认 1）',
      validators: [Min(1, { message: 'minInspections 至少为 1' })],
    },
  ],
  dimensions: [
    ...organizationDimensions('村（社区）党组织').slice(0, 2),
    enumDimension('UNIT_TYPE', 'unitType', '村或社区', UnitType, 'unit_type'),
    intDimension('ROUND', 'round', '督查轮次（分母为全部村（社区），分子为该轮被督查的）', 'b.__round'),
  ],
  measures: [
    measure('VILLAGE_COUNT', 'villageCount', 'int', '村（社区）党组织总数', 'count(distinct b.id)'),
    measure('COVERED_COUNT', 'coveredCount', 'int', '被督查覆盖的村（社区）个数（按轮次分组时，合计为至少在一轮中被覆盖的个数）', coveredVillages),
    measure('UNCOVERED_COUNT', 'uncoveredCount', 'int', '未被督查覆盖的村（社区）个数', (sql) => `count(distinct b.id) - ${coveredVillages(sql)}`),
    measure(
      'COVERAGE_RATIO',
      'coverageRatio',
      'float',
      '覆盖率：被覆盖个数 ÷ 总数（0～1；总数为 0 时为空）',
      (sql) => `(${coveredVillages(sql)})::float8 / nullif(count(distinct b.id), 0)`,
      true,
    ),
    measure('INSPECTION_COUNT', 'inspectionCount', 'int', '符合条件的督查记录条数合计', 'sum(b.__hits)'),
  ],
};
