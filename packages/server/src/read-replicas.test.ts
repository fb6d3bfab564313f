/**
 * DATABASE_REPLICA_URLS: read-only requests read from a replica; mutations, reads after a write
 * in the same request and subscriptions read from the primary. The "replica" here is a second
 * copy of the demo database whose data the test changes behind the service's back, so every
 * answer shows which database it came from.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client as PgClient } from 'pg';
import { createApp, type App } from './app';
import { loadConfig } from './config';
import { initOrm } from './database';
import { createSchema } from './schema';
import { databaseUrl, dropDatabase, withAdminClient } from './test/database';
import { adminToken, startTestServer, TEST_JWT_SECRET, type TestServer } from './test/harness';
import { subscribe } from './test/ws-client';

let primary: TestServer;
let replicaUrl: string;
let orm: MikroORM;
let app: App;
let url: string;
let wsUrl: string;
let village: string;
let villageId: number;
const replicaDatabase = `dangjian_test_replica_${process.pid}`;

async function sql(target: string, text: string, params: unknown[] = []) {
  const client = new PgClient({ connectionString: target });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function gql(query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  primary = await startTestServer();
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`drop database if exists "${replicaDatabase}"`);
    await client.query(`create database "${replicaDatabase}" template "${process.env.TEST_TEMPLATE_DATABASE}"`);
  });
  replicaUrl = databaseUrl(serverUrl, replicaDatabase);
  const found = await primary.gql('{ organizations(first: 1, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }');
  village = found.data!.organizations.nodes[0].id;
  villageId = Number(Buffer.from(village, 'base64url').toString().split(':')[1]);
  await sql(replicaUrl, 'update organization set unit_name = $1 where id = $2', ['副本中的名称', villageId]);

  orm = await initOrm(primary.databaseUrl, { replicaUrls: [replicaUrl] });
  app = await createApp(orm, await createSchema(), { ...loadConfig(), auth: { jwtSecret: TEST_JWT_SECRET }, databaseReplicaUrls: [replicaUrl] });
  const port = await app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});

afterAll(async () => {
  await app?.close();
  await orm?.close();
  await dropDatabase(process.env.TEST_DATABASE_SERVER_URL!, replicaDatabase);
  await primary?.close();
});

describe('read replicas', () => {
  it('answers read-only queries from the replica, both entity lookups and list queries', async () => {
    const data = await gql(
      'query($id: ID!) { node(id: $id) { ... on Organization { unitName } } organizations(first: 1, filter: { unitTypes: [VILLAGE] }) { nodes { unitName } } }',
      { id: village },
    );
    expect(data.node.unitName).toBe('副本中的名称');
    expect(data.organizations.nodes[0].unitName).toBe('副本中的名称');
  });

  it('writes to the primary and reads the mutation payload from it (read-after-write)', async () => {
    const data = await gql('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { unitName } } }', {
      input: { id: village, unitName: '主库新名称' },
    });
    expect(data.updateOrganization.organization.unitName).toBe('主库新名称');
    expect((await sql(primary.databaseUrl, 'select unit_name from organization where id = $1', [villageId]))[0].unit_name).toBe('主库新名称');
    expect((await sql(replicaUrl, 'select unit_name from organization where id = $1', [villageId]))[0].unit_name).toBe('副本中的名称');
    // A later read-only request still reads the (here: never-catching-up) replica.
    const after = await gql('query($id: ID!) { node(id: $id) { ... on Organization { unitName } } }', { id: village });
    expect(after.node.unitName).toBe('副本中的名称');
  });

  it('resolves subscription events against the primary', async () => {
    const subscriber = subscribe(wsUrl, `subscription { changes(entityTypes: ["Organization"]) { sequence entity { ... on Organization { unitName } } } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gql('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }', {
      input: { id: village, unitName: '订阅看到主库' },
    });
    const [event] = await subscriber.waitFor(1);
    expect((event as unknown as { entity: { unitName: string } }).entity.unitName).toBe('订阅看到主库');
    await subscriber.close();
  });

  it('checks every replica for readiness and reports each pool in the metrics', async () => {
    const base = url.replace(/\/graphql$/, '');
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.checks.database.ok).toBe(true);
    expect(ready.checks['replica-1'].ok).toBe(true);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/dangjian_db_pool_max\{pool="replica-1"\} 10/);
  });
});
