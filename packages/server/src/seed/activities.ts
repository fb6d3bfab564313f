/** 党员先锋岗/示范岗/责任岗 (600余个) and 党员突击队 (710 支). */
import { randomDate } from './dates';
import type { Dataset, MemberProfile, MemberRow, OrgNode, PostRow } from './model';
import type { NamedPeople } from './members';
import type { OrgTree } from './organizations';
import { randomFor, type Random } from './random';

const POST_COUNT = 648;
const SQUAD_COUNT = 710;
const SECOND_VILLAGE_SQUADS = 120;
const UNIT_PROFILES: readonly MemberProfile[] = ['agency', 'institution', 'hospital', 'school', 'enterprise'];

const POST_KINDS: readonly (readonly [PostRow['kind'], string])[] = [
  ['VANGUARD', '党员先锋岗'], ['MODEL', '党员示范岗'], ['RESPONSIBILITY', '党员责任岗'],
];
const POST_THEMES = ['卡口值守', '物资保障', '入户排查', '防疫宣传', '环境消杀', '便民代购', '返乡人员登记', '体温检测', '心理疏导', '隔离服务', '应急转运', '网格巡查'];
const SQUAD_MISSIONS = [
  '承担卡口24小时值守，严格落实人员车辆登记和体温检测',
  '逐户排查返乡人员和发热病人，落实居家隔离人员服务管理',
  '为居家群众代购代送米面油菜等生活物资，保障困难群众基本生活',
  '开展公共区域消毒消杀和环境整治',
  '通过流动喇叭、横幅标语宣传防控知识，劝导群众不聚餐、不聚会',
  '装卸、转运社会各界捐赠的防疫物资',
];

/** In-service members first, so posts and squads are staffed by working members. */
function activeFirst(members: readonly MemberRow[]): MemberRow[] {
  return [...members.filter((member) => member.in_service), ...members.filter((member) => !member.in_service)];
}

/** Leaf organizations of units (not villages) with at least `minimum` members, one per unit. */
function unitLeaves(tree: OrgTree, minimum: number): OrgNode[] {
  const seen = new Set<string>();
  return tree.all.filter((node) => {
    if (!node.profile || !UNIT_PROFILES.includes(node.profile) || node.members.length < minimum || seen.has(node.row.unit_name)) return false;
    seen.add(node.row.unit_name);
    return true;
  });
}

export function addPosts(dataset: Dataset, tree: OrgTree): void {
  const rng = randomFor('posts');
  const hosts = [...tree.villages, ...rng.sample(unitLeaves(tree, 3), POST_COUNT - tree.villages.length)];
  hosts.forEach((node, i) => {
    const [kind, label] = POST_KINDS[i % POST_KINDS.length];
    const theme = rng.pick(POST_THEMES);
    const post = dataset.post.add({
      name: `${label}·${theme}`, kind, organization_id: node.row.id, established_at: randomDate(rng, '2020-01-26', '2020-02-05'),
      duty: `负责${node.row.unit_name}${theme}工作，党员亮身份、作表率，做到守土有责、守土尽责。`,
    });
    for (const member of rng.sample(activeFirst(node.members).slice(0, 12), rng.int(1, 3))) {
      dataset.postHolder.add({ post_id: post.id, member_id: member.id, since: post.established_at });
    }
  });
}

export function addSquads(dataset: Dataset, tree: OrgTree, people: NamedPeople): void {
  const rng = randomFor('squads');
  const largest = tree.villages.slice().sort((a, b) => b.members.length - a.members.length || a.row.id - b.row.id);
  const others = rng.sample(unitLeaves(tree, 8), SQUAD_COUNT - tree.villages.length - SECOND_VILLAGE_SQUADS);
  const pengHome = tree.all.find((node) => node.row.id === people.pengXiangyang.organization_id) as OrgNode;
  for (const village of tree.villages) {
    const volunteer = village === pengHome;
    const name = `${village.row.unit_name}${volunteer ? '党员志愿突击队' : '疫情防控党员突击队'}`;
    const crew = squadCrew(rng, village, volunteer ? people.pengXiangyang : undefined);
    if (village === tree.xifan && !crew.includes(people.tanJie)) crew.splice(crew.length - 1, 1, people.tanJie);
    addSquad(dataset, rng, village, name, crew, volunteer ? SQUAD_MISSIONS[5] : rng.pick(SQUAD_MISSIONS));
  }
  for (const village of largest.slice(0, SECOND_VILLAGE_SQUADS)) {
    addSquad(dataset, rng, village, `${village.row.unit_name}党员突击队第二分队`, squadCrew(rng, village), rng.pick(SQUAD_MISSIONS));
  }
  for (const node of others) {
    addSquad(dataset, rng, node, `${node.row.unit_name}党员突击队`, squadCrew(rng, node), rng.pick(SQUAD_MISSIONS));
  }
}

/** 5–20 members of the organization, the leader first. */
function squadCrew(rng: Random, node: OrgNode, leader?: MemberRow): MemberRow[] {
  const pool = activeFirst(node.members).filter((member) => member !== leader);
  const size = Math.min(rng.int(5, 20), node.members.length);
  const crew = rng.sample(pool.slice(0, Math.max(size, Math.floor(pool.length * 0.9))), leader ? size - 1 : size);
  return leader ? [leader, ...crew] : crew;
}

function addSquad(dataset: Dataset, rng: Random, node: OrgNode, name: string, crew: MemberRow[], mission: string): void {
  const formedAt = randomDate(rng, '2020-01-24', '2020-02-02');
  const squad = dataset.squad.add({ name, organization_id: node.row.id, leader_id: crew[0].id, formed_at: formedAt, mission });
  for (const member of crew) dataset.squadMember.add({ squad_id: squad.id, member_id: member.id, joined_at: formedAt });
}
