import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own (街道党工委 → 社区党委 → 网格党支部; 街道党工委 → 医院党支部) with
 * four squads: two led by one of their members, one without a leader, one without members.
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const street = await fx.organization('测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('测试社区党委', street, { kind: 'PARTY_COMMITTEE' });
  const grid = await fx.organization('测试网格党支部', community);
  const hospital = await fx.organization('测试医院党支部', street, { unit_type: 'HOSPITAL' });
  const zhang = await fx.member('张测一', community, { joined_party_at: '2001-07-01' });
  const li = await fx.member('李测二', community, { joined_party_at: '2003-07-01' });
  const wang = await fx.member('王测三', grid, { joined_party_at: '2002-07-01' });
  const zhao = await fx.member('赵测四', hospital);
  const qian = await fx.member('钱测五', hospital);
  const squad = (name: string, organization_id: number, formed_at: string, leader_id: number | null) =>
    fx.insert('squad', { name, organization_id, formed_at, leader_id, mission: `${name}任务` });
  const prevention = await squad('社区防控突击队', community, '2020-01-24', zhang);
  const volunteers = await squad('网格志愿突击队', grid, '2020-02-02', wang);
  const medical = await squad('医疗救治突击队', hospital, '2020-01-28', null);
  const logistics = await squad('后勤保障突击队', street, '2020-02-05', null);
  const join = (squad_id: number, member_id: number, joined_at: string) => fx.insert('squad_member', { squad_id, member_id, joined_at });
  const membership = await join(prevention, zhang, '2020-01-24');
  await join(prevention, li, '2020-01-25');
  await join(prevention, wang, '2020-01-26');
  await join(volunteers, wang, '2020-02-02');
  await join(volunteers, zhang, '2020-02-02');
  await join(medical, zhao, '2020-01-28');
  await join(medical, qian, '2020-01-28');
  Object.assign(ids, {
    street: globalId('Organization', street),
    community: globalId('Organization', community),
    zhang: globalId('Member', zhang),
    qian: globalId('Member', qian),
    prevention: globalId('Squad', prevention),
    medical: globalId('Squad', medical),
    logistics: globalId('Squad', logistics),
    membership: globalId('SquadMember', membership),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const SQUADS = `query ($filter: SquadFilter, $orderBy: SquadOrder, $first: Int, $after: String, $last: Int, $before: String) {
  squads(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const names = (connection: { nodes: Array<{ name: string }> }) => connection.nodes.map((node) => node.name);

async function squadNames(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const data = dataOf(await server.gql(SQUADS, { filter: { organization: { organizationId: ids.street }, ...filter }, ...extra }));
  return names(data.squads);
}

describe('squad lookup', () => {
  it('returns a squad with organization, leader, members and member count', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { squad(id: $id) { id name formedAt mission organization { name } leader { name }
           memberCount members { totalCount nodes { name } } } }`,
        { id: ids.prevention },
      ),
    );
    expect(data.squad).toEqual({
      id: ids.prevention,
      name: '社区防控突击队',
      formedAt: '2020-01-24',
      mission: '社区防控突击队任务',
      organization: { name: '测试社区党委' },
      leader: { name: '张测一' },
      memberCount: 3,
      // members default to party-joining order
      members: { totalCount: 3, nodes: [{ name: '张测一' }, { name: '王测三' }, { name: '李测二' }] },
    });
  });

  it('has a null leader and empty members where there are none', async () => {
    const query = `query ($id: ID!) { squad(id: $id) { leader { name } memberCount members { totalCount nodes { name } } } }`;
    expect(dataOf(await server.gql(query, { id: ids.medical })).squad).toMatchObject({ leader: null, memberCount: 2 });
    expect(dataOf(await server.gql(query, { id: ids.logistics })).squad).toEqual({
      leader: null,
      memberCount: 0,
      members: { totalCount: 0, nodes: [] },
    });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const lookup = (id: string) => server.gql(`query ($id: ID!) { squad(id: $id) { name } }`, { id });
    expect(errorCodes(await lookup(globalId('Squad', 99_999_999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('U3F1YWQ6YWJj'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await lookup(ids.zhang))).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves a squad membership through node(id)', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { node(id: $id) { ... on SquadMember { joinedAt squad { name } member { name } } } }`, {
        id: ids.membership,
      }),
    );
    expect(data.node).toEqual({ joinedAt: '2020-01-24', squad: { name: '社区防控突击队' }, member: { name: '张测一' } });
  });
});

describe('squad list filters, ordering and pagination', () => {
  it('limits to an organization subtree, or to the organization alone', async () => {
    expect(await squadNames({})).toHaveLength(4);
    expect(await squadNames({ organization: { organizationId: ids.community } })).toEqual(['社区防控突击队', '网格志愿突击队']);
    expect(await squadNames({ organization: { organizationId: ids.community, includeDescendants: false } })).toEqual(['社区防控突击队']);
  });

  it('filters by name and formation date range', async () => {
    expect(await squadNames({ nameContains: '志愿突击' })).toEqual(['网格志愿突击队']);
    expect(await squadNames({ formedAt: { from: '2020-01-25', to: '2020-02-02' } })).toEqual(['医疗救治突击队', '网格志愿突击队']);
    expect(await squadNames({ formedAt: { from: '2020-02-03' } })).toEqual(['后勤保障突击队']);
  });

  it('orders by formation date (default) and by name', async () => {
    expect(await squadNames({})).toEqual(['社区防控突击队', '医疗救治突击队', '网格志愿突击队', '后勤保障突击队']);
    expect(await squadNames({}, { orderBy: { field: 'FORMED_AT', direction: 'DESC' } })).toEqual([
      '后勤保障突击队',
      '网格志愿突击队',
      '医疗救治突击队',
      '社区防控突击队',
    ]);
    const byName = await squadNames({}, { orderBy: { field: 'NAME', direction: 'DESC' } });
    expect(byName).toEqual([...byName].sort().reverse());
  });

  it('pages with cursors in both directions', async () => {
    const filter = { organization: { organizationId: ids.street } };
    const first = dataOf(await server.gql(SQUADS, { filter, first: 2 })).squads;
    expect(names(first)).toEqual(['社区防控突击队', '医疗救治突击队']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = dataOf(await server.gql(SQUADS, { filter, first: 2, after: first.pageInfo.endCursor })).squads;
    expect(names(next)).toEqual(['网格志愿突击队', '后勤保障突击队']);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = dataOf(await server.gql(SQUADS, { filter, last: 1, before: next.pageInfo.startCursor })).squads;
    expect(names(back)).toEqual(['医疗救治突击队']);
    expect(errorCodes(await server.gql(SQUADS, { filter, first: 2, after: 'bm90LWEtY3Vyc29y' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('squad members, member squads and organization squads', () => {
  it('filters, orders and pages a squad’s members', async () => {
    const query = `query ($id: ID!, $after: String) { squad(id: $id) {
      li: members(filter: { nameContains: "李" }) { totalCount nodes { name } }
      page: members(first: 2, after: $after, orderBy: { field: NAME }) { totalCount nodes { name } pageInfo { hasNextPage endCursor } }
    } }`;
    const first = dataOf(await server.gql(query, { id: ids.prevention })).squad;
    expect(first.li).toEqual({ totalCount: 1, nodes: [{ name: '李测二' }] });
    const byName = ['张测一', '李测二', '王测三'].sort();
    expect(names(first.page)).toEqual(byName.slice(0, 2));
    expect(first.page.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await server.gql(query, { id: ids.prevention, after: first.page.pageInfo.endCursor })).squad;
    expect(names(rest.page)).toEqual(byName.slice(2));
    expect(rest.page.pageInfo.hasNextPage).toBe(false);
  });

  it('lists the squads of a member by formation date', async () => {
    const query = `query ($id: ID!) { member(id: $id) { squads { name } } }`;
    expect(dataOf(await server.gql(query, { id: ids.zhang })).member.squads).toEqual([{ name: '社区防控突击队' }, { name: '网格志愿突击队' }]);
    expect(dataOf(await server.gql(query, { id: ids.qian })).member.squads).toEqual([{ name: '医疗救治突击队' }]);
  });

  it('lists an organization’s own squads by default and its subtree’s on request', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { organization(id: $id) {
           own: squads { totalCount nodes { name } }
           all: squads(includeDescendants: true, orderBy: { field: FORMED_AT, direction: DESC }, first: 1) { totalCount nodes { name } }
         } }`,
        { id: ids.community },
      ),
    );
    expect(data.organization.own).toEqual({ totalCount: 1, nodes: [{ name: '社区防控突击队' }] });
    expect(data.organization.all).toEqual({ totalCount: 2, nodes: [{ name: '网格志愿突击队' }] });
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

  it('costs the same for one squad as for a page of squads with leaders, members and their squads', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      squads(first: $first, filter: { organization: { organizationId: $scope } }) {
        nodes { name organization { name } leader { name } memberCount
                members(first: 2) { totalCount nodes { name squads { name } } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    // squads (with organizations and leaders), member counts, members, members' squads
    expect(all).toBe(4);
    expect(one).toBe(all);
  });

  it('batches the squads connection across organizations', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      organizations(first: $first, filter: { within: { organizationId: $scope } }) {
        nodes { squads(includeDescendants: true) { totalCount nodes { name } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    expect(all).toBe(2);
    expect(one).toBe(all);
  });
});

describe('demo dataset (710 支党员突击队)', () => {
  const SQUAD_PAGE = `query ($root: ID!, $after: String) {
    squads(first: 100, after: $after, filter: { organization: { organizationId: $root } }) {
      totalCount
      nodes { name memberCount leader { id } members(first: 20) { totalCount nodes { id } } }
      pageInfo { hasNextPage endCursor }
    } }`;

  it('has exactly 710 squads of 5–20 members, each led by one of its members, at a fixed cost per page', async () => {
    const root = await cityCommitteeId(server);
    const squads: any[] = [];
    const costs = new Set<number>();
    let after: string | null = null;
    do {
      const response = await server.gql(SQUAD_PAGE, { root, after });
      const page: any = dataOf(response).squads;
      expect(page.totalCount).toBe(710);
      squads.push(...page.nodes);
      costs.add(response.extensions!.sqlStatements!);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(squads).toHaveLength(710);
    // squads (with leaders), member counts, members: the same for every page
    expect([...costs]).toEqual([3]);
    const misfits = squads.filter(
      (squad) =>
        squad.memberCount < 5 ||
        squad.memberCount > 20 ||
        squad.members.totalCount !== squad.memberCount ||
        !squad.leader ||
        !squad.members.nodes.some((member: { id: string }) => member.id === squad.leader.id),
    );
    expect(misfits.map((squad) => squad.name)).toEqual([]);
  });

  it('has 谈杰 (74 on 2020-02-16) in a squad of 西畈社区', async () => {
    const data = dataOf(
      await server.gql(`{ members(filter: { nameContains: "谈杰" }) { nodes { name age(asOf: "2020-02-16")
        squads { name organization { name unitName } } } } }`),
    );
    const tanJie = data.members.nodes.filter((member: { name: string; age: number }) => member.name === '谈杰' && member.age === 74);
    expect(tanJie).toHaveLength(1);
    const squadPlaces = tanJie[0].squads.map((squad: any) => `${squad.organization.unitName} ${squad.organization.name}`);
    expect(squadPlaces.some((place: string) => place.includes('西畈社区'))).toBe(true);
  });

  it('has 彭向阳 leading a 志愿突击队', async () => {
    const data = dataOf(await server.gql(`{ members(filter: { nameContains: "彭向阳" }) { nodes { id name squads { name leader { id } } } } }`));
    const led = data.members.nodes.flatMap((member: any) =>
      member.squads.filter((squad: any) => squad.leader?.id === member.id && squad.name.includes('志愿突击队')),
    );
    expect(led.length).toBeGreaterThan(0);
  });
});
