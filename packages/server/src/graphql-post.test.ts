import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { BODY_LIMIT_BYTES, graphqlPostRoute } from './graphql-post';
import { adminToken, startTestServer, type TestServer } from './test/harness';

/**
 * POST /graphql is served by the plain node:http route when the body is plain JSON and by the
 * Express chain otherwise (here: a quoted charset parameter, which the route leaves to
 * body-parser). Both must answer alike: status, body and headers.
 */
let server: TestServer;
let authorization: string;

beforeAll(async () => {
  server = await startTestServer();
  authorization = `Bearer ${await adminToken()}`;
});
afterAll(() => server.close());

const PLAIN = 'application/json';
const VIA_EXPRESS = 'application/json; charset="utf-8"';

async function post(contentType: string, body: string, headers: Record<string, string> = { authorization }) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const varying = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);
  return {
    status: response.status,
    headers: Object.fromEntries([...response.headers].filter(([name]) => !varying.has(name))),
    body: await response.text(),
  };
}

describe('POST /graphql on the plain route and through Express', () => {
  // Every row names its headers: jest would take a missing last argument for a done callback.
  const cases: Array<[string, string, Record<string, string> | null]> = [
    ['a query', JSON.stringify({ query: '{ organizations(first: 2) { nodes { name } } }' }), null],
    ['a query with variables and an operation name', JSON.stringify({ query: 'query Q($n: Int) { members(first: $n) { nodes { name } } }', variables: { n: 2 }, operationName: 'Q' }), null],
    ['a body with a byte order mark', `\uFEFF${JSON.stringify({ query: '{ __typename }' })}`, null],
    ['a syntax error in the body', '{"query": ', null],
    ['a JSON string instead of an object', '"{ __typename }"', null],
    ['a batch (a JSON array)', JSON.stringify([{ query: '{ __typename }' }]), null],
    ['a GraphQL syntax error', JSON.stringify({ query: '{ organizations(' }), null],
    ['an anonymous caller', JSON.stringify({ query: '{ organizations(first: 1) { nodes { name } } }' }), {}],
    ['a forged token', JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer forged' }],
  ];

  it.each(cases)('answers alike: %s', async (_name, body, headers) => {
    const [plain, viaExpress] = [await post(PLAIN, body, headers ?? undefined), await post(VIA_EXPRESS, body, headers ?? undefined)];
    expect(plain).toEqual(viaExpress);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('keeps serving after clients hang up in the middle of a body', async () => {
    const { port } = new URL(server.url);
    await Promise.all(
      Array.from({ length: 3 }, () =>
        new Promise<void>((resolve) => {
          const socket = net.connect(Number(port), '127.0.0.1', () => {
            socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${authorization}\r\nContent-Length: 100\r\n\r\n{"query":`);
            setTimeout(() => socket.destroy(), 50);
          });
          socket.on('close', () => resolve());
        }),
      ),
    );
    const after = await post(PLAIN, JSON.stringify({ query: '{ __typename }' }));
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).data).toEqual({ __typename: 'Query' });
  });

  it('echoes the request id and counts the request under its route', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': PLAIN, authorization, 'x-request-id': 'route-test-1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('route-test-1');
    const metrics = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/dangjian_http_requests_total\{route="\/graphql",method="POST",status="200"\} [1-9]/);
  });
});

describe('which requests the plain route takes', () => {
  const route = graphqlPostRoute({ apollo: undefined as never, middlewares: [], context: undefined as never });
  const request = (headers: Record<string, string>, method = 'POST', url = '/graphql') =>
    ({ method, url, headers: { 'content-type': PLAIN, 'content-length': '27', ...headers } }) as unknown as IncomingMessage;

  it('takes a plain JSON body of known length up to the limit', () => {
    expect(route.accepts(request({}))).toBe(true);
    expect(route.accepts(request({ 'content-type': 'Application/JSON; charset=UTF-8' }))).toBe(true);
    expect(route.accepts(request({ 'content-length': String(BODY_LIMIT_BYTES) }))).toBe(true);
  });

  it.each([
    ['another method', request({}, 'GET')],
    ['a query string', request({}, 'POST', '/graphql?x=1')],
    ['another content type', request({ 'content-type': 'application/graphql-response+json' })],
    ['a quoted or other charset', request({ 'content-type': VIA_EXPRESS })],
    ['a compressed body', request({ 'content-encoding': 'gzip' })],
    ['a body over the limit', request({ 'content-length': String(BODY_LIMIT_BYTES + 1) })],
    ['an empty or chunked body', request({ 'content-length': '' })],
  ])('leaves %s to Express', (_name, req) => {
    expect(route.accepts(req)).toBe(false);
  });
});
