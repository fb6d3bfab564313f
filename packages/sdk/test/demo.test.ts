/**
 * `loadDemoCredentials`: the real service (not the demo: it has a DATABASE_URL and a signing key)
 * offers none, so the list is empty; a service that offers some (a stand-in over real HTTP, and an
 * injected fetch) yields the typed list whose tokens the client can use.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLRequestError, OrganizationsDocument, createClient, demoCredentialsUrl, loadDemoCredentials, type DemoCredential } from '../src/index.js';
import { freePort, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const OFFERED = (token: string) => [
  { label: '系统管理员（全市）', role: 'ADMIN', organization: null, description: 'ADMIN', headers: { authorization: `Bearer ${token}` } },
  { label: '数据分析人员（全市，敏感信息脱敏）', role: 'ANALYST', organization: '中共麻城市委员会', description: 'ANALYST · 中共麻城市委员会', headers: { Authorization: 'Bearer analyst-token' } },
  { label: '匿名访问', role: null, organization: null, description: null, headers: {} },
];

describe('demoCredentialsUrl', () => {
  it('is the endpoint’s own path plus /demo-credentials, on the same origin', () => {
    expect(demoCredentialsUrl('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/graphql/demo-credentials');
    expect(demoCredentialsUrl('https://example.org/api/graphql/?x=1#y')).toBe('https://example.org/api/graphql/demo-credentials');
    expect(demoCredentialsUrl(new URL('wss://example.org/graphql'))).toBe('https://example.org/graphql/demo-credentials');
    expect(demoCredentialsUrl('ws://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/graphql/demo-credentials');
  });
});

describe('loadDemoCredentials against the real service', () => {
  it('is empty: the service is not the demo and answers 404', async () => {
    const response = await fetch(demoCredentialsUrl(server.url));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('NOT_FOUND');
    await expect(loadDemoCredentials(server.url)).resolves.toEqual([]);
    await expect(loadDemoCredentials(server.wsUrl)).resolves.toEqual([]);
  });

  it('is empty when nothing listens at the endpoint', async () => {
    await expect(loadDemoCredentials(`http://127.0.0.1:${await freePort()}/graphql`)).resolves.toEqual([]);
  });
});

describe('loadDemoCredentials where credentials are offered', () => {
  let standIn: http.Server;
  let endpoint: string;
  let answer: { status: number; body: string };
  const requests: Array<{ url?: string; accept?: string }> = [];
  beforeAll(async () => {
    standIn = http.createServer((req, res) => {
      requests.push({ url: req.url, accept: req.headers.accept });
      res.writeHead(req.url === '/graphql/demo-credentials' ? answer.status : 404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(req.url === '/graphql/demo-credentials' ? answer.body : '{"errors":[{"message":"no","extensions":{"code":"NOT_FOUND"}}]}');
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => standIn.close(resolve)));

  it('returns the typed list over HTTP, and its tokens work with the client', async () => {
    answer = { status: 200, body: JSON.stringify(OFFERED(server.token)) };
    const credentials = await loadDemoCredentials(endpoint);
    expect(requests.at(-1)).toEqual({ url: '/graphql/demo-credentials', accept: 'application/json' });
    expect(credentials).toEqual<DemoCredential[]>([
      { label: '系统管理员（全市）', role: 'ADMIN', organization: null, description: 'ADMIN', headers: { authorization: `Bearer ${server.token}` }, token: server.token },
      {
        label: '数据分析人员（全市，敏感信息脱敏）',
        role: 'ANALYST',
        organization: '中共麻城市委员会',
        description: 'ANALYST · 中共麻城市委员会',
        headers: { authorization: 'Bearer analyst-token' },
        token: 'analyst-token',
      },
      { label: '匿名访问', role: null, organization: null, description: null, headers: {}, token: null },
    ]);
    // The first credential's token is accepted by the real service.
    const client = createClient({ url: server.url, auth: { token: credentials[0].token! } });
    const data = await client.query(OrganizationsDocument, { filter: { kinds: ['CITY_COMMITTEE'] }, first: 1 });
    expect(data.organizations.edges).toHaveLength(1);
  });

  it('rejects with a typed error for an answer that is neither 404 nor a list', async () => {
    answer = { status: 500, body: '{"errors":[{"message":"服务器内部错误","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}' };
    const failed = await loadDemoCredentials(endpoint).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(GraphQLRequestError);
    expect(failed).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', status: 500 });

    answer = { status: 200, body: '<!doctype html>' };
    await expect(loadDemoCredentials(endpoint)).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 200 });
  });

  it('uses an injected fetch (e.g. a platform without a global one)', async () => {
    const seen: string[] = [];
    const credentials = await loadDemoCredentials('https://demo.example/graphql', {
      fetch: async (url, init) => {
        seen.push(`${init.method} ${url} ${init.headers.accept}`);
        return { status: 200, text: async () => JSON.stringify(OFFERED('admin-token').slice(0, 1)) };
      },
    });
    expect(seen).toEqual(['GET https://demo.example/graphql/demo-credentials application/json']);
    expect(credentials.map((c) => [c.role, c.token])).toEqual([['ADMIN', 'admin-token']]);

    const notDemo = await loadDemoCredentials('https://demo.example/graphql', { fetch: async () => ({ status: 404, text: async () => '{}' }) });
    expect(notDemo).toEqual([]);
    const offline = await loadDemoCredentials('https://demo.example/graphql', {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(offline).toEqual([]);
  });
});
