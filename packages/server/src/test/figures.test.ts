import fs from 'node:fs';
import { QUERY_DOCS_FILE, REGENERATE_COMMAND, renderQueryDocs } from '../playground/query-docs';
import { QUERY_LIBRARY, TOPICS } from '../playground/query-library';
import { startTestServer, type TestServer } from './harness';

/**
 * Every figure of the 2020-02-16 report (DOMAIN.md, "Figures the demo dataset reproduces") is
 * answered by one query of the library; each query runs over HTTP here and its result must equal
 * the figure — exactly where the report is exact, within the range where it says 余 or 近.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Data = Record<string, any>;

function between(value: number, min: number, max: number): void {
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThanOrEqual(max);
}

/** Money is an exact decimal string of yuan; compared in fen, never as a float. */
const fen = (money: string) => BigInt(money.replace('.', ''));

const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0];
};

const byName = (nodes: Data[]) => Object.fromEntries(nodes.map((node) => [node.name, node]));

const FIGURES: Record<string, (data: Data) => void> = {
  'grassroots-organizations': (data) => {
    const { total, groups } = data.analytics.organizations;
    between(total.count, 1601, 1699); // 1600余个基层党组织
    expect(groups.reduce((sum: number, g: Data) => sum + g.count, 0)).toBe(total.count);
  },
  'members-total': (data) => {
    between(data.analytics.members.total.count, 40_000, 41_999); // 近4万名党员（至少 4 万）
  },
  'hospital-temporary-branches': (data) => {
    const hospital = only(data.hospital.nodes as Data[]).analytics;
    expect(hospital.organizations.total.count).toBe(5); // 5 个临时党支部
    expect(hospital.temporaryMemberships.total.memberCount).toBe(65); // 65 名党员医护人员
    expect(hospital.temporaryMemberships.groups).toEqual([{ occupation: 'MEDICAL_STAFF', memberCount: 65 }]);
    const couple = byName(data.couple.nodes);
    for (const name of ['陈敬锋', '王双兰']) {
      expect(couple[name].occupation).toBe('MEDICAL_STAFF');
      expect(couple[name].temporaryMemberships[0].organization.name).toMatch(/人民医院.*临时党支部/);
    }
  },
  'inspection-cadres': (data) => {
    expect(data.analytics.all.total).toEqual({ memberCount: 38, teamCount: 19, leaderCount: 19 }); // 38 名干部、19 个专班
    const top = data.analytics.bySource.groups[0];
    expect(top.homeOrganization.name).toContain('组织部');
    expect(top.memberCount).toBe(10); // 市委组织部 10 名干部
  },
  'inspection-rounds': (data) => {
    expect(data.analytics.inspections.total).toMatchObject({ roundCount: 17, villageCount: 452, teamCount: 19 });
    expect(data.analytics.villageCoverage.total).toEqual({ villageCount: 452, coveredCount: 452, coverageRatio: 1 });
  },
  'li-feng-longchiqiao': (data) => {
    const liFeng = only(data.members.nodes as Data[]);
    expect(liFeng.positions.map((p: Data) => p.title).join()).toContain('副部长');
    const { team, daysOnDuty } = only(liFeng.inspectionTeamMemberships as Data[]);
    expect(team.distinctInspectionDays).toBeGreaterThanOrEqual(17); // 连续参加督办 17 天以上
    expect(daysOnDuty).toBeGreaterThanOrEqual(17);
    expect(team.area.unitName).toBe('龙池桥街道办事处');
    const { villageCoverage, fullThreeTimes } = team.area.analytics;
    expect(villageCoverage.total.villageCount).toBeGreaterThan(0);
    expect(villageCoverage.total.coveredCount).toBe(villageCoverage.total.villageCount); // 所有塆组跑遍三次
    expect(fullThreeTimes.groupCount).toBe(villageCoverage.total.villageCount);
  },
  'posts-and-squads': (data) => {
    between(data.analytics.posts.total.count, 601, 699); // 600余个党员岗
    expect(data.analytics.squads.total.count).toBe(710); // 710 支突击队
  },
  'volunteer-services': (data) => {
    const total = data.analytics.volunteerServices.total;
    between(total.volunteerCount, 10_001, 10_999); // 1万余名志愿者
    between(total.count, 2501, 2599); // 2500余次
  },
  'community-reports': (data) => {
    const total = data.analytics.members.total;
    between(total.reportedToCommunityCount, 39_000, 39_999); // 近4万名党员到村（社区）报到
    between(total.reportedToCommunityRatio, 0.9, 1);
  },
  'federation-donations': (data) => {
    const federation = only(data.organizations.nodes as Data[]);
    expect(federation.name).toBe('中共麻城市工商业联合会党组');
    expect(federation.analytics.donations.total.cashTotal).toBe('17160000.00'); // 1716万元
    between(federation.analytics.masks.total.quantity, 830_001, 839_999); // 口罩83万余个
  },
  'industry-donations': (data) => {
    const industry = only(data.organizations.nodes as Data[]);
    const total = fen(industry.analytics.donations.total.cashTotal);
    expect(total > 10_000_000_00n && total < 11_000_000_00n).toBe(true); // 1000余万元
  },
  'condolence-funds': (data) => {
    const { total, groups } = data.analytics.fundTransactions;
    expect(total.totalOut).toBe('2030000.00'); // 203万元
    expect(groups.map((g: Data) => g.account.name).sort()).toEqual(['代市委管理的党费', '驻太仓党委党员爱心捐款']);
    expect(groups.reduce((sum: bigint, g: Data) => sum + fen(g.totalOut), 0n)).toBe(fen(total.totalOut));
  },
  'first-batch-commendations': (data) => {
    const firstBatch = data.analytics.commendations.groups.filter((g: Data) => g.batch.title.includes('第一批'));
    const counts = Object.fromEntries(firstBatch.map((g: Data) => [g.category, g.count]));
    expect(counts).toEqual({ FRONTLINE_MEMBER: 4, GRASSROOTS_CADRE: 10, MEDICAL_WORKER: 8, VOLUNTEER: 20 });
  },
  'unit-awards': (data) => {
    const { total, groups } = data.analytics.commendations;
    expect(total).toMatchObject({ count: 4, awardCount: 4 }); // 4 个单位，均有资金奖励
    expect(groups).toEqual([{ recipientKind: 'ORGANIZATION', count: 4, awardTotal: total.awardTotal }]);
  },
  'secretary-calls': (data) => {
    expect(data.analytics.careVisits.total).toEqual({ count: 452, recipientCount: 452 }); // 452 名书记
  },
  'named-people': (data) => {
    expect(data.members.totalCount).toBe(7);
    const people = byName(data.members.nodes);
    expect(people['叶旭'].positions.map((p: Data) => p.title)).toEqual(expect.arrayContaining(['市委常委', '市委组织部部长']));
    expect(people['李峰'].positions.map((p: Data) => p.title).join()).toContain('副部长');
    expect(people['刘小峰'].age).toBe(38); // 现年 38 岁
    between(only(people['刘小峰'].inspectionTeamMemberships as Data[]).daysOnDuty, 21, 29); // 连续在一线奋战 20 余天
    expect(people['谈杰'].age).toBe(74); // 74 岁
    expect(people['谈杰'].organization.unitName).toBe('西畈社区');
    for (const name of ['陈敬锋', '王双兰']) expect(people[name].occupation).toBe('MEDICAL_STAFF');
    expect(people['彭向阳']).toBeDefined();
  },
};

describe('the query library', () => {
  it('has an assertion for every figure query, and a query for every assertion', () => {
    const figures = QUERY_LIBRARY.filter((entry) => entry.figure).map((entry) => entry.id);
    expect(Object.keys(FIGURES).sort()).toEqual(figures.sort());
    expect(new Set(QUERY_LIBRARY.map((entry) => entry.id)).size).toBe(QUERY_LIBRARY.length);
    expect(QUERY_LIBRARY.every((entry) => (TOPICS as readonly string[]).includes(entry.topic))).toBe(true);
  });

  it.each(QUERY_LIBRARY.map((entry) => [`${entry.topic} · ${entry.title}`, entry] as const))('%s', async (_name, entry) => {
    const result = await server.gql(entry.query);
    expect(result.errors).toBeUndefined();
    FIGURES[entry.id]?.(result.data!);
  });

  it(`is documented in docs/queries.md (regenerate with: ${REGENERATE_COMMAND})`, () => {
    const committed = fs.existsSync(QUERY_DOCS_FILE) ? fs.readFileSync(QUERY_DOCS_FILE, 'utf8') : '';
    expect(committed).toBe(renderQueryDocs());
  });
});
