import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { Role } from '../../common/auth/roles';
import { toGlobalId } from '../../common/global-id';
import { startTestServer, tokenFor, TEST_JWT_SECRET, type TestServer } from '../harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const QUERY = '{ organizations(first: 1) { totalCount } }';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function codeOf(headers: Record<string, string>, query = QUERY) {
  const result = await server.gql(query, undefined, headers);
  expect(result.status).toBeLessThan(500);
  return { status: result.status, code: result.errors?.[0]?.extensions?.code, data: result.data };
}

function sign(claims: Record<string, unknown>, secret = TEST_JWT_SECRET, expires: string | number = '1h') {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone').setIssuedAt().setExpirationTime(expires).sign(new TextEncoder().encode(secret));
}

describe('credentials', () => {
  it('refuses anonymous data queries but lets the IDE introspect outside production', async () => {
    expect(await codeOf({ authorization: '' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const introspection = await codeOf({ authorization: '' }, '{ __schema { queryType { name } } }');
    expect(introspection.code).toBeUndefined();
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each([
    ['an expired token', () => sign({ role: 'ADMIN' }, TEST_JWT_SECRET, Math.floor(Date.now() / 1000) - 60)],
    ['a token signed with another secret', () => sign({ role: 'ADMIN' }, 'some-other-secret-that-is-long-enough')],
    ['a malformed token', async () => 'not.a.jwt'],
    ['a token with an unknown role', () => sign({ role: 'SUPERUSER' })],
    ['a scoped role without an organization', () => sign({ role: 'ANALYST' })],
    ['a token for an organization that does not exist', () => sign({ role: 'ANALYST', org: toGlobalId('Organization', 99999999) })],
  ])('refuses %s with UNAUTHENTICATED (401)', async (_label, token) => {
    expect(await codeOf(bearer(await token()))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('stops accepting a token at its expiry even after it was verified and remembered', async () => {
    const expiry = Math.floor(Date.now() / 1000) + 5;
    const token = await sign({ role: 'ADMIN' }, TEST_JWT_SECRET, expiry);
    expect((await codeOf(bearer(token))).code).toBeUndefined();
    expect((await codeOf(bearer(token))).code).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, expiry * 1000 - Date.now() + 500));
    expect(await codeOf(bearer(token))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a malformed Authorization header and an unknown API key', async () => {
    expect(await codeOf({ authorization: 'Basic abc' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await codeOf({ authorization: '', 'x-api-key': 'djk_unknown' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('issues API keys that work until revoked, storing only a hash and the last use', async () => {
    const root = toGlobalId('Organization', 1);
    const created = await server.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix role } } }`,
      { input: { name: '测试下级系统', role: 'SYSTEM', organizationId: root } },
    );
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const [stored] = await server.orm.em.fork().execute<Array<{ key_hash: string }>>('select key_hash from api_key where prefix = ?', [apiKey.prefix]);
    expect(stored.key_hash).not.toContain(key);

    const withKey = { authorization: '', 'x-api-key': key };
    expect((await codeOf(withKey)).code).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [used] = await server.orm.em.fork().execute<Array<{ last_used_at: Date | null }>>('select last_used_at from api_key where prefix = ?', [apiKey.prefix]);
    expect(used.last_used_at).not.toBeNull();

    const revoked = await server.gql(`mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { revokedAt } } }`, { input: { id: apiKey.id } });
    expect(revoked.data!.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    expect(await codeOf(withKey)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses writes to read-only roles and the audit log to roles without it, with FORBIDDEN', async () => {
    const root = toGlobalId('Organization', 1);
    const analyst = bearer(await tokenFor(Role.ANALYST, root));
    const system = bearer(await tokenFor(Role.SYSTEM, root));
    const mutation = `mutation { updateOrganization(input: { id: "${root}", unitName: "改名" }) { organization { id } } }`;
    expect(await codeOf(analyst, mutation)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(system, mutation)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(analyst, '{ changeEvents(first: 1) { totalCount } }')).toMatchObject({ code: 'FORBIDDEN' });
    expect((await codeOf(analyst)).code).toBeUndefined();
  });

  it('verifies RS256 tokens against a configured public key file and a JWKS file', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-keys-'));
    const pemFile = path.join(dir, 'public.pem');
    const jwksFile = path.join(dir, 'jwks.json');
    fs.writeFileSync(pemFile, await exportSPKI(publicKey));
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256', kid: 'k1' }] }));
    const token = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('rsa-user').setExpirationTime('1h').sign(privateKey);
    for (const auth of [{ jwtPublicKeyFile: pemFile }, { jwksFile }]) {
      const rsa = await startTestServer({ auth });
      try {
        const ok = await rsa.gql(QUERY, undefined, bearer(token));
        expect(ok.errors).toBeUndefined();
        const hs = await rsa.gql(QUERY, undefined, bearer(await tokenFor(Role.ADMIN)));
        expect(hs.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      } finally {
        await rsa.close();
      }
    }
  });

  it('in production, refuses introspection to anonymous callers', async () => {
    const production = await startTestServer({ production: true });
    try {
      const result = await production.gql('{ __schema { queryType { name } } }', undefined, { authorization: '' });
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const authenticated = await production.gql('{ __schema { queryType { name } } }');
      expect(authenticated.errors).toBeUndefined();
    } finally {
      await production.close();
    }
  });
});
