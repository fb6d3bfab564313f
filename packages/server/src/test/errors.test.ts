import { toGlobalId } from '../common/global-id';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace|\bat \w+ \(|node_modules|INTERNAL_SERVER_ERROR/);
}

async function errorOf(query: string, variables?: Record<string, unknown>) {
  const response = await server.gql(query, variables);
  expect(response.status).toBeLessThan(500);
  expectNoInternals(response);
  expect(response.errors?.length).toBeGreaterThan(0);
  return { status: response.status, error: response.errors![0], data: response.data };
}

describe('bad input gets a coded GraphQL error, never a 500', () => {
  it('reports syntax errors as GRAPHQL_PARSE_FAILED with 400', async () => {
    const { status, error } = await errorOf('{ organizations(first: 1) { nodes { name }');
    expect(status).toBe(400);
    expect(error.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('reports unknown fields as GRAPHQL_VALIDATION_FAILED', async () => {
    const { error } = await errorOf('{ organizations { nodes { nonexistentField } } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports an unknown id as NOT_FOUND', async () => {
    const id = toGlobalId('Organization', 987654321);
    const { error, data } = await errorOf('query($id: ID!) { organization(id: $id) { name } }', { id });
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(error.path).toEqual(['organization']);
    expect(data?.organization).toBeNull();
  });

  it.each([
    ['garbage', 'not-a-global-id'],
    ['wrong type', toGlobalId('Member', 1)],
    ['unknown type via node', toGlobalId('Nonsense', 1)],
  ])('reports a malformed id (%s) as BAD_USER_INPUT', async (_label, id) => {
    const field = _label === 'unknown type via node' ? 'node' : 'organization';
    const { error } = await errorOf(`query($id: ID!) { ${field}(id: $id) { id } }`, { id });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed cursor', async () => {
    const { error } = await errorOf('{ organizations(first: 2, after: "bm9wZQ") { totalCount } }');
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual(['after']);
  });

  it('rejects a cursor taken from another ordering', async () => {
    const first = await server.gql('{ organizations(first: 1, orderBy: { field: NAME }) { edges { cursor } } }');
    const cursor = first.data!.organizations.edges[0].cursor;
    const { error } = await errorOf('query($c: String) { organizations(first: 1, after: $c) { totalCount } }', { c: cursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['first beyond the maximum page size', '{ organizations(first: 101) { totalCount } }', ['first']],
    ['a negative first', '{ organizations(first: -1) { totalCount } }', ['first']],
    ['first together with last', '{ organizations(first: 1, last: 1) { totalCount } }', ['first', 'last']],
  ])('rejects %s', async (_label, query, fields) => {
    const { error } = await errorOf(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual(fields);
  });

  it('accepts exactly the maximum page size', async () => {
    const response = await server.gql('{ organizations(first: 100) { totalCount } }');
    expect(response.errors).toBeUndefined();
  });

  it('rejects an impossible date in a filter variable with BAD_USER_INPUT', async () => {
    const { error } = await errorOf('query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }', {
      f: { establishedAt: { from: '2020-02-30' } },
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects an inverted date range', async () => {
    const { error } = await errorOf('{ organizations(filter: { establishedAt: { from: "2020-02-01", to: "2020-01-01" } }) { totalCount } }');
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects an unknown enum value', async () => {
    const { error } = await errorOf('{ organizations(filter: { kinds: [NOT_A_KIND] }) { totalCount } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects an over-long search text naming the offending field', async () => {
    const { error } = await errorOf('query($t: String) { members(filter: { nameContains: $t }) { totalCount } }', { t: '叶'.repeat(51) });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual(['filter.nameContains']);
  });

  it('treats LIKE wildcards in search text literally', async () => {
    const response = await server.gql('{ organizations(filter: { nameContains: "%" }) { totalCount } }');
    expect(response.errors).toBeUndefined();
    expect(response.data!.organizations.totalCount).toBe(0);
  });

  it('answers a malformed JSON body with 400 and a JSON error, no stack trace', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ organizations { totalCount } }"',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expectNoInternals(body);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
