/**
 * The compose topology on loopback: nginx (docker/nginx/nginx.conf) in front of two service
 * replicas, one PostgreSQL, one Redis. Then one replica gets SIGTERM, as `docker compose` or an
 * orchestrator sends it on a deploy.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { encodeSequenceCursor } from '../../modules/change-feed/change-feed.loaders';
import { startTestServer, type TestServer } from '../harness';
import {
  delay,
  gql,
  loggedSequences,
  maxSequence,
  nginxBinary,
  redisServerAvailable,
  RENAME,
  ResumableSubscriber,
  startInstance,
  startNginx,
  startPrivateRedis,
  until,
  villageIds,
  type Instance,
  type PrivateRedis,
  type Proxy,
} from './topology';

if (!nginxBinary()) throw new Error('nginx is not installed: apt-get install nginx (.ci/run installs it when missing)');

let database: TestServer;
let redis: PrivateRedis | undefined;
let a: Instance;
let b: Instance;
let proxy: Proxy;
let villages: string[];

const SHUTDOWN_TIMEOUT_MS = 6000;

beforeAll(async () => {
  database = await startTestServer();
  redis = redisServerAvailable() ? await startPrivateRedis() : undefined;
  const env = {
    DATABASE_URL: database.databaseUrl,
    CHANGE_FEED_POLL_MS: '500',
    SHUTDOWN_DELAY_MS: '1000',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    ...(redis && { REDIS_URL: redis.url }),
  };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  proxy = await startNginx([a.port, b.port]);
  villages = await villageIds(proxy.url, 3);
}, 90_000);

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await redis?.destroy();
  await database?.close();
});

async function lockOrganization(globalId: string): Promise<PgClient> {
  const client = new PgClient({ connectionString: database.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from organization where id = $1 for update', [Number(Buffer.from(globalId, 'base64url').toString().split(':')[1])]);
  return client;
}

describe('nginx in front of two replicas', () => {
  it('spreads requests over both replicas with one request id end to end, passes WebSocket upgrades and hides /metrics', async () => {
    const ids = Array.from({ length: 8 }, () => randomUUID());
    for (const id of ids) {
      const result = await gql(proxy.url, '{ organizations(first: 1) { totalCount } }', undefined, { 'x-request-id': id });
      expect(result.errors).toBeUndefined();
      expect(result.headers.get('x-request-id')).toBe(id);
    }
    await delay(100);
    const servedBy = (instance: Instance) => ids.filter((id) => instance.logs().some((line) => line.requestId === id && line.msg === 'graphql operation'));
    expect(servedBy(a).length).toBeGreaterThan(0);
    expect(servedBy(b).length).toBeGreaterThan(0);
    expect(servedBy(a).length + servedBy(b).length).toBe(ids.length);
    // nginx logs the same id (JSON access log).
    expect(proxy.accessLog()).toContain(`"request_id":"${ids[0]}"`);

    const startSequence = await maxSequence(database.databaseUrl);
    const subscriber = new ResumableSubscriber(['Organization']);
    await subscriber.connect(proxy.wsUrl, encodeSequenceCursor(startSequence));
    const result = await gql(proxy.url, RENAME, { input: { id: villages[0], unitName: '经代理订阅测试' } });
    expect(result.errors).toBeUndefined();
    await subscriber.waitForSequence(startSequence + 1);
    expect(subscriber.events[0].entityId).toBe(villages[0]);
    await subscriber.close();

    expect((await fetch(`${proxy.base}/metrics`)).status).toBe(404);
    expect((await fetch(`${proxy.base}/readyz`)).status).toBe(200);
    expect((await fetch(`${proxy.base}/nginx-health`)).status).toBe(200);
  });

  it('on SIGTERM turns unready, finishes in-flight work, closes subscriptions with 1012 for resuming elsewhere, and exits in time; clients behind nginx see no error', async () => {
    const startSequence = await maxSequence(database.databaseUrl);
    const direct = [new ResumableSubscriber(['Organization']), new ResumableSubscriber(['Organization'])];
    const proxied = [new ResumableSubscriber(['Organization']), new ResumableSubscriber(['Organization'])];
    const from = encodeSequenceCursor(startSequence);
    await Promise.all([...direct.map((s) => s.connect(a.wsUrl, from)), ...proxied.map((s) => s.connect(proxy.wsUrl, from))]);
    await gql(proxy.url, RENAME, { input: { id: villages[1], unitName: '停机前' } });

    // A mutation in flight on A: it waits for a row lock the test holds.
    const lock = await lockOrganization(villages[0]);
    const inFlight = gql(a.url, RENAME, { input: { id: villages[0], unitName: '停机时仍在处理' } });
    await delay(300);

    // Clients of the proxy keep working the whole time.
    let proxyRunning = true;
    const proxyOutcomes: Array<{ ok: boolean; detail?: unknown }> = [];
    const proxyLoad = (async () => {
      for (let i = 0; proxyRunning; i += 1) {
        try {
          const query = i % 4 === 0 ? gql(proxy.url, RENAME, { input: { id: villages[2], unitName: `停机期间 ${i}` } }) : gql(proxy.url, '{ members(first: 1) { totalCount } }');
          const result = await query;
          proxyOutcomes.push({ ok: !result.errors && result.status === 200, detail: result.errors ?? result.status });
        } catch (error) {
          proxyOutcomes.push({ ok: false, detail: String(error) });
        }
        await delay(25);
      }
    })();

    const signalledAt = Date.now();
    const exited = a.stop('SIGTERM');
    // For SHUTDOWN_DELAY_MS it still serves, but tells load balancers it is going.
    const draining = await until('readyz draining', 1000, async () => {
      const response = await fetch(`${a.base}/readyz`);
      return response.status === 503 && ((await response.json()) as { status: string }).status === 'draining';
    });
    expect(draining).toBe(true);
    expect((await fetch(`${a.base}/healthz`)).status).toBe(200);

    // Then the listener is closed: new connections are refused; WebSockets are closed with 1012.
    await until('new connections refused', 5000, () => fetch(`${a.base}/healthz`).then(() => false, () => true));
    await until('subscriptions closed', 5000, async () => direct.every((subscriber) => subscriber.closeCodes.length > 0));
    for (const subscriber of direct) expect(subscriber.closeCodes).toEqual([1012]);
    // The in-flight mutation has not been cut off: release the lock and it completes.
    await delay(200);
    await lock.query('commit');
    await lock.end();
    const finished = await inFlight;
    expect(finished.errors).toBeUndefined();
    expect(finished.data.updateOrganization.organization.name).toBeDefined();

    const { code } = await exited;
    const shutdownMs = Date.now() - signalledAt;
    expect(code).toBe(0);
    expect(shutdownMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(a.logs().some((line) => line.msg === '服务已停止')).toBe(true);

    // Subscribers told to restart resume through the proxy (landing on B) from their cursor.
    for (const subscriber of [...direct, ...proxied]) {
      if (!subscriber.connected) await subscriber.resume(proxy.wsUrl);
    }
    await gql(proxy.url, RENAME, { input: { id: villages[1], unitName: '停机后' } });
    proxyRunning = false;
    await proxyLoad;
    expect(proxyOutcomes.filter((o) => !o.ok)).toEqual([]);
    expect(proxyOutcomes.length).toBeGreaterThan(3);

    const expected = await loggedSequences(database.databaseUrl, startSequence);
    for (const subscriber of [...direct, ...proxied]) {
      await subscriber.waitForSequence(expected[expected.length - 1]);
      expect(subscriber.events.map((event) => Number(event.sequence))).toEqual(expected);
      await subscriber.close();
    }
    console.log(
      `SIGTERM: exited 0 after ${shutdownMs} ms (SHUTDOWN_DELAY_MS 1000); in-flight mutation completed; ${direct.length} direct subscribers closed with 1012 and resumed; ` +
        `${proxyOutcomes.length} requests through nginx meanwhile, 0 failed; ${expected.length} events delivered to every subscriber`,
    );
    a = await a.restart();
  }, 60_000);

  it('exits within SHUTDOWN_TIMEOUT_MS even when an in-flight request never finishes', async () => {
    const lock = await lockOrganization(villages[0]);
    try {
      const inFlight = gql(a.url, RENAME, { input: { id: villages[0], unitName: '永不完成' } }).catch((error) => ({ error }));
      await delay(300);
      const signalledAt = Date.now();
      const { code } = await a.stop('SIGTERM');
      const elapsed = Date.now() - signalledAt;
      expect(elapsed).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1000);
      expect([0, 1]).toContain(code);
      await inFlight;
    } finally {
      await lock.query('rollback');
      await lock.end();
    }
  }, 30_000);
});
