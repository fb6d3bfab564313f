import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own: 街道党工委 → 社区党委 → 网格党支部, and 街道党工委 → 医院党支部.
 * Four posts, held by four members (张 holds two posts).
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const street = await fx.organization('测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('测试社区党委', street, { kind: 'PARTY_COMMITTEE' });
  const grid = await fx.organization('测试网格党支部', community);
  const hospital = await fx.organization('测试医院党支部', street, { unit_type: 'HOSPITAL' });
  const zhang = await fx.member('张测一', community);
  const li = await fx.member('李测二', community);
  const wang = await fx.member('王测三', grid);
  const zhao = await fx.member('赵测四', hospital);
  const post = (name: string, organization_id: number, kind: string, established_at: string) =>
    fx.insert('post', { name, organization_id, kind, established_at, duty: `${name}职责` });
  const checkpoint = await post('卡口值守先锋岗', community, 'VANGUARD', '2020-01-25');
  const screening = await post('网格排查示范岗', grid, 'MODEL', '2020-02-01');
  const supplies = await post('物资保障责任岗', hospital, 'RESPONSIBILITY', '2020-02-10');
  const publicity = await post('宣传动员先锋岗', street, 'VANGUARD', '2020-01-30');
  const hold = (post_id: number, member_id: number, since: string) => fx.insert('post_holder', { post_id, member_id, since });
  await hold(checkpoint, zhang, '2020-01-26');
  await hold(checkpoint, li, '2020-01-25');
  await hold(screening, zhang, '2020-02-01');
  await hold(screening, wang, '2020-02-03');
  await hold(publicity, zhao, '2020-01-30');
  Object.assign(ids, {
    street: globalId('Organization', street),
    community: globalId('Organization', community),
    grid: globalId('Organization', grid),
    zhang: globalId('Member', zhang),
    checkpoint: globalId('Post', checkpoint),
    supplies: globalId('Post', supplies),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const POST_NAMES = `query ($filter: PostFilter, $orderBy: PostOrder, $first: Int, $after: String, $last: Int, $before: String) {
  posts(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function postNames(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const data = dataOf(await server.gql(POST_NAMES, { filter: { organization: { organizationId: ids.street }, ...filter }, ...extra }));
  return data.posts.nodes.map((node: { name: string }) => node.name);
}

describe('post lookup', () => {
  it('returns a post with its organization, holders (by since) and holder count', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { post(id: $id) { id name kind establishedAt duty organization { name }
           holderCount holders { since member { name } post { name } } } }`,
        { id: ids.checkpoint },
      ),
    );
    expect(data.post).toEqual({
      id: ids.checkpoint,
      name: '卡口值守先锋岗',
      kind: 'VANGUARD',
      establishedAt: '2020-01-25',
      duty: '卡口值守先锋岗职责',
      organization: { name: '测试社区党委' },
      holderCount: 2,
      holders: [
        { since: '2020-01-25', member: { name: '李测二' }, post: { name: '卡口值守先锋岗' } },
        { since: '2020-01-26', member: { name: '张测一' }, post: { name: '卡口值守先锋岗' } },
      ],
    });
  });

  it('reports a post without holders as an empty list and zero', async () => {
    const data = dataOf(await server.gql(`query ($id: ID!) { post(id: $id) { holders { since } holderCount } }`, { id: ids.supplies }));
    expect(data.post).toEqual({ holders: [], holderCount: 0 });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const lookup = (id: string) => server.gql(`query ($id: ID!) { post(id: $id) { name } }`, { id });
    expect(errorCodes(await lookup(globalId('Post', 99_999_999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('not-an-id'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await lookup(ids.zhang))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('post list filters', () => {
  it('limits to an organization subtree, or to the organization alone', async () => {
    expect(await postNames({})).toHaveLength(4);
    expect((await postNames({ organization: { organizationId: ids.community } })).sort()).toEqual(['卡口值守先锋岗', '网格排查示范岗'].sort());
    expect(await postNames({ organization: { organizationId: ids.community, includeDescendants: false } })).toEqual(['卡口值守先锋岗']);
  });

  it('filters by kinds, name and established date range', async () => {
    expect((await postNames({ kinds: ['VANGUARD'] })).sort()).toEqual(['卡口值守先锋岗', '宣传动员先锋岗'].sort());
    expect((await postNames({ kinds: ['MODEL', 'RESPONSIBILITY'] })).sort()).toEqual(['物资保障责任岗', '网格排查示范岗'].sort());
    expect(await postNames({ nameContains: '排查' })).toEqual(['网格排查示范岗']);
    expect(await postNames({ establishedAt: { from: '2020-01-30', to: '2020-02-01' } })).toEqual(['宣传动员先锋岗', '网格排查示范岗']);
  });

  it('rejects an inverted date range and a bad organization id', async () => {
    const inverted = await server.gql(POST_NAMES, { filter: { establishedAt: { from: '2020-02-01', to: '2020-01-01' } } });
    expect(errorCodes(inverted)).toEqual(['BAD_USER_INPUT']);
    const badScope = await server.gql(POST_NAMES, { filter: { organization: { organizationId: ids.checkpoint } } });
    expect(errorCodes(badScope)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('post ordering and pagination', () => {
  it('orders by established date (default) and by name, either direction', async () => {
    expect(await postNames({})).toEqual(['卡口值守先锋岗', '宣传动员先锋岗', '网格排查示范岗', '物资保障责任岗']);
    expect(await postNames({}, { orderBy: { field: 'ESTABLISHED_AT', direction: 'DESC' } })).toEqual([
      '物资保障责任岗',
      '网格排查示范岗',
      '宣传动员先锋岗',
      '卡口值守先锋岗',
    ]);
    const byName = await postNames({}, { orderBy: { field: 'NAME' } });
    expect(byName).toEqual([...byName].sort());
  });

  it('pages forward and backward with cursors', async () => {
    const filter = { organization: { organizationId: ids.street } };
    const first = dataOf(await server.gql(POST_NAMES, { filter, first: 3 })).posts;
    expect(first.nodes.map((n: { name: string }) => n.name)).toEqual(['卡口值守先锋岗', '宣传动员先锋岗', '网格排查示范岗']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf(await server.gql(POST_NAMES, { filter, first: 3, after: first.pageInfo.endCursor })).posts;
    expect(second.nodes.map((n: { name: string }) => n.name)).toEqual(['物资保障责任岗']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.totalCount).toBe(4);
    const back = dataOf(await server.gql(POST_NAMES, { filter, last: 2, before: second.pageInfo.startCursor })).posts;
    expect(back.nodes.map((n: { name: string }) => n.name)).toEqual(['宣传动员先锋岗', '网格排查示范岗']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('refuses a cursor from another ordering', async () => {
    const filter = { organization: { organizationId: ids.street } };
    const page = dataOf(await server.gql(POST_NAMES, { filter, first: 1 })).posts;
    const replay = await server.gql(POST_NAMES, { filter, first: 1, after: page.pageInfo.endCursor, orderBy: { field: 'NAME' } });
    expect(errorCodes(replay)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('posts of organizations and members', () => {
  it('lists an organization’s own posts by default, its subtree’s on request, with filters', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { organization(id: $id) {
           own: posts { totalCount nodes { name } }
           all: posts(includeDescendants: true) { totalCount }
           vanguard: posts(includeDescendants: true, filter: { kinds: [VANGUARD] }) { nodes { name } }
         } }`,
        { id: ids.street },
      ),
    );
    expect(data.organization.own).toEqual({ totalCount: 1, nodes: [{ name: '宣传动员先锋岗' }] });
    expect(data.organization.all.totalCount).toBe(4);
    expect(data.organization.vanguard.nodes).toEqual([{ name: '卡口值守先锋岗' }, { name: '宣传动员先锋岗' }]);
  });

  it('lists the posts a member holds, by established date', async () => {
    const data = dataOf(await server.gql(`query ($id: ID!) { member(id: $id) { posts { name } } }`, { id: ids.zhang }));
    expect(data.member.posts).toEqual([{ name: '卡口值守先锋岗' }, { name: '网格排查示范岗' }]);
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

  it('costs the same for one post as for a whole page of posts with holders and their posts', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      posts(first: $first, filter: { organization: { organizationId: $scope } }) {
        nodes { name organization { name } holderCount holders { since member { name posts { name } } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    // posts (with organizations), holder counts, holders (with members), members' posts
    expect(all).toBe(4);
    expect(one).toBe(all);
  });

  it('batches the posts connection across organizations', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      organizations(first: $first, filter: { within: { organizationId: $scope } }) {
        nodes { posts(includeDescendants: true) { totalCount nodes { name } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.street });
    const all = await statements(query, { first: 4, scope: ids.street });
    expect(all).toBe(2);
    expect(one).toBe(all);
  });
});

describe('demo dataset (600余个党员岗)', () => {
  it('has between 601 and 699 posts under the 市委, of every kind, each with holders', async () => {
    const data = dataOf(
      await server.gql(
        `query ($root: ID!) {
          all: posts(first: 0, filter: { organization: { organizationId: $root } }) { totalCount }
          vanguard: posts(first: 0, filter: { organization: { organizationId: $root }, kinds: [VANGUARD] }) { totalCount }
          model: posts(first: 0, filter: { organization: { organizationId: $root }, kinds: [MODEL] }) { totalCount }
          responsibility: posts(first: 0, filter: { organization: { organizationId: $root }, kinds: [RESPONSIBILITY] }) { totalCount }
          sample: posts(first: 100, filter: { organization: { organizationId: $root } }) { nodes { holderCount } }
        }`,
        { root: await cityCommitteeId(server) },
      ),
    );
    expect(data.all.totalCount).toBeGreaterThanOrEqual(601);
    expect(data.all.totalCount).toBeLessThanOrEqual(699);
    for (const kind of [data.vanguard, data.model, data.responsibility]) expect(kind.totalCount).toBeGreaterThan(0);
    expect(data.vanguard.totalCount + data.model.totalCount + data.responsibility.totalCount).toBe(data.all.totalCount);
    expect(data.sample.nodes.every((post: { holderCount: number }) => post.holderCount > 0)).toBe(true);
  });
});
