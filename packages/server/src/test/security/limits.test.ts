import { Role } from '../../common/auth/roles';
import { startTestServer, tokenFor, type TestServer } from '../harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { maxDepth: 6, maxCost: 2000, maxAliases: 5, rateLimitPerMinute: 100000 } });
});
afterAll(() => server.close());

async function codeOf(query: string) {
  const result = await server.gql(query);
  expect(result.status).toBeLessThan(500);
  return result.errors?.[0]?.extensions?.code;
}

/** `organizations { nodes { parent { parent { … name } } } }` with `levels` nested parents. */
function nested(levels: number): string {
  return `{ organizations(first: 1) { nodes { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
}

describe('abuse limits', () => {
  it('refuses the query one level deeper than the maximum and accepts the one at it', async () => {
    // organizations → nodes → parent × n → name: depth n + 2.
    expect(await codeOf(nested(4))).toBeUndefined();
    expect(await codeOf(nested(5))).toBe('QUERY_TOO_DEEP');
  });

  it('refuses one alias too many and accepts the maximum', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ')} }`;
    expect(await codeOf(aliases(5))).toBeUndefined();
    expect(await codeOf(aliases(6))).toBe('TOO_MANY_ALIASES');
  });

  it('counts list sizes into the cost: refuses just over the limit, accepts just under', async () => {
    // organizations(first: n) costs 1 + n × nodes (1 + name 1 + members(first: 10) (1 + 10 × nodes (1 + name 1))) = 1 + 23n.
    const query = (n: number) => `{ organizations(first: ${n}) { nodes { name members(first: 10) { nodes { name } } } } }`;
    expect(await codeOf(query(86))).toBeUndefined();
    expect(await codeOf(query(87))).toBe('QUERY_TOO_COMPLEX');
  });

  it('measures page sizes given through variables', async () => {
    const query = 'query($n: Int) { organizations(first: $n) { nodes { name members(first: 10) { nodes { name } } } } }';
    expect((await server.gql(query, { n: 86 })).errors).toBeUndefined();
    expect((await server.gql(query, { n: 87 })).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses batched operations (a JSON array body) with a coded error', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a request body over 1 MB and accepts one just under', async () => {
    const padding = (size: number) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(size) } });
    const send = (body: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const over = await send(padding(1024 * 1024 + 10));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
    const under = await send(padding(1000 * 1000));
    expect(under.status).toBe(200);
  });

  it.each([
    ['in memory', undefined],
    ['in Redis, shared by instances', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'],
  ])('rate-limits each credential (%s): the request over the limit gets RATE_LIMITED (429)', async (_label, redisUrl) => {
    const limits = { maxDepth: 12, maxCost: 200000, maxAliases: 30, rateLimitPerMinute: 5 };
    const subject = `rate-${Date.now()}-${Math.random()}`;
    const first = await startTestServer({ limits, redisUrl });
    const second = redisUrl ? await startTestServer({ limits, redisUrl }) : first;
    try {
      const headers = { authorization: `Bearer ${await tokenFor(Role.ADMIN, null, subject)}` };
      const codes: Array<string | undefined> = [];
      // With Redis the two instances share one count; alone, one instance counts all six.
      for (let i = 0; i < 6; i += 1) codes.push((await (i % 2 ? second : first).gql('{ __typename }', undefined, headers)).errors?.[0]?.extensions?.code);
      expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
    } finally {
      await first.close();
      if (second !== first) await second.close();
    }
  });
});
