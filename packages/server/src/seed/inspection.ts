/**
 * 督查: 38 cadres (10 from 组织部) in 19 teams, one per area; 17 rounds from 2020-01-28 in which
 * every one of the 452 villages and communities is inspected by the team of its area.
 */
import { addDays, randomDate } from './dates';
import type { Dataset, InspectionTeamMemberRow, InspectionTeamRow, MemberRow, OrgNode } from './model';
import type { NamedPeople } from './members';
import type { Area, OrgTree } from './organizations';
import { randomFor, type Random } from './random';

const FORMED_AT = '2020-01-27';
const FIRST_ROUND = '2020-01-28';
const ROUNDS = 17;
const LAST_RECTIFICATION = '2020-02-14';
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const FINDINGS = [
  '{v}卡口值守、入户排查、体温监测等防控措施落实到位，群众居家配合度高。',
  '督导{v}疫情防控工作：重点人员居家隔离管控到位，返乡人员台账完整。',
  '{v}党员干部24小时轮班值守，宣传横幅和“村村响”广播覆盖各塆组。',
  '{v}公共区域消杀按时开展，生活物资保障和代购服务运转正常。',
  '抽查{v}返乡人员健康监测记录，网格员逐户走访登记，情况清楚。',
];
const PROBLEMS = [
  '卡口值守人员不足，夜间存在脱岗现象', '个别居家隔离人员管控不严，存在外出情况', '返乡人员信息台账登记不完整',
  '体温监测记录不规范，存在漏记漏报', '公共区域消杀记录缺失', '宣传标语张贴不到位，部分塆组广播未覆盖',
  '党员责任区划分不清，包保责任未落实到人', '生活物资配送不及时，群众反映较多',
];

/** 第一 … 第十九 */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  return `${n >= 20 ? NUMERALS[Math.floor(n / 10) - 1] : ''}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

export function addInspection(dataset: Dataset, tree: OrgTree, people: NamedPeople): void {
  const rng = randomFor('inspection');
  const teams = tree.areas.map((area, i) => dataset.inspectionTeam.add({
    name: `第${chineseOrdinal(i + 1)}督查专班`, number: i + 1, area_id: area.node.row.id, organizer_id: tree.department.row.id, formed_at: FORMED_AT,
  }));
  addTeamMembers(dataset, teams, pickCadres(rng, tree, people), people);
  const groupsVisited = planGroupsVisited(rng, tree);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const date = addDays(FIRST_ROUND, round - 1);
    tree.areas.forEach((area, i) => addRoundRecords(dataset, rng, teams[i], area, round, date, groupsVisited));
  }
}

/** 10 cadres of 组织部 (李峰 and 刘小峰 first) and 28 from two dozen other agencies. */
function pickCadres(rng: Random, tree: OrgTree, people: NamedPeople): { department: MemberRow[]; others: MemberRow[] } {
  const secretaries = new Set(tree.all.map((node) => node.row.secretary_id));
  const eligible = (member: MemberRow) => member.in_service && !secretaries.has(member.id) && !Object.values(people).includes(member);
  const department = [people.liFeng, people.liuXiaofeng, ...tree.departmentBranch.members.filter(eligible).slice(0, 8)];
  const agencies = rng.sample(tree.agencyLeaves.filter((node) => node.profile === 'agency' && node !== tree.departmentBranch), 14);
  const others = agencies.flatMap((node) => node.members.filter(eligible).slice(0, 2));
  if (department.length !== 10 || others.length !== 28) throw new Error('not enough inspection cadres');
  return { department, others };
}

/** Team 1 (龙池桥街道) is led by 李峰; teams 2–10 each have one 组织部 member (刘小峰 on team 2). */
function addTeamMembers(dataset: Dataset, teams: InspectionTeamRow[], cadres: { department: MemberRow[]; others: MemberRow[] }, people: NamedPeople): void {
  const others = cadres.others.slice();
  const add = (team: InspectionTeamRow, member: MemberRow, role: InspectionTeamMemberRow['role']) => dataset.inspectionTeamMember.add({
    team_id: team.id, member_id: member.id, role, served_from: member === people.liuXiaofeng ? '2020-01-25' : FORMED_AT, served_to: null,
  });
  teams.forEach((team, i) => {
    if (i === 0) {
      add(team, cadres.department[0], 'LEADER');
      add(team, others.shift() as MemberRow, 'MEMBER');
    } else if (i < 10) {
      add(team, others.shift() as MemberRow, 'LEADER');
      add(team, cadres.department[i], 'MEMBER');
    } else {
      add(team, others.shift() as MemberRow, 'LEADER');
      add(team, others.shift() as MemberRow, 'MEMBER');
    }
  });
}

/**
 * 塆组 visited per village and round. Each village of 龙池桥街道 has all of its groups visited in
 * exactly three rounds (三次跑遍所有塆组) and fewer in the others.
 */
function planGroupsVisited(rng: Random, tree: OrgTree): Map<OrgNode, number[]> {
  const plan = new Map<OrgNode, number[]>();
  for (const area of tree.areas) {
    for (const village of area.villages) {
      const groups = village.row.village_group_count as number;
      if (area === tree.longchiqiao) {
        const full = new Set(rng.sample(Array.from({ length: ROUNDS }, (_, i) => i), 3));
        plan.set(village, Array.from({ length: ROUNDS }, (_, i) => (full.has(i) ? groups : rng.int(1, groups - 1))));
      } else {
        plan.set(village, Array.from({ length: ROUNDS }, () => rng.int(Math.ceil(groups / 2), groups)));
      }
    }
  }
  return plan;
}

function addRoundRecords(dataset: Dataset, rng: Random, team: InspectionTeamRow, area: Area, round: number, date: string, groupsVisited: Map<OrgNode, number[]>): void {
  for (const village of area.villages) {
    const name = village.row.unit_name;
    const problems = rng.chance(0.3) ? rng.sample(PROBLEMS, rng.int(1, 3)) : [];
    const rectifiedAt = problems.length ? randomDate(rng, addDays(date, 1), addDays(date, 4)) : null;
    const rectified = rectifiedAt !== null && rectifiedAt <= LAST_RECTIFICATION;
    dataset.inspectionRecord.add({
      team_id: team.id, organization_id: village.row.id, inspected_at: date, round,
      findings: problems.length
        ? `督导${name}疫情防控工作，发现问题${problems.length}个，已当场反馈村（社区）党组织并限期整改。`
        : rng.pick(FINDINGS).replace('{v}', name),
      problems: problems.length ? `${problems.join('；')}。` : null,
      problem_count: problems.length,
      rectification_status: !problems.length ? 'NOT_REQUIRED' : rectified ? 'RECTIFIED' : 'PENDING',
      rectified_at: rectified ? rectifiedAt : null,
      groups_visited: (groupsVisited.get(village) as number[])[round - 1],
    });
  }
}
