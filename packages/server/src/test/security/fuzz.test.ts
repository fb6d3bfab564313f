import { adminToken, startTestServer, type TestServer } from '../harness';

/**
 * 2,000+ generated malformed or hostile requests. None may produce a 5xx, crash the service or
 * leak internals; each gets a coded GraphQL error (or, for hostile values inside a valid query, a
 * normal answer).
 */
let server: TestServer;
let authorization: string;
beforeAll(async () => {
  server = await startTestServer({ limits: { maxDepth: 12, maxCost: 200000, maxAliases: 30, rateLimitPerMinute: 1_000_000 } });
  authorization = `Bearer ${await adminToken()}`;
});
afterAll(() => server.close());

/** mulberry32: the same requests on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20200216);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "'; drop table member; --", '%', '_', '\\', '%_\\%', '$1', '?', '??', ':prefix', '"', '`', '${x}', '<script>alert(1)</script>',
  '叶旭', '😀🎉', '\u202e反转', 'a\u0000b', '\u0000', '\uffff', '\ud800', '𠮷野家', 'x'.repeat(49), 'x'.repeat(51), '  ', '\n\t', '{{7*7}}', '../../etc/passwd',
  'null', 'undefined', '0', '-1', '1e309', 'NaN',
];

type Expectation = 'error' | 'answer';
interface Case {
  body: string | Buffer;
  contentType?: string;
  expect: Expectation;
}

const FILTERED_QUERIES = [
  (v: string) => ({ query: 'query($v: String) { members(first: 3, filter: { nameContains: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { organizations(first: 3, filter: { nameContains: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { posts(first: 3, filter: { nameContains: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { squads(first: 3, filter: { nameContains: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { donations(first: 3, filter: { donorNameContains: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { changeEvents(first: 3, filter: { actor: $v }) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: ID!) { member(id: $v) { id } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: ID!) { node(id: $v) { id } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: String) { organizations(first: 2, after: $v) { totalCount } }', variables: { v } }),
  (v: string) => ({ query: 'query($v: Date) { members(first: 2, filter: { joinedPartyAt: { from: $v } }) { totalCount } }', variables: { v } }),
];

function badJson(): Case {
  const valid = JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' });
  const cut = Math.floor(rand() * (valid.length - 1));
  const variants = [valid.slice(0, cut), `${valid}}`, valid.replace('"', "'"), `\u0000${valid}`, Buffer.from(Array.from({ length: 40 }, () => Math.floor(rand() * 256)))];
  return { body: pick(variants), contentType: 'application/json', expect: 'error' };
}

function wrongContentType(): Case {
  const body = JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' });
  return { body, contentType: pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'image/png']), expect: 'error' };
}

function deepQuery(): Case {
  const depth = 20 + Math.floor(rand() * 3000);
  const query = `{ organizations(first: 1) { nodes { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } }`;
  return { body: JSON.stringify({ query }), expect: 'error' };
}

function hugeQuery(): Case {
  const fields = 200 + Math.floor(rand() * 3000);
  const query = `{ ${Array.from({ length: fields }, (_, i) => `f${i}: organizations(first: 100) { nodes { id } }`).join(' ')} }`;
  return { body: JSON.stringify({ query }), expect: 'error' };
}

function deepVariables(): Case {
  let value: unknown = 'x';
  for (let i = 0, depth = 10 + Math.floor(rand() * 2000); i < depth; i += 1) value = pick([[value], { nested: value }]);
  return { body: JSON.stringify({ query: 'query($f: MemberFilter) { members(first: 1, filter: $f) { totalCount } }', variables: { f: value } }), expect: 'error' };
}

function wrongVariableTypes(): Case {
  const variables = pick([{ n: 'ten' }, { n: 1.5 }, { n: 2 ** 40 }, { n: -5 }, { n: null }, { n: [] }, { n: {} }]);
  return { body: JSON.stringify({ query: 'query($n: Int!) { organizations(first: $n) { totalCount } }', variables }), expect: 'error' };
}

function garbageGraphQL(): Case {
  const tokens = ['{', '}', '(', ')', 'query', 'mutation', 'subscription', '...', 'on', '$', ':', '"', '@skip', 'fragment', '#', '\\u0000', '😀', '1'];
  const query = Array.from({ length: 5 + Math.floor(rand() * 60) }, () => pick(tokens)).join(' ');
  return { body: JSON.stringify({ query, operationName: pick([null, 'X', '', '😀']) }), expect: 'error' };
}

function hostileValue(): Case {
  const request = pick(FILTERED_QUERIES)(pick(HOSTILE_STRINGS));
  return { body: JSON.stringify(request), expect: 'answer' };
}

const GENERATORS = [badJson, wrongContentType, deepQuery, hugeQuery, deepVariables, wrongVariableTypes, garbageGraphQL, hostileValue, hostileValue, hostileValue];

async function send(testCase: Case) {
  const response = await fetch(server.url, {
    keepalive: false,
    method: 'POST',
    headers: { authorization, ...(testCase.contentType ? { 'content-type': testCase.contentType } : { 'content-type': 'application/json' }) },
    body: testCase.body,
  });
  const text = await response.text();
  let json: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

describe('hostile and malformed requests', () => {
  it('never get a 5xx, a crash or an uncoded error across 2,000+ generated requests', async () => {
    const cases = Array.from({ length: 2100 }, () => pick(GENERATORS)());
    const problems: string[] = [];
    for (let start = 0; start < cases.length; start += 25) {
      const batch = cases.slice(start, start + 25);
      const results = await Promise.all(
        batch.map((testCase) => send(testCase).catch((error: Error) => ({ status: 0, text: `connection failed: ${error.message} ${String(error.cause)}`, json: undefined }))),
      );
      results.forEach((result, index) => {
        const testCase = batch[index];
        const codes = (result.json?.errors ?? []).map((error) => error.extensions?.code);
        const describe = () => `${result.status} ${result.text.slice(0, 200)} ← ${String(testCase.body).slice(0, 120)}`;
        if (result.status >= 500) problems.push(`5xx: ${describe()}`);
        else if (!result.json) problems.push(`not JSON: ${describe()}`);
        else if (/node_modules|\bat \w+ \(|stacktrace/.test(result.text)) problems.push(`internals: ${describe()}`);
        else if (codes.some((code) => typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR')) problems.push(`uncoded: ${describe()}`);
        else if (testCase.expect === 'error' && codes.length === 0) problems.push(`accepted: ${describe()}`);
      });
    }
    const health = await server.gql('{ organizations(first: 1) { totalCount } }');
    expect(health.errors).toBeUndefined();
    expect(problems.slice(0, 20)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(2000);
  }, 180_000);
});
