/**
 * Redis (which only carries "the log has grown" signals between instances) is stopped and
 * started while changes are committed through instance A and watched on instance B. Polling is
 * set to a minute, so within the test only Redis can carry the signal.
 * - Redis up: B's subscriber hears A's commits at once.
 * - Redis down: writes still succeed; cross-instance delivery pauses; A reports not ready.
 * - Redis back: B reconnects, reads the log, and the subscriber catches up with everything it
 *   missed; delivery is live again. No event is lost, duplicated or reordered.
 */
import { encodeSequenceCursor } from '../../modules/change-feed/change-feed.loaders';
import { startTestServer, type TestServer } from '../harness';
import {
  delay,
  gql,
  loggedSequences,
  maxSequence,
  redisServerAvailable,
  RENAME,
  ResumableSubscriber,
  startInstance,
  startPrivateRedis,
  villageIds,
  type Instance,
  type PrivateRedis,
} from './topology';

if (!redisServerAvailable()) throw new Error('redis-server is not installed (Debian package redis-server)');

let database: TestServer;
let redis: PrivateRedis;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  database = await startTestServer();
  redis = await startPrivateRedis();
  const env = { DATABASE_URL: database.databaseUrl, REDIS_URL: redis.url, CHANGE_FEED_POLL_MS: '60000' };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
}, 90_000);

afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await redis?.destroy();
  await database?.close();
});

async function rename(id: string, name: string): Promise<void> {
  const result = await gql(a.url, RENAME, { input: { id, unitName: name } });
  expect(result.errors).toBeUndefined();
}

describe('Redis stopped and started', () => {
  it('pauses cross-instance delivery, then catches up from the log without losing an event', async () => {
    const villages = await villageIds(a.url, 3);
    const startSequence = await maxSequence(database.databaseUrl);
    const subscriber = new ResumableSubscriber(['Organization']);
    await subscriber.connect(b.wsUrl, encodeSequenceCursor(startSequence));
    await delay(200);

    // Redis up: delivered through the signal.
    let started = Date.now();
    for (const [i, id] of villages.entries()) await rename(id, `Redis 测试一 ${i}`);
    await subscriber.waitForSequence((await maxSequence(database.databaseUrl)), 5000);
    const liveMs = Date.now() - started;
    expect(subscriber.events.length).toBe(3);

    // Redis down: writes succeed, delivery to the other instance pauses.
    await redis.stop();
    await delay(300);
    for (const [i, id] of villages.entries()) await rename(id, `Redis 测试二 ${i}`);
    const ready = await fetch(`${a.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).checks.redis.ok).toBe(false);
    await delay(1500);
    expect(subscriber.events.length).toBe(3);

    // Redis back: B reconnects, reads the log and the subscriber catches up.
    started = Date.now();
    await redis.start();
    await subscriber.waitForSequence(await maxSequence(database.databaseUrl), 15_000);
    const catchUpMs = Date.now() - started;
    expect(subscriber.events.length).toBe(6);

    // And delivery is live again.
    await delay(500);
    started = Date.now();
    await rename(villages[0], 'Redis 测试三');
    await subscriber.waitForSequence(await maxSequence(database.databaseUrl), 5000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await fetch(`${a.base}/readyz`)).status).toBe(200);

    expect(subscriber.events.map((event) => Number(event.sequence))).toEqual(await loggedSequences(database.databaseUrl, startSequence));
    expect(subscriber.closeCodes).toEqual([]);
    await subscriber.close();
    console.log(`Redis outage: live delivery ${liveMs} ms; caught up ${catchUpMs} ms after Redis restarted; 7/7 events, in order`);
  }, 60_000);
});
