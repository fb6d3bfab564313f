import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function data(query: string, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function orgId(name: string): Promise<string> {
  const found = await data('query($n: String) { organizations(first: 2, filter: { nameContains: $n }) { nodes { id name } } }', { n: name });
  expect(found.organizations.nodes).toHaveLength(1);
  return found.organizations.nodes[0].id;
}

describe('the organization tree', () => {
  it('has 1600余 grassroots organizations under one city committee', async () => {
    const result = await data(`{
      grassroots: organizations(filter: { grassroots: true }) { totalCount }
      roots: organizations(filter: { kinds: [CITY_COMMITTEE] }) { totalCount nodes { name depth parent { id } ancestors { id } } }
    }`);
    expect(result.grassroots.totalCount).toBeGreaterThan(1600);
    expect(result.grassroots.totalCount).toBeLessThan(1700);
    expect(result.roots.totalCount).toBe(1);
    expect(result.roots.nodes[0]).toEqual({ name: '中共麻城市委员会', depth: 0, parent: null, ancestors: [] });
  });

  it('models the 党组 as its own kind hanging off the city committee, outside the grassroots count', async () => {
    const result = await data(`{ organizations(filter: { kinds: [LEADING_GROUP] }) { nodes { name typeCode isGrassroots parent { name } } } }`);
    expect(result.organizations.nodes).toEqual(
      expect.arrayContaining([
        { name: '中共麻城市工商业联合会党组', typeCode: null, isGrassroots: false, parent: { name: '中共麻城市委员会' } },
        { name: '中共麻城市产业发展中心党组', typeCode: null, isGrassroots: false, parent: { name: '中共麻城市委员会' } },
      ]),
    );
  });

  it('gives ancestors root first and the whole subtree as descendants', async () => {
    const xifan = await orgId('西畈社区');
    const longchiqiao = await orgId('龙池桥街道工作委员会');
    const result = await data(
      `query($x: ID!, $l: ID!) {
        x: organization(id: $x) { ancestors { name } }
        l: organization(id: $l) {
          children { totalCount }
          villages: descendants(filter: { unitTypes: [VILLAGE, COMMUNITY] }) { totalCount }
          all: descendants { totalCount }
          memberCount
          subtreeMembers: memberCount(includeDescendants: true)
          members(includeDescendants: true) { totalCount }
        }
      }`,
      { x: xifan, l: longchiqiao },
    );
    expect(result.x.ancestors.map((a: { name: string }) => a.name)).toEqual(['中共麻城市委员会', '中共麻城市龙池桥街道工作委员会']);
    expect(result.l.villages.totalCount).toBeGreaterThan(0);
    expect(result.l.all.totalCount).toBeGreaterThanOrEqual(result.l.children.totalCount);
    expect(result.l.subtreeMembers).toBe(result.l.members.totalCount);
    expect(result.l.subtreeMembers).toBeGreaterThan(result.l.memberCount);
  });

  it('counts every member under the root', async () => {
    const result = await data(`{
      members { totalCount }
      organizations(filter: { kinds: [CITY_COMMITTEE] }) { nodes { memberCount(includeDescendants: true) } }
    }`);
    expect(result.members.totalCount).toBeGreaterThanOrEqual(40000);
    expect(result.organizations.nodes[0].memberCount).toBe(result.members.totalCount);
  });

  it('filters within a subtree, by kind and by unit type', async () => {
    const hospital = await orgId('中共麻城市人民医院委员会');
    const result = await data(
      `query($h: ID!) {
        temporary: organizations(filter: { within: { organizationId: $h }, temporary: true }) { totalCount nodes { kind typeCode task approvalDocument } }
        direct: organizations(filter: { within: { organizationId: $h, includeDescendants: false } }) { totalCount }
      }`,
      { h: hospital },
    );
    expect(result.temporary.totalCount).toBe(5);
    for (const node of result.temporary.nodes) {
      expect(node).toMatchObject({ kind: 'TEMPORARY_BRANCH', typeCode: '931' });
      expect(node.task).toBeTruthy();
      expect(node.approvalDocument).toBeTruthy();
    }
    expect(result.direct.totalCount).toBe(1);
  });

  it('resolves any object through node(id)', async () => {
    const department = await data('{ organizations(filter: { kinds: [WORKING_DEPARTMENT] }) { nodes { id } } }');
    const id = department.organizations.nodes[0].id;
    const result = await data('query($id: ID!) { node(id: $id) { __typename id ... on Organization { kind } } }', { id });
    expect(result.node).toEqual({ __typename: 'Organization', id, kind: 'WORKING_DEPARTMENT' });
  });
});

describe('cursor pagination', () => {
  const PAGE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    organization(id: $id) {
      children(first: $first, after: $after, last: $last, before: $before, orderBy: { field: NAME }) {
        totalCount
        edges { cursor node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }`;

  it('walks forward and backward through every child exactly once', async () => {
    const parent = await orgId('龙池桥街道工作委员会');
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = 0;
    for (;;) {
      const { organization } = await data(PAGE, { id: parent, first: 7, after });
      const page = organization.children;
      total = page.totalCount;
      forward.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 7));

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { organization } = await data(PAGE, { id: parent, last: 7, before });
      const page = organization.children;
      backward.unshift(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('keeps totalCount when the cursor points past the end', async () => {
    const parent = await orgId('龙池桥街道工作委员会');
    const { organization } = await data(PAGE, { id: parent, last: 1 });
    const lastCursor = organization.children.pageInfo.endCursor;
    const past = await data(PAGE, { id: parent, first: 5, after: lastCursor });
    expect(past.organization.children.edges).toEqual([]);
    expect(past.organization.children.totalCount).toBe(organization.children.totalCount);
    expect(past.organization.children.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  // Counting a partition costs a full read, so it happens only when the operation selects a count
  // (or hasPreviousPage after a cursor); the pages themselves must not depend on that.
  it('returns the same pages whether or not the operation selects the counts', async () => {
    const walk = async (selection: string, fragments = '') => {
      const pages: unknown[] = [];
      let after: string | null = null;
      do {
        const { members } = await data(
          `query($after: String) { members(first: 100, after: $after, orderBy: { field: JOINED_PARTY_AT, direction: DESC }, filter: { nameContains: "李" }) { ${selection} } } ${fragments}`,
          { after },
        );
        pages.push({ ids: members.nodes.map((n: { id: string }) => n.id), hasNextPage: members.pageInfo.hasNextPage });
        after = members.pageInfo.hasNextPage ? members.pageInfo.endCursor : null;
      } while (after && pages.length < 4);
      return pages;
    };
    const lean = await walk('nodes { id } pageInfo { hasNextPage endCursor }');
    const counted = await walk('nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount');
    expect(lean).toHaveLength(4);
    expect(lean).toEqual(counted);

    const NESTED_PAGES = (extra: string) => `{ organizations(first: 40, filter: { grassroots: true }, orderBy: { field: CODE }) { nodes { members(first: 3) { nodes { id } pageInfo { hasNextPage } ${extra} } } } }`;
    const strip = (result: Record<string, any>) => result.organizations.nodes.map((o: any) => ({ nodes: o.members.nodes, next: o.members.pageInfo.hasNextPage }));
    const nestedLean = strip(await data(NESTED_PAGES('')));
    expect(nestedLean).toEqual(strip(await data(NESTED_PAGES('totalCount'))));
    expect(nestedLean.some((o: { next: boolean }) => o.next)).toBe(true);
  });

  it('counts when a fragment or an alias asks for totalCount', async () => {
    const { members, aliased } = await data(`{
      members(first: 1) { ...Total }
      aliased: members(first: 1) { size: totalCount }
    } fragment Total on MemberConnection { totalCount }`);
    expect(members.totalCount).toBeGreaterThan(40000);
    expect(aliased.size).toBe(members.totalCount);
  });
});

describe('batching', () => {
  const NESTED = `query($orgs: Int!, $members: Int!) {
    organizations(first: $orgs, filter: { grassroots: true }) {
      nodes {
        name
        members(first: $members) {
          totalCount
          nodes { name organization { name } commendations(first: 5) { totalCount nodes { category } } }
        }
      }
    }
  }`;

  let resolvers: TestServer;
  beforeAll(async () => {
    resolvers = await startTestServer({ compiledReads: false }, server);
  });
  afterAll(() => resolvers.close());

  it.each([
    [50, 20],
    [5, 2],
    [100, 50],
  ])('runs one SQL statement per list level for %i organizations × %i members × commendations', async (orgs, members) => {
    const [compiled, resolved] = await Promise.all([server.gql(NESTED, { orgs, members }), resolvers.gql(NESTED, { orgs, members })]);
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.organizations.nodes).toHaveLength(orgs);
    // organizations, their members (each with its organization, selected in the same statement), the members' commendations.
    expect(resolved.extensions?.sqlStatements).toBe(3);
    // Compiled reads answer the whole query with one statement, and the same data.
    expect(compiled.extensions).toMatchObject({ sqlStatements: 1, compiledRead: true });
    expect(compiled.data).toEqual(resolved.data);
  });

  it('loads ancestors and member counts of many organizations in one statement each', async () => {
    const result = await server.gql(`{ organizations(first: 100) { nodes { ancestors { id } memberCount(includeDescendants: true) parent { id } } } }`);
    expect(result.errors).toBeUndefined();
    // organizations (with their parents), ancestors, member counts
    expect(result.extensions?.sqlStatements).toBe(3);
  });
});
