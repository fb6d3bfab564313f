import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { Role } from './auth/roles';
import { toGlobalId } from './global-id';
import { compiledReads } from '../observability/metrics';
import { fieldByFieldQueries } from '../test/field-queries';
import { startTestServer, tokenFor, type GraphQLResponse, type TestServer } from '../test/harness';

/**
 * Compiled reads (common/compiled-read.ts) answer a whole query with one SQL statement; every
 * answer must be exactly what the resolvers give. Each query goes to a service with compiled reads
 * and to one without, on the same database, and the answers (data and errors) are compared.
 */
describe('compiled reads', () => {
  let compiled: TestServer;
  let resolved: TestServer;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    compiled = await startTestServer();
    resolved = await startTestServer({ compiledReads: false }, compiled);
    schema = buildClientSchema((await compiled.gql(getIntrospectionQuery())).data as never);
  });
  afterAll(async () => {
    await resolved?.close();
    await compiled?.close();
  });

  const answer = (result: GraphQLResponse) => JSON.stringify([result.data, result.errors]);

  /** Asks both services; returns the compiled service's response after checking the answers are the same. */
  async function both(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
    const [mine, reference] = await Promise.all([compiled.gql(query, variables, headers), resolved.gql(query, variables, headers)]);
    expect(answer(mine)).toBe(answer(reference));
    expect(reference.extensions?.compiledRead).toBeUndefined();
    return mine;
  }

  it('answers every field it compiles exactly as the resolvers do, each query in one statement', async () => {
    const differences: string[] = [];
    let compiledCount = 0;
    for (const query of fieldByFieldQueries(schema)) {
      const [mine, reference] = await Promise.all([compiled.gql(query), resolved.gql(query)]);
      if (answer(mine) !== answer(reference)) differences.push(query);
      if (mine.extensions?.compiledRead) {
        compiledCount += 1;
        if (mine.extensions.sqlStatements !== 1) differences.push(`${query} (${mine.extensions.sqlStatements} statements)`);
      }
    }
    expect(differences).toEqual([]);
    expect(compiledCount).toBeGreaterThan(200);
    // A compiled statement that fails falls back to the resolvers unnoticed by the client; none may.
    const outcomes = (await compiledReads.get()).values.map((value) => [value.labels.outcome, value.value]);
    expect(outcomes).not.toContainEqual(['failed', expect.anything()]);
    expect(outcomes).toContainEqual(['compiled', expect.any(Number)]);
  });

  it('answers nested lists, references, lookups, aliases, fragments and page figures in one statement whatever the page sizes', async () => {
    const query = `query($first: Int!, $members: Int!) {
      list: organizations(first: $first, orderBy: { field: CODE, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage __typename }
        edges { node { ...org } }
      }
    }
    fragment org on Organization {
      id name kind
      parent { id name }
      members(first: $members, includeDescendants: true, orderBy: { field: BIRTH_DATE, direction: DESC }) {
        totalCount pageInfo { hasNextPage }
        nodes { id name birthDate createdAt organization { name } commendations(first: 3) { nodes { category reason } } }
      }
    }`;
    for (const [first, members] of [
      [2, 1],
      [30, 25],
    ]) {
      const result = await both(query, { first, members });
      expect(result.extensions).toMatchObject({ compiledRead: true, sqlStatements: 1 });
      expect(result.data!.list.edges).toHaveLength(first);
      expect(result.data!.list.pageInfo.hasNextPage).toBe(true);
    }
  });

  it('pages every root list the way clients do, cursors included, and continues after a cursor', async () => {
    const lists = Object.values(schema.getQueryType()!.getFields()).filter((field) => field.args.some((arg) => arg.name === 'after'));
    expect(lists.length).toBeGreaterThan(10);
    let compiledPages = 0;
    for (const list of lists) {
      const query = `query($after: String) { page: ${list.name}(first: 3, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { __typename } } } }`;
      const first = await both(query);
      const second = await both(query, { after: first.data!.page.pageInfo.endCursor });
      if (first.data!.page.totalCount > 3) expect(second.data!.page.pageInfo.hasPreviousPage).toBe(true);
      compiledPages += [first, second].filter((result) => result.extensions?.compiledRead).length;
    }
    // Lists ordered by a column of another table (commendations by batch date) leave cursors to the resolvers.
    expect(compiledPages).toBeGreaterThan(lists.length);
  });

  it('applies filters and orderings exactly as the resolvers do', async () => {
    const town = toGlobalId('Organization', 2);
    const queries: Array<[string, Record<string, unknown>?]> = [
      ['{ members(first: 50, filter: { nameContains: "李", statuses: [FULL], inService: true }) { totalCount nodes { name status } } }'],
      ['query($f: MemberFilter) { members(first: 30, filter: $f, orderBy: { field: NAME, direction: DESC }) { totalCount nodes { name joinedPartyAt } } }', { f: { joinedPartyAt: { from: '1990-01-01', to: '2000-12-31' }, gender: 'FEMALE' } }],
      ['query($f: MemberFilter) { members(first: 30, filter: $f) { totalCount nodes { name } } }', { f: { organization: { organizationId: town }, reportedToCommunity: false } }],
      ['query($f: MemberFilter) { members(first: 30, filter: $f) { totalCount nodes { name } } }', { f: { organization: { organizationId: town, includeDescendants: false } } }],
      ['{ organizations(first: 40, filter: { kinds: [BRANCH], nameContains: "村" }) { totalCount nodes { name kind members(first: 3, filter: { occupations: [FARMER] }) { totalCount nodes { name occupation } } } } }'],
      ['{ commendations(first: 40, filter: { hasAward: true }) { totalCount nodes { category reason } } }'],
    ];
    for (const [query, variables] of queries) {
      const result = await both(query, variables);
      expect(result.errors).toBeUndefined();
      expect(result.extensions).toMatchObject({ compiledRead: true, sqlStatements: 1 });
    }
  });

  it('limits a scoped caller to its subtree exactly as the resolvers do', async () => {
    // The second-level organization with the most members in its subtree.
    const [town] = await compiled.orm.em.fork().execute<Array<{ id: number }>>(
      `select o.id from organization o join organization d on d.path like o.path || '%' join member m on m.organization_id = d.id
        where o.path ~ '^/[0-9]+/[0-9]+/$' group by o.id order by count(*) desc limit 1`,
    );
    const headers = { authorization: `Bearer ${await tokenFor(Role.ORG_ADMIN, toGlobalId('Organization', town.id))}` };
    const result = await both(
      '{ members(first: 100) { totalCount nodes { name organization { name parent { name } } } } organizations(first: 100) { totalCount nodes { name parent { name } } } }',
      {},
      headers,
    );
    expect(result.extensions?.compiledRead).toBe(true);
    expect(result.data!.members.totalCount).toBeGreaterThan(0);
    const all = await compiled.gql('{ members { totalCount } }');
    expect(result.data!.members.totalCount).toBeLessThan(all.data!.members.totalCount);
  });

  it('masks sensitive values in SQL for callers without the pii permission, and leaves full (logged) reads to the resolvers', async () => {
    const query = '{ members(first: 100, orderBy: { field: NAME }) { nodes { name phone idCardNumber address } } }';
    const analyst = { authorization: `Bearer ${await tokenFor(Role.ANALYST, toGlobalId('Organization', 1))}` };
    const masked = await both(query, {}, analyst);
    expect(masked.extensions?.compiledRead).toBe(true);
    const phones = masked.data!.members.nodes.map((m: { phone: string }) => m.phone);
    expect(phones.every((phone: string) => /^\d{3}\*{4}\d{4}$/.test(phone))).toBe(true);
    const full = await both(query);
    expect(full.extensions?.compiledRead).toBeUndefined();
  });

  it('leaves errors to the resolvers: lookups that find nothing, bad page sizes, bad ids, filters with rules', async () => {
    const missing = await both('query($id: ID!) { member(id: $id) { name } }', { id: toGlobalId('Member', 99999999) });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tooMany = await both('{ members(first: 100000) { nodes { name } } }');
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badId = await both('{ member(id: "bm90LWFuLWlk") { name } }');
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const longSearch = await both(`{ members(filter: { nameContains: "${'张'.repeat(60)}" }) { nodes { name } } }`);
    expect(longSearch.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const backwardsRange = await both('{ members(filter: { joinedPartyAt: { from: "2001-01-01", to: "2000-01-01" } }) { nodes { name } } }');
    expect(backwardsRange.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const result of [missing, tooMany, badId, longSearch, backwardsRange]) expect(result.extensions?.compiledRead).toBeUndefined();
  });

  it('answers an anonymous caller the way the resolvers do', async () => {
    await both('{ members(first: 2) { nodes { name } } }', {}, { authorization: '' });
  });
});
