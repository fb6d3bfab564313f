import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own (街道党工委 → 社区党委 → 网格党支部; 街道党工委 → 医院党支部) with four
 * services: 120, 90, 240 and 30 minutes, by 2, 2, 1 and 0 volunteers (张 serves twice).
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const street = await fx.organization('测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('测试社区党委', street, { kind: 'PARTY_COMMITTEE' });
  const grid = await fx.organization('测试网格党支部', community);
  const hospital = await fx.organization('测试医院党支部', street, { unit_type: 'HOSPITAL' });
  const zhang = await fx.member('张测一', community, { joined_party_at: '2001-07-01' });
  const li = await fx.member('李测二', community, { joined_party_at: '2003-07-01' });
  const wang = await fx.member('王测三', grid);
  const zhao = await fx.member('赵测四', hospital);
  const service = (content: string, organization_id: number, served_at: string, duration_minutes: number) =>
    fx.insert('volunteer_service', { content, organization_id, served_at, duration_minutes, location: `${content}地点` });
  const checkpoint = await service('卡口测温志愿服务', community, '2020-02-01', 120);
  const groceries = await service('上门送菜志愿服务', grid, '2020-02-03', 90);
  const guidance = await service('医院引导志愿服务', hospital, '2020-02-05', 240);
  await service('政策宣传志愿服务', street, '2020-02-03', 30);
  const join = (service_id: number, member_id: number) => fx.insert('volunteer_participation', { service_id, member_id });
  const participation = await join(checkpoint, zhang);
  await join(checkpoint, li);
  await join(groceries, zhang);
  await join(groceries, wang);
  await join(guidance, zhao);
  Object.assign(ids, {
    street: globalId('Organization', street),
    community: globalId('Organization', community),
    zhang: globalId('Member', zhang),
    checkpoint: globalId('VolunteerService', checkpoint),
    groceries: globalId('VolunteerService', groceries),
    participation: globalId('VolunteerParticipation', participation),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const SERVICES = `query ($filter: VolunteerServiceFilter, $orderBy: VolunteerServiceOrder, $first: Int, $after: String, $last: Int, $before: String) {
  volunteerServices(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { content }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const contents = (connection: { nodes: Array<{ content: string }> }) => connection.nodes.map((node) => node.content);

async function serviceContents(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const data = dataOf(await server.gql(SERVICES, { filter: { organization: { organizationId: ids.street }, ...filter }, ...extra }));
  return contents(data.volunteerServices);
}

describe('volunteer service lookup', () => {
  it('returns a service with organization, participants, participant count and hours', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { volunteerService(id: $id) { id content location servedAt durationMinutes hours
           organization { name } participantCount participants { totalCount nodes { name } } } }`,
        { id: ids.groceries },
      ),
    );
    expect(data.volunteerService).toEqual({
      id: ids.groceries,
      content: '上门送菜志愿服务',
      location: '上门送菜志愿服务地点',
      servedAt: '2020-02-03',
      durationMinutes: 90,
      hours: 1.5,
      organization: { name: '测试网格党支部' },
      participantCount: 2,
      participants: { totalCount: 2, nodes: [{ name: '张测一' }, { name: '王测三' }] },
    });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const lookup = (id: string) => server.gql(`query ($id: ID!) { volunteerService(id: $id) { content } }`, { id });
    expect(errorCodes(await lookup(globalId('VolunteerService', 99_999_999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('%%%'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await lookup(ids.participation))).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves a participation through node(id)', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { node(id: $id) { ... on VolunteerParticipation { service { content } member { name } } } }`, {
        id: ids.participation,
      }),
    );
    expect(data.node).toEqual({ service: { content: '卡口测温志愿服务' }, member: { name: '张测一' } });
  });
});

describe('volunteer service filters, ordering and pagination', () => {
  it('limits to an organization subtree, or to the organization alone', async () => {
    expect(await serviceContents({})).toHaveLength(4);
    expect(await serviceContents({ organization: { organizationId: ids.community } })).toEqual(['卡口测温志愿服务', '上门送菜志愿服务']);
    expect(await serviceContents({ organization: { organizationId: ids.street, includeDescendants: false } })).toEqual(['政策宣传志愿服务']);
  });

  it('filters by service date range, participant and content', async () => {
    expect(await serviceContents({ servedAt: { from: '2020-02-02', to: '2020-02-04' } })).toEqual(['上门送菜志愿服务', '政策宣传志愿服务']);
    expect(await serviceContents({ participantId: ids.zhang })).toEqual(['卡口测温志愿服务', '上门送菜志愿服务']);
    expect(await serviceContents({ contentContains: '送菜' })).toEqual(['上门送菜志愿服务']);
    expect(await serviceContents({ contentContains: '送菜', participantId: ids.zhang, servedAt: { to: '2020-02-02' } })).toEqual([]);
  });

  it('rejects a participant id that is not a member id', async () => {
    const response = await server.gql(SERVICES, { filter: { participantId: ids.checkpoint } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by service date (default, ties by id) and by duration', async () => {
    expect(await serviceContents({})).toEqual(['卡口测温志愿服务', '上门送菜志愿服务', '政策宣传志愿服务', '医院引导志愿服务']);
    expect(await serviceContents({}, { orderBy: { field: 'DURATION', direction: 'DESC' } })).toEqual([
      '医院引导志愿服务',
      '卡口测温志愿服务',
      '上门送菜志愿服务',
      '政策宣传志愿服务',
    ]);
  });

  it('pages through services on equal dates without skipping or repeating', async () => {
    const filter = { organization: { organizationId: ids.street } };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const connection: any = dataOf(await server.gql(SERVICES, { filter, first: 1, after })).volunteerServices;
      seen.push(...contents(connection));
      expect(connection.pageInfo.hasNextPage).toBe(page < 3);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['卡口测温志愿服务', '上门送菜志愿服务', '政策宣传志愿服务', '医院引导志愿服务']);
    const back = dataOf(await server.gql(SERVICES, { filter, last: 2, before: after })).volunteerServices;
    expect(contents(back)).toEqual(['上门送菜志愿服务', '政策宣传志愿服务']);
  });
});

describe('services of members and organizations', () => {
  it('lists a member’s services, with filters', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { member(id: $id) {
           all: volunteerServices { totalCount nodes { content } }
           later: volunteerServices(filter: { servedAt: { from: "2020-02-02" } }) { totalCount nodes { content } }
         } }`,
        { id: ids.zhang },
      ),
    );
    expect(data.member.all).toEqual({ totalCount: 2, nodes: [{ content: '卡口测温志愿服务' }, { content: '上门送菜志愿服务' }] });
    expect(data.member.later).toEqual({ totalCount: 1, nodes: [{ content: '上门送菜志愿服务' }] });
  });

  it('lists an organization’s own services by default and its subtree’s on request', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { organization(id: $id) {
           own: volunteerServices { totalCount nodes { content } }
           all: volunteerServices(includeDescendants: true, orderBy: { field: DURATION }) { totalCount nodes { content } }
         } }`,
        { id: ids.community },
      ),
    );
    expect(data.organization.own).toEqual({ totalCount: 1, nodes: [{ content: '卡口测温志愿服务' }] });
    expect(data.organization.all).toEqual({ totalCount: 2, nodes: [{ content: '上门送菜志愿服务' }, { content: '卡口测温志愿服务' }] });
  });
});

describe('volunteer statistics', () => {
  const STATISTICS = `query ($filter: VolunteerServiceFilter) {
    volunteerStatistics(filter: $filter) { serviceCount distinctVolunteerCount participationCount totalHours volunteerHours } }`;

  it('sums services, distinct volunteers and hours of a subtree in one statement', async () => {
    const response = await server.gql(STATISTICS, { filter: { organization: { organizationId: ids.street } } });
    expect(dataOf(response).volunteerStatistics).toEqual({
      serviceCount: 4,
      distinctVolunteerCount: 4,
      participationCount: 5,
      totalHours: 8, // (120 + 90 + 240 + 30) / 60
      volunteerHours: 11, // (2 × 120 + 2 × 90 + 240) / 60
    });
    expect(response.extensions!.sqlStatements).toBe(1);
  });

  it('applies the date and participant filters', async () => {
    const byDate = await server.gql(STATISTICS, { filter: { organization: { organizationId: ids.street }, servedAt: { to: '2020-02-03' } } });
    expect(dataOf(byDate).volunteerStatistics).toEqual({
      serviceCount: 3,
      distinctVolunteerCount: 3,
      participationCount: 4,
      totalHours: 4,
      volunteerHours: 7,
    });
    const byMember = await server.gql(STATISTICS, { filter: { participantId: ids.zhang } });
    expect(dataOf(byMember).volunteerStatistics).toMatchObject({ serviceCount: 2, totalHours: 3.5 });
  });

  it('returns zeros when nothing matches', async () => {
    const response = await server.gql(STATISTICS, { filter: { contentContains: '不存在的服务内容' } });
    expect(dataOf(response).volunteerStatistics).toEqual({
      serviceCount: 0,
      distinctVolunteerCount: 0,
      participationCount: 0,
      totalHours: 0,
      volunteerHours: 0,
    });
  });
});

describe('statement counts of nested lists', () => {
  // The loaders' batching, on a service that runs resolvers: with compiled reads, a query whose
  // every field has an SQL form is one statement (common/compiled-read.test.ts).
  let resolvers: TestServer;
  beforeAll(async () => {
    resolvers = await startTestServer({ compiledReads: false }, server);
  });
  afterAll(() => resolvers.close());

  const statements = async (query: string, variables: Record<string, unknown>) => {
    const response = await resolvers.gql(query, variables);
    dataOf(response);
    return response.extensions!.sqlStatements!;
  };

  it('costs the same for one service as for a page of services with participants and their services', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      volunteerServices(first: $first, filter: { organization: { organizationId: $scope } }) {
        nodes { content organization { name } participantCount
                participants(first: 1) { totalCount nodes { name volunteerServices(first: 1) { totalCount } } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    // services (with organizations), participant counts, participants, participants' services
    expect(all).toBe(4);
    expect(one).toBe(all);
  });

  it('batches the services connection across organizations', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      organizations(first: $first, filter: { within: { organizationId: $scope } }) {
        nodes { volunteerServices(includeDescendants: true) { totalCount nodes { content } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    expect(all).toBe(2);
    expect(one).toBe(all);
  });
});

describe('demo dataset (1万余名志愿者, 2500余次志愿服务)', () => {
  it('has 2,500–2,599 services by 10,000–10,999 distinct volunteers under the 市委', async () => {
    const response = await server.gql(
      `query ($filter: VolunteerServiceFilter) {
        volunteerServices(first: 0, filter: $filter) { totalCount }
        volunteerStatistics(filter: $filter) { serviceCount distinctVolunteerCount participationCount totalHours }
      }`,
      { filter: { organization: { organizationId: await cityCommitteeId(server) } } },
    );
    const { volunteerServices, volunteerStatistics } = dataOf(response);
    expect(volunteerServices.totalCount).toBeGreaterThanOrEqual(2500);
    expect(volunteerServices.totalCount).toBeLessThanOrEqual(2599);
    expect(volunteerStatistics.serviceCount).toBe(volunteerServices.totalCount);
    expect(volunteerStatistics.distinctVolunteerCount).toBeGreaterThanOrEqual(10_000);
    expect(volunteerStatistics.distinctVolunteerCount).toBeLessThanOrEqual(10_999);
    expect(volunteerStatistics.participationCount).toBeGreaterThanOrEqual(volunteerStatistics.distinctVolunteerCount);
    expect(volunteerStatistics.totalHours).toBeGreaterThan(0);
  });

  it('has 彭向阳 serving on 20 or more distinct days', async () => {
    const query = `query ($after: String) { members(filter: { nameContains: "彭向阳" }) { nodes { name
      volunteerServices(first: 100, after: $after) { nodes { servedAt } pageInfo { hasNextPage endCursor } } } } }`;
    const days = new Set<string>();
    let after: string | null = null;
    do {
      const [member]: any[] = dataOf(await server.gql(query, { after })).members.nodes.filter((m: any) => m.name === '彭向阳');
      for (const service of member.volunteerServices.nodes) days.add(service.servedAt);
      after = member.volunteerServices.pageInfo.hasNextPage ? member.volunteerServices.pageInfo.endCursor : null;
    } while (after);
    expect(days.size).toBeGreaterThanOrEqual(20);
  });
});
