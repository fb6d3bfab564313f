import { adminToken, startTestServer, type TestServer } from '../../test/harness';
import { startServiceProcess, type ServiceProcess } from '../../test/processes';
import { EVENT_FIELDS, subscribe } from '../../test/ws-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestServer;
let villages: string[];
beforeAll(async () => {
  // The in-process server only provides the cloned database; the instances under test are processes.
  database = await startTestServer();
  const found = await database.gql(`{ organizations(first: 3, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }`);
  villages = found.data!.organizations.nodes.map((n: { id: string }) => n.id);
});
afterAll(() => database.close());

async function rename(url: string, id: string, name: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
    body: JSON.stringify({
      query: 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }',
      variables: { input: { id, unitName: name } },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
}

async function withInstances(env: Record<string, string>, run: (a: ServiceProcess, b: ServiceProcess) => Promise<void>) {
  const common = { DATABASE_URL: database.databaseUrl, ...env };
  const a = await startServiceProcess(common);
  const b = await startServiceProcess(common);
  try {
    await run(a, b);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

const CHANGES = `subscription { changes(entityTypes: ["Organization"]) { ${EVENT_FIELDS} } }`;

describe('change delivery across service instances', () => {
  it('delivers a change committed through one instance to a subscriber of another, through Redis', async () => {
    // Polling is turned down to a minute: only the Redis signal can deliver within the test.
    await withInstances({ REDIS_URL, CHANGE_FEED_POLL_MS: '60000' }, async (a, b) => {
      const subscriber = subscribe(b.wsUrl, CHANGES);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await rename(a.url, villages[0], '跨实例测试一');
      await rename(a.url, villages[1], '跨实例测试二');
      const events = await subscriber.waitFor(2, 5000);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(events.map((e) => e.entityId)).toEqual([villages[0], villages[1]]);
      expect(Number(events[1].sequence)).toBe(Number(events[0].sequence) + 1);
      await subscriber.close();
    });
  });

  it('still delivers every event, later, when Redis is unreachable', async () => {
    await withInstances({ REDIS_URL: 'redis://127.0.0.1:1', CHANGE_FEED_POLL_MS: '500' }, async (a, b) => {
      const subscriber = subscribe(b.wsUrl, CHANGES);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const [i, id] of villages.entries()) await rename(a.url, id, `无 Redis 测试 ${i}`);
      const events = await subscriber.waitFor(villages.length, 8000);
      expect(events.map((e) => e.entityId)).toEqual(villages);
      await subscriber.close();
    });
  });
});
