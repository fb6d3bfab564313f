import { startTestServer, type TestServer } from '../harness';

/** What every answer carries (helmet's headers for our options, without a content security policy). */
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const ALLOWED_ORIGIN = 'https://dashboard.example.cn';

let server: TestServer;
let withCors: TestServer;
beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [] });
  withCors = await startTestServer({ corsOrigins: [ALLOWED_ORIGIN] }, server);
});
afterAll(async () => {
  await withCors.close();
  await server.close();
});

const headersOf = (response: Response) => Object.fromEntries(response.headers.entries());
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('HTTP security headers', () => {
  it('are on GraphQL answers, refusals and the IDE page, without X-Powered-By', async () => {
    const responses = [
      await post(server.url),
      await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }),
      await fetch(server.url, { headers: { accept: 'text/html' } }),
    ];
    for (const response of responses) {
      expect(headersOf(response)).toMatchObject(SECURITY_HEADERS);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('content-security-policy')).toBeNull();
    }
  });

  it('answer cross-origin requests only for the configured origins', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight(withCors.url, ALLOWED_ORIGIN);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await post(withCors.url, { origin: ALLOWED_ORIGIN })).headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);

    expect((await preflight(withCors.url, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(server.url, ALLOWED_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(server.url, { origin: ALLOWED_ORIGIN })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
