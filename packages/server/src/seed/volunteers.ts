/**
 * 1万余名党员志愿者, 2500余次志愿服务. Volunteers serve in the village or community they reported
 * to; 彭向阳 leads the transport of donated supplies there every day from 大年初一 on.
 */
import { dateRange, randomDate } from './dates';
import type { Dataset, MemberRow, OrgNode, VolunteerServiceRow } from './model';
import type { NamedPeople } from './members';
import { randomFor, type Random } from './random';

const SERVICE_COUNT = 2548;
const VOLUNTEER_SHARE = 0.266;
const FIRST_DAY = '2020-01-25';
const LAST_DAY = '2020-02-15';
const CONTENTS = [
  '卡口值守，登记进出人员车辆并测量体温', '入户排查返乡人员，发放防疫宣传资料', '为居家隔离群众代购配送生活物资',
  '公共区域和居民楼道消毒消杀', '协助网格员开展健康监测和信息登记', '走访慰问独居老人和困难群众',
  '流动宣传车巡回宣讲防控知识', '协助卫生室转运发热病人',
];
const PLACES = ['卡口', '党群服务中心', '物资中转点', '主要路口', '居民小区', '集贸市场'];
const TRANSPORT = '装卸、转运社会各界捐赠的防疫物资';

/** Returns the volunteers (distinct participating members). */
export function addVolunteerServices(dataset: Dataset, people: NamedPeople, reports: ReadonlyMap<MemberRow, OrgNode>): MemberRow[] {
  const rng = randomFor('volunteers');
  const volunteers = groupVolunteers(rng, people, reports);
  const home = reports.get(people.pengXiangyang) as OrgNode;
  const dedicated = dateRange(FIRST_DAY, LAST_DAY).map((day) => addService(dataset, rng, home, day, TRANSPORT));
  const communities = [...volunteers.keys()];
  const counts = apportion(SERVICE_COUNT - dedicated.length, communities.map((node) => volunteers.get(node)?.length ?? 0));
  const services = new Map(communities.map((node, i) => [node, Array.from({ length: counts[i] }, () => addService(dataset, rng, node))]));
  services.get(home)?.push(...dedicated);
  const joined = new Set<string>();
  const join = (service: VolunteerServiceRow, member: MemberRow) => {
    const key = `${service.id}:${member.id}`;
    if (joined.has(key)) return;
    joined.add(key);
    dataset.volunteerParticipation.add({ service_id: service.id, member_id: member.id });
  };
  for (const node of communities) assignVolunteers(rng, services.get(node) as VolunteerServiceRow[], volunteers.get(node) as MemberRow[], join);
  for (const service of dedicated) join(service, people.pengXiangyang);
  return [...volunteers.values()].flat();
}

/** About a quarter of the reporting members volunteer, grouped by the community they reported to. */
function groupVolunteers(rng: Random, people: NamedPeople, reports: ReadonlyMap<MemberRow, OrgNode>): Map<OrgNode, MemberRow[]> {
  const byCommunity = new Map<OrgNode, MemberRow[]>();
  for (const [member, community] of reports) {
    if (member !== people.pengXiangyang && !rng.chance(VOLUNTEER_SHARE)) continue;
    const members = byCommunity.get(community) ?? [];
    members.push(member);
    byCommunity.set(community, members);
  }
  return new Map([...byCommunity].sort(([a], [b]) => a.row.id - b.row.id));
}

function addService(dataset: Dataset, rng: Random, node: OrgNode, day?: string, content?: string): VolunteerServiceRow {
  return dataset.volunteerService.add({
    content: content ?? rng.pick(CONTENTS),
    organization_id: node.row.id,
    location: `${node.row.unit_name}${content ? '物资中转点' : rng.pick(PLACES)}`,
    served_at: day ?? randomDate(rng, FIRST_DAY, LAST_DAY),
    duration_minutes: rng.int(2, 16) * 30,
  });
}

/** Every service gets a volunteer and every volunteer serves at least once; many serve more. */
function assignVolunteers(rng: Random, services: VolunteerServiceRow[], members: MemberRow[], join: (service: VolunteerServiceRow, member: MemberRow) => void): void {
  for (let i = 0; i < Math.max(services.length, members.length); i += 1) join(services[i % services.length], members[i % members.length]);
  for (const member of members) {
    const extra = rng.chance(0.5) ? rng.int(1, 2) : 0;
    for (let k = 0; k < extra; k += 1) join(rng.pick(services), member);
  }
}

/** Splits `total` in proportion to `weights`, at least one each (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const rest = total - weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (rest * weight) / sum);
  const counts = exact.map((value) => 1 + Math.floor(value));
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    counts[i] += 1;
  }
  return counts;
}
