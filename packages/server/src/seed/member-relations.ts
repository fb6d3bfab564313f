/** Positions, 组织关系转接 history, 临时党支部 memberships and 在职党员到村（社区）报到. */
import { addDays, laterOf, randomDate } from './dates';
import type { Dataset, MemberRow, OrgNode } from './model';
import type { NamedPeople } from './members';
import type { OrgTree } from './organizations';
import { randomFor } from './random';

const REPORT_FROM = '2020-01-28';
const REPORT_DAYS = 19; // 2020-01-28 … 2020-02-15
const REPORT_DUTIES = ['卡口值守', '入户排查登记', '体温检测', '生活物资配送', '政策宣传引导', '环境消杀', '网格巡查', '重点人员居家隔离服务'];

export function addPositions(dataset: Dataset, tree: OrgTree, people: NamedPeople): void {
  const secretary = (node: OrgNode) => node.row.secretary_id as number;
  const rows: [number, string, OrgNode, string][] = [
    [secretary(tree.root), '市委书记', tree.root, '2016-09-28'],
    [people.yeXu.id, '市委常委', tree.root, '2016-09-28'],
    [people.yeXu.id, '市委组织部部长', tree.department, '2016-10-08'],
    [secretary(tree.departmentBranch), '市委组织部常务副部长', tree.department, '2018-01-10'],
    [people.liFeng.id, '市委组织部副部长', tree.department, '2017-03-15'],
    [secretary(tree.federationGroup), '市工商联党组书记', tree.federationGroup, '2017-12-20'],
    [secretary(tree.industryGroup), '市产业发展中心党组书记', tree.industryGroup, '2018-06-05'],
  ];
  for (const [memberId, title, node, startedAt] of rows) {
    dataset.position.add({ member_id: memberId, title, organization_id: node.row.id, started_at: startedAt, ended_at: null });
  }
}

/** A few members moved here from another organization of the same kind; the history row explains it. */
export function addTransfers(dataset: Dataset, tree: OrgTree, people: NamedPeople): void {
  const rng = randomFor('transfers');
  const named = new Set(Object.values(people));
  const reasons: Record<string, string> = { village: '居住地变更，转入现居住地村（社区）党组织', agency: '工作调动', enterprise: '变更工作单位' };
  const leaves = tree.all.filter((node) => node.profile && reasons[node.profile] && node.members.length > 5);
  const moved = new Set<MemberRow>();
  while (moved.size < 12) {
    const to = rng.pick(leaves);
    const member = rng.pick(to.members);
    if (moved.has(member) || named.has(member) || member.joined_party_at > '2016-12-31') continue;
    const from = rng.pick(leaves.filter((node) => node.profile === to.profile && node !== to));
    moved.add(member);
    dataset.memberTransfer.add({
      member_id: member.id, from_organization_id: from.row.id, to_organization_id: to.row.id,
      transferred_at: randomDate(rng, laterOf(member.joined_party_at, '2017-01-01'), '2019-12-31'), reason: reasons[to.profile as string],
    });
  }
}

/**
 * 65 党员医护人员 of the hospital's departments join the 5 临时党支部 (13 each); 陈敬锋 and 王双兰
 * serve together in 隔离病区第一临时党支部. The first of each branch is its secretary.
 */
export function addTemporaryMemberships(dataset: Dataset, tree: OrgTree, people: NamedPeople): MemberRow[] {
  const rng = randomFor('temporary-branches');
  const couple = [people.chenJingfeng, people.wangShuanglan];
  const candidates = tree.hospitalDepartments
    .flatMap((node) => node.members)
    .filter((member) => member.occupation === 'MEDICAL_STAFF' && !couple.includes(member));
  const volunteer = candidates.find((member) => member.gender === 'FEMALE' && member.birth_date >= '1990-01-01');
  if (!volunteer) throw new Error('no 90后 female medical staff');
  const staff = [volunteer, ...rng.sample(candidates.filter((member) => member !== volunteer), 62)];
  staff.splice(29, 0, ...couple);
  tree.temporaryBranches.forEach((branch, b) => {
    staff.slice(b * 13, b * 13 + 13).forEach((member, k) => {
      dataset.temporaryMembership.add({
        member_id: member.id, organization_id: branch.row.id, joined_at: addDays(branch.row.established_at, rng.int(0, 1)),
        left_at: null, role: k === 0 ? '书记' : k <= 2 ? '委员' : null,
      });
      if (k === 0) branch.row.secretary_id = member.id;
    });
  });
  return staff;
}

/**
 * Every in-service member (except the flowing members away in 太仓, those lost contact and the
 * front-line medical staff) reports to one village or community: their own, one in the area
 * where their unit is, or an urban community. Returns the community of each reporter.
 */
export function addCommunityReports(dataset: Dataset, tree: OrgTree, frontline: readonly MemberRow[]): Map<MemberRow, OrgNode> {
  const rng = randomFor('community-reports');
  const excluded = new Set(frontline);
  const areaVillages = new Map(tree.areas.map((area) => [area.node, area.villages]));
  const urban = tree.areas.filter((area) => area.urban).flatMap((area) => area.villages);
  const reports = new Map<MemberRow, OrgNode>();
  for (const node of tree.all) {
    if (!node.profile || node.profile === 'flowing') continue;
    const local = node.profile === 'village' || node.profile === 'community' ? [node] : areaVillages.get(node.area as OrgNode);
    for (const member of node.members) {
      if (!member.in_service || member.standing === 'LOST_CONTACT' || excluded.has(member)) continue;
      const community = local ? rng.pick(local) : rng.chance(0.85) ? rng.pick(urban) : rng.pick(tree.villages);
      dataset.communityReport.add({
        member_id: member.id, community_id: community.row.id,
        reported_at: addDays(REPORT_FROM, Math.floor(REPORT_DAYS * rng.next() ** 1.8)), duty: rng.pick(REPORT_DUTIES),
      });
      reports.set(member, community);
    }
  }
  return reports;
}
