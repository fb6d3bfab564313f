import { dataOf, errorCodes, Fixtures, globalId, idByExactName } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own: 测试市委 → 测试街道 (villages 一村, 二村, 三村, 社区 and a company that is
 * not a village) and 测试组织部 with four cadres. Team 901 (area 测试街道) inspects 一村 and 二村 in
 * rounds 1–3; team 902 (area 一村) inspects the community in round 1. 三村 is never inspected.
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const city = await fx.organization('测试市委', undefined, { kind: 'CITY_COMMITTEE', unit_type: 'CITY' });
  const street = await fx.organization('测试街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const village1 = await fx.organization('测试一村党支部', street, { unit_type: 'VILLAGE' });
  const village2 = await fx.organization('测试二村党支部', street, { unit_type: 'VILLAGE' });
  await fx.organization('测试三村党支部', street, { unit_type: 'VILLAGE' });
  const community = await fx.organization('测试社区党支部', street, { unit_type: 'COMMUNITY' });
  await fx.organization('测试公司党支部', street, { unit_type: 'ENTERPRISE' });
  const department = await fx.organization('测试组织部', city, { kind: 'WORKING_DEPARTMENT', unit_type: 'GOVERNMENT_AGENCY' });
  const leader1 = await fx.member('督查甲', department);
  const member1 = await fx.member('督查乙', department);
  const leader2 = await fx.member('督查丙', department);
  const member2 = await fx.member('督查丁', department);
  const team = (number: number, area_id: number) =>
    fx.insert('inspection_team', { name: `第${number}督查专班`, number, area_id, organizer_id: department, formed_at: '2020-01-27' });
  const team1 = await team(901, street);
  const team2 = await team(902, village1);
  const serve = (team_id: number, member_id: number, role: string, served_from: string, served_to: string | null = null) =>
    fx.insert('inspection_team_member', { team_id, member_id, role, served_from, served_to });
  await serve(team1, member1, 'MEMBER', '2020-01-28', '2020-02-10');
  const leaderMembership = await serve(team1, leader1, 'LEADER', '2020-01-25');
  await serve(team2, leader2, 'LEADER', '2020-01-28');
  await serve(team2, member2, 'MEMBER', '2020-01-28');
  const inspect = (team_id: number, organization_id: number, round: number, problems?: string, status = 'NOT_REQUIRED') =>
    fx.insert('inspection_record', {
      team_id,
      organization_id,
      round,
      inspected_at: `2020-01-${27 + round}`,
      findings: '防控措施落实到位',
      problems: problems ?? null,
      problem_count: problems ? 1 : 0,
      rectification_status: status,
      rectified_at: status === 'RECTIFIED' ? '2020-02-05' : null,
    });
  for (const round of [1, 2, 3]) {
    await inspect(team1, village1, round, round === 1 ? '卡口值守人员不足' : undefined, round === 1 ? 'PENDING' : 'NOT_REQUIRED');
    await inspect(team1, village2, round, round === 2 ? '登记台账不全' : undefined, round === 2 ? 'RECTIFIED' : 'NOT_REQUIRED');
  }
  const communityRecord = await inspect(team2, community, 1);
  Object.assign(ids, {
    city: globalId('Organization', city),
    street: globalId('Organization', street),
    village1: globalId('Organization', village1),
    department: globalId('Organization', department),
    leader1: globalId('Member', leader1),
    team1: globalId('InspectionTeam', team1),
    team2: globalId('InspectionTeam', team2),
    leaderMembership: globalId('InspectionTeamMember', leaderMembership),
    communityRecord: globalId('InspectionRecord', communityRecord),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const RECORDS = `query ($filter: InspectionRecordFilter, $orderBy: InspectionRecordOrder, $first: Int, $after: String, $last: Int, $before: String) {
  inspectionRecords(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { round inspectedAt organization { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Fixture records (restricted to the fixture street) matching the filter. */
async function records(filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const data = dataOf(await server.gql(RECORDS, { filter: { organization: { organizationId: ids.street }, ...filter }, ...extra }));
  return data.inspectionRecords;
}

const label = (node: { round: number; organization: { name: string } }) => `${node.round}:${node.organization.name.slice(2, 4)}`;

describe('inspection lookups', () => {
  it('returns a team with area, organizer, members (leader first) and record statistics', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { inspectionTeam(id: $id) { id name number formedAt area { name } organizer { name }
           members { role servedFrom servedTo member { name } team { number } }
           recordCount distinctInspectionDays coveredOrganizationCount
           problems: recordCount(filter: { hasProblems: true }) } }`,
        { id: ids.team1 },
      ),
    );
    expect(data.inspectionTeam).toEqual({
      id: ids.team1,
      name: '第901督查专班',
      number: 901,
      formedAt: '2020-01-27',
      area: { name: '测试街道党工委' },
      organizer: { name: '测试组织部' },
      members: [
        { role: 'LEADER', servedFrom: '2020-01-25', servedTo: null, member: { name: '督查甲' }, team: { number: 901 } },
        { role: 'MEMBER', servedFrom: '2020-01-28', servedTo: '2020-02-10', member: { name: '督查乙' }, team: { number: 901 } },
      ],
      recordCount: 6,
      distinctInspectionDays: 3,
      coveredOrganizationCount: 2,
      problems: 2,
    });
  });

  it('returns a record with its team and inspected organization, also through node()', async () => {
    const query = `query ($id: ID!) {
      inspectionRecord(id: $id) { round inspectedAt findings problems problemCount rectificationStatus rectifiedAt team { number } organization { name } }
      node(id: $id) { ... on InspectionRecord { round } } }`;
    const data = dataOf(await server.gql(query, { id: ids.communityRecord }));
    expect(data.inspectionRecord).toEqual({
      round: 1,
      inspectedAt: '2020-01-28',
      findings: '防控措施落实到位',
      problems: null,
      problemCount: 0,
      rectificationStatus: 'NOT_REQUIRED',
      rectifiedAt: null,
      team: { number: 902 },
      organization: { name: '测试社区党支部' },
    });
    expect(data.node).toEqual({ round: 1 });
  });

  it('reports NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const lookup = (field: string, id: string) => server.gql(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
    expect(errorCodes(await lookup('inspectionTeam', globalId('InspectionTeam', 999999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('inspectionRecord', globalId('InspectionRecord', 999999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('inspectionTeam', 'not-an-id'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await lookup('inspectionRecord', ids.team1))).toEqual(['BAD_USER_INPUT']);
  });

  it('counts days on duty from servedFrom to servedTo, or to asOf while still serving', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { inspectionTeam(id: $id) { members { member { name } asOf: daysOnDuty(asOf: "2020-02-16") } } }`,
        { id: ids.team1 },
      ),
    );
    // 督查甲: 2020-01-25 … 2020-02-16 = 23 days; 督查乙 left on 2020-02-10: 2020-01-28 … 2020-02-10 = 14 days.
    expect(data.inspectionTeam.members).toEqual([
      { member: { name: '督查甲' }, asOf: 23 },
      { member: { name: '督查乙' }, asOf: 14 },
    ]);
    const today = dataOf(await server.gql(`query ($id: ID!) { node(id: $id) { ... on InspectionTeamMember { daysOnDuty } } }`, { id: ids.leaderMembership }));
    expect(today.node.daysOnDuty).toBeGreaterThan(23);
  });
});

describe('inspection record filters and ordering', () => {
  it('restricts to an organization subtree or to one organization', async () => {
    expect((await records()).totalCount).toBe(7);
    const village = await records({ organization: { organizationId: ids.village1, includeDescendants: false } });
    expect(village.totalCount).toBe(3);
    expect(village.nodes.every((n: { organization: { name: string } }) => n.organization.name === '测试一村党支部')).toBe(true);
  });

  it('filters by team, rounds, date range, rectification status and problems', async () => {
    expect((await records({ teamId: ids.team2 })).nodes.map(label)).toEqual(['1:社区']);
    expect((await records({ rounds: [2, 3] })).totalCount).toBe(4);
    expect((await records({ inspectedAt: { from: '2020-01-29', to: '2020-01-29' } })).nodes.map(label).sort()).toEqual(['2:一村', '2:二村']);
    expect((await records({ rectificationStatuses: ['PENDING'] })).nodes.map(label)).toEqual(['1:一村']);
    expect((await records({ rectificationStatuses: ['PENDING', 'RECTIFIED'] })).totalCount).toBe(2);
    expect((await records({ hasProblems: true })).nodes.map(label).sort()).toEqual(['1:一村', '2:二村']);
    expect((await records({ hasProblems: false })).totalCount).toBe(5);
  });

  it('rejects a team id of another type and an inverted date range', async () => {
    const wrongType = await server.gql(RECORDS, { filter: { teamId: ids.street } });
    expect(errorCodes(wrongType)).toEqual(['BAD_USER_INPUT']);
    const inverted = await server.gql(RECORDS, { filter: { inspectedAt: { from: '2020-02-01', to: '2020-01-01' } } });
    expect(errorCodes(inverted)).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by round and by inspection date, both directions', async () => {
    const byRoundDesc = await records({ teamId: ids.team1 }, { orderBy: { field: 'ROUND', direction: 'DESC' } });
    expect(byRoundDesc.nodes.map((n: { round: number }) => n.round)).toEqual([3, 3, 2, 2, 1, 1]);
    const byDate = await records({}, { orderBy: { field: 'INSPECTED_AT', direction: 'ASC' } });
    const dates = byDate.nodes.map((n: { inspectedAt: string }) => n.inspectedAt);
    expect(dates).toEqual([...dates].sort());
  });

  it('pages forward and backward with cursors', async () => {
    const orderBy = { field: 'INSPECTED_AT', direction: 'ASC' };
    const all = (await records({}, { orderBy, first: 10 })).nodes.map(label);
    const page1 = await records({}, { orderBy, first: 3 });
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = await records({}, { orderBy, first: 3, after: page1.pageInfo.endCursor });
    const page3 = await records({}, { orderBy, first: 3, after: page2.pageInfo.endCursor });
    expect(page3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...page1.nodes, ...page2.nodes, ...page3.nodes].map(label)).toEqual(all);
    const back = await records({}, { orderBy, last: 3, before: page3.pageInfo.startCursor });
    expect(back.nodes.map(label)).toEqual(all.slice(3, 6));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await records({}, { orderBy, last: 2 });
    expect(tail.nodes.map(label)).toEqual(all.slice(5));
  });

  it('rejects a cursor from another ordering', async () => {
    const page = await records({}, { first: 1 });
    const reused = await server.gql(RECORDS, { orderBy: { field: 'ROUND' }, first: 1, after: page.pageInfo.endCursor });
    expect(errorCodes(reused)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('inspection teams', () => {
  const TEAMS = `query ($filter: InspectionTeamFilter, $orderBy: InspectionTeamOrder) {
    inspectionTeams(filter: $filter, orderBy: $orderBy) { totalCount nodes { number } } }`;

  it('filters by area and organizer scope and by name, ordered by number', async () => {
    const teams = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
      dataOf(await server.gql(TEAMS, { filter, orderBy })).inspectionTeams.nodes.map((n: { number: number }) => n.number);
    expect(await teams({ organizer: { organizationId: ids.department } })).toEqual([901, 902]);
    expect(await teams({ organizer: { organizationId: ids.department } }, { field: 'NUMBER', direction: 'DESC' })).toEqual([902, 901]);
    expect(await teams({ area: { organizationId: ids.street } })).toEqual([901, 902]);
    expect(await teams({ area: { organizationId: ids.street, includeDescendants: false } })).toEqual([901]);
    expect(await teams({ area: { organizationId: ids.city }, nameContains: '902' })).toEqual([902]);
  });

  it('lists a team\'s records with filter and paging', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { inspectionTeam(id: $id) {
           records(first: 2, filter: { rounds: [3] }) { totalCount nodes { round organization { name } } pageInfo { hasNextPage } }
           late: records(first: 1, orderBy: { field: INSPECTED_AT, direction: DESC }) { nodes { inspectedAt } } } }`,
        { id: ids.team1 },
      ),
    );
    expect(data.inspectionTeam.records.totalCount).toBe(2);
    expect(data.inspectionTeam.records.pageInfo.hasNextPage).toBe(false);
    expect(data.inspectionTeam.late.nodes).toEqual([{ inspectedAt: '2020-01-30' }]);
  });
});

describe('inspection fields on organizations and members', () => {
  it('lists an organization\'s inspections (optionally with descendants) and the teams responsible for its area', async () => {
    const data = dataOf(
      await server.gql(
        `query ($street: ID!, $village: ID!) {
           street: organization(id: $street) { own: inspections { totalCount } all: inspections(includeDescendants: true, filter: { rounds: [1] }) { totalCount }
             inspectionTeams { nodes { number } } nested: inspectionTeams(includeDescendants: true) { nodes { number } } }
           village: organization(id: $village) { inspections(orderBy: { field: ROUND, direction: DESC }, first: 1) { totalCount nodes { round } } } }`,
        { street: ids.street, village: ids.village1 },
      ),
    );
    expect(data.street).toEqual({
      own: { totalCount: 0 },
      all: { totalCount: 3 },
      inspectionTeams: { nodes: [{ number: 901 }] },
      nested: { nodes: [{ number: 901 }, { number: 902 }] },
    });
    expect(data.village.inspections).toEqual({ totalCount: 3, nodes: [{ round: 3 }] });
  });

  it('lists a member\'s team memberships', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { member(id: $id) { inspectionTeamMemberships { role team { number } } } }`, { id: ids.leader1 }),
    );
    expect(data.member.inspectionTeamMemberships).toEqual([{ role: 'LEADER', team: { number: 901 } }]);
  });
});

describe('inspection coverage', () => {
  const COVERAGE = `query ($organizationId: ID, $round: Int) {
    inspectionCoverage(organizationId: $organizationId, round: $round) { round villagesTotal villagesInspected ratio } }`;

  it('counts the villages and communities in scope and how many were inspected, in one statement', async () => {
    const response = await server.gql(COVERAGE, { organizationId: ids.street });
    expect(dataOf(response).inspectionCoverage).toEqual({ round: null, villagesTotal: 4, villagesInspected: 3, ratio: 0.75 });
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('restricts to one round', async () => {
    const round2 = dataOf(await server.gql(COVERAGE, { organizationId: ids.city, round: 2 })).inspectionCoverage;
    expect(round2).toEqual({ round: 2, villagesTotal: 4, villagesInspected: 2, ratio: 0.5 });
    const none = dataOf(await server.gql(COVERAGE, { organizationId: ids.department, round: 2 })).inspectionCoverage;
    expect(none).toEqual({ round: 2, villagesTotal: 0, villagesInspected: 0, ratio: 0 });
  });

  it('covers the whole tree without an organization, and rejects unknown or malformed ids', async () => {
    const whole = dataOf(await server.gql(COVERAGE, {})).inspectionCoverage;
    expect(whole.villagesTotal).toBeGreaterThanOrEqual(4);
    expect(whole.villagesInspected).toBeGreaterThanOrEqual(3);
    expect(errorCodes(await server.gql(COVERAGE, { organizationId: globalId('Organization', 999999) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(COVERAGE, { organizationId: ids.team1 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('demo dataset figures (督查)', () => {
  const seed: Record<string, string> = {};
  beforeAll(async () => {
    seed.city = await idByExactName(server, 'organizations', '中共麻城市委员会');
    seed.longchiqiao = await idByExactName(server, 'organizations', '中共麻城市龙池桥街道工作委员会');
    seed.liFeng = await idByExactName(server, 'members', '李峰');
    seed.liuXiaofeng = await idByExactName(server, 'members', '刘小峰');
  });

  it('has 19 teams of two cadres each (38 distinct, 10 of them from 组织部机关支部), each led by one 组长', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { inspectionTeams(first: 50, filter: { area: { organizationId: $city } }) {
           totalCount nodes { organizer { name } members { role member { id organization { name } } } } } }`,
        { city: seed.city },
      ),
    );
    const teams = data.inspectionTeams.nodes;
    expect(data.inspectionTeams.totalCount).toBe(19);
    expect(teams.every((team: any) => team.organizer.name === '中共麻城市委组织部')).toBe(true);
    expect(teams.map((team: any) => team.members.map((m: any) => m.role))).toEqual(Array(19).fill(['LEADER', 'MEMBER']));
    const cadres = new Map(teams.flatMap((team: any) => team.members.map((m: any) => [m.member.id, m.member.organization.name])));
    expect(cadres.size).toBe(38);
    expect([...cadres.values()].filter((name) => name === '中共麻城市委组织部机关支部委员会')).toHaveLength(10);
  });

  it('has 17 rounds from 2020-01-28, one per day, each inspecting all 452 villages and communities', async () => {
    const count = async (filter: Record<string, unknown>) =>
      dataOf(await server.gql(RECORDS, { filter: { organization: { organizationId: seed.city }, ...filter }, first: 0 })).inspectionRecords.totalCount;
    expect(await count({})).toBe(7684);
    expect(await count({ rounds: [1] })).toBe(452);
    expect(await count({ rounds: [17] })).toBe(452);
    expect(await count({ rounds: [17], inspectedAt: { from: '2020-02-13', to: '2020-02-13' } })).toBe(452);
    expect(await count({ rounds: [18] })).toBe(0);
    const edge = async (direction: string) =>
      dataOf(await server.gql(RECORDS, { filter: { organization: { organizationId: seed.city } }, orderBy: { field: 'INSPECTED_AT', direction }, first: 1 }))
        .inspectionRecords.nodes[0];
    expect(await edge('ASC')).toMatchObject({ round: 1, inspectedAt: '2020-01-28' });
    expect(await edge('DESC')).toMatchObject({ round: 17, inspectedAt: '2020-02-13' });
    const problems = await count({ hasProblems: true });
    expect(await count({ rectificationStatuses: ['PENDING', 'RECTIFIED'] })).toBe(problems);
    expect(problems + (await count({ hasProblems: false }))).toBe(7684);
  });

  it('李峰 leads the team of 龙池桥街道, which inspected on 17 distinct days and covered all 20 of its villages and communities', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { member(id: $id) { inspectionTeamMemberships { role team { area { name unitName }
           recordCount distinctInspectionDays coveredOrganizationCount } } } }`,
        { id: seed.liFeng },
      ),
    );
    expect(data.member.inspectionTeamMemberships).toEqual([
      {
        role: 'LEADER',
        team: {
          area: { name: '中共麻城市龙池桥街道工作委员会', unitName: '龙池桥街道办事处' },
          recordCount: 340,
          distinctInspectionDays: 17,
          coveredOrganizationCount: 20,
        },
      },
    ]);
    const area = dataOf(await server.gql(`query ($id: ID!) { organization(id: $id) { inspectionTeams { nodes { members { role member { name } } } } } }`, { id: seed.longchiqiao }));
    expect(area.organization.inspectionTeams.nodes[0].members[0]).toEqual({ role: 'LEADER', member: { name: '李峰' } });
  });

  it('刘小峰 has been on duty since 2020-01-25: 23 days on the report date (20余天)', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { member(id: $id) { inspectionTeamMemberships { servedFrom servedTo daysOnDuty(asOf: "2020-02-16") } } }`, {
        id: seed.liuXiaofeng,
      }),
    );
    expect(data.member.inspectionTeamMemberships).toEqual([{ servedFrom: '2020-01-25', servedTo: null, daysOnDuty: 23 }]);
  });

  it('covers all 452 villages and communities, overall and in every round', async () => {
    const COVERAGE = `query ($organizationId: ID, $round: Int) {
      inspectionCoverage(organizationId: $organizationId, round: $round) { villagesTotal villagesInspected ratio } }`;
    const coverage = async (variables: Record<string, unknown>) => dataOf(await server.gql(COVERAGE, variables)).inspectionCoverage;
    expect(await coverage({ organizationId: seed.city })).toEqual({ villagesTotal: 452, villagesInspected: 452, ratio: 1 });
    expect(await coverage({ organizationId: seed.city, round: 9 })).toEqual({ villagesTotal: 452, villagesInspected: 452, ratio: 1 });
    expect(await coverage({ organizationId: seed.longchiqiao, round: 17 })).toEqual({ villagesTotal: 20, villagesInspected: 20, ratio: 1 });
  });

  it('costs a fixed number of SQL statements for a page of teams with members and records: the same for 19 teams as for one', async () => {
    const query = `query ($first: Int, $city: ID!) { inspectionTeams(first: $first, filter: { area: { organizationId: $city } }) { nodes {
      area { name } organizer { name } members { role member { name } } records(first: 20) { nodes { organization { name } } }
      recordCount distinctInspectionDays coveredOrganizationCount } } }`;
    const one = await server.gql(query, { first: 1, city: seed.city });
    const all = await server.gql(query, { first: 19, city: seed.city });
    expect(dataOf(all).inspectionTeams.nodes).toHaveLength(19);
    dataOf(one);
    // teams (with area and organizer), members (with their Member rows), records (with their organizations), 3 aggregates.
    expect(all.extensions?.sqlStatements).toBe(6);
    expect(one.extensions?.sqlStatements).toBe(6);
  });
});
