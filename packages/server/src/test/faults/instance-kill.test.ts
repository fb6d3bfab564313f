/**
 * One of two service instances is killed with SIGKILL in the middle of concurrent writes.
 * - Nothing is half-written: every volunteer service has all its participations and one change
 *   event per row; every change event has its row; each renamed organization's version grew by
 *   exactly its number of change events.
 * - Every write acknowledged before or after the kill is in the log.
 * - Subscribers of the killed instance resume on the other one from their last cursor and,
 *   like the subscribers that stayed, receive every event exactly once and in order.
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
  redisServerAvailable,
  RENAME,
  ResumableSubscriber,
  startInstance,
  startPrivateRedis,
  villageIds,
  type Instance,
  type PrivateRedis,
} from './topology';

const TYPES = ['Organization', 'VolunteerService'];
const RECORD = 'mutation($input: RecordVolunteerServiceInput!) { recordVolunteerService(input: $input) { service { id } } }';

let database: TestServer;
let redis: PrivateRedis | undefined;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  // The in-process server only provides the cloned database; the instances under test are processes.
  database = await startTestServer();
  redis = redisServerAvailable() ? await startPrivateRedis() : undefined;
  const env = { DATABASE_URL: database.databaseUrl, CHANGE_FEED_POLL_MS: '300', ...(redis && { REDIS_URL: redis.url }) };
  [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
}, 90_000);

afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await redis?.destroy();
  await database?.close();
});

const decode = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

describe('a service instance killed with SIGKILL during concurrent writes', () => {
  it('leaves no half-written entity or orphan event, and resumed subscribers miss nothing', async () => {
    const villages = await villageIds(b.url, 6);
    const members = await gql(b.url, '{ members(first: 3) { nodes { id } } }');
    const participantIds: string[] = members.data.members.nodes.map((node: { id: string }) => node.id);
    const startSequence = await maxSequence(database.databaseUrl);
    const pg = new PgClient({ connectionString: database.databaseUrl });
    await pg.connect();
    const { rows: before } = await pg.query('select id, version from organization where id = any($1)', [villages.map(decode)]);
    const versionsBefore = new Map(before.map((row) => [row.id, row.version]));

    const onA = [new ResumableSubscriber(TYPES), new ResumableSubscriber(TYPES), new ResumableSubscriber(TYPES)];
    const onB = [new ResumableSubscriber(TYPES), new ResumableSubscriber(TYPES)];
    // From a cursor, as a downstream system subscribes: "connected" does not yet mean "subscribed",
    // and a live-only subscription would rightly miss writes committed in between.
    const from = encodeSequenceCursor(startSequence);
    await Promise.all([...onA.map((s) => s.connect(a.wsUrl, from)), ...onB.map((s) => s.connect(b.wsUrl, from))]);

    const acknowledged = new Set<string>();
    let networkFailures = 0;
    let otherFailures: unknown[] = [];
    let running = true;
    const writer = async (index: number) => {
      for (let i = 0; running; i += 1) {
        // Writers alternate instances; once A is gone, everything goes to B.
        const target = a.process.exitCode === null && a.process.signalCode === null && i % 2 === 0 ? a : b;
        const requestId = randomUUID();
        const village = villages[index % villages.length];
        const [query, input] =
          index % 2 === 0
            ? [RENAME, { id: village, unitName: `强杀测试 ${index}-${i}` }]
            : [RECORD, { organizationId: village, content: `强杀测试服务 ${index}-${i}`, location: '村委会', servedAt: '2025-01-01', durationMinutes: 60, participantIds }];
        try {
          const result = await gql(target.url, query, { input }, { 'x-request-id': requestId });
          if (!result.errors && result.status === 200) acknowledged.add(requestId);
          else otherFailures.push(result.errors);
        } catch {
          networkFailures += 1; // The killed instance's in-flight requests: the client cannot know their outcome.
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, i) => writer(i));

    await delay(1500);
    const killed = await a.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    await delay(200);
    for (const subscriber of onA) {
      expect(subscriber.connected).toBe(false);
      await subscriber.resume(b.wsUrl);
    }
    await delay(1500);
    running = false;
    await Promise.all(writers);
    otherFailures = otherFailures.filter(Boolean);
    expect(otherFailures).toEqual([]);

    const expected = await loggedSequences(database.databaseUrl, startSequence, 'Organization');
    expected.push(...(await loggedSequences(database.databaseUrl, startSequence, 'VolunteerService')));
    expected.sort((x, y) => x - y);
    const last = expected[expected.length - 1];
    for (const subscriber of [...onA, ...onB]) {
      await subscriber.waitForSequence(last);
      expect(subscriber.events.map((event) => Number(event.sequence))).toEqual(expected);
      await subscriber.close();
    }

    try {
      // Every acknowledged write is logged.
      const { rows: logged } = await pg.query('select distinct request_id from change_event where sequence > $1', [startSequence]);
      const loggedIds = new Set(logged.map((row) => row.request_id));
      expect([...acknowledged].filter((id) => !loggedIds.has(id))).toEqual([]);
      expect(acknowledged.size).toBeGreaterThan(20);

      // Services: all or nothing, with one event per row, and no event without its row.
      const { rows: services } = await pg.query(
        `select s.id,
                (select count(*)::int from volunteer_participation p where p.service_id = s.id) as participations,
                (select count(*)::int from change_event e where e.entity_type = 'VolunteerService' and e.entity_id = s.id) as service_events,
                (select count(*)::int from change_event e join volunteer_participation p on p.id = e.entity_id
                  where e.entity_type = 'VolunteerParticipation' and p.service_id = s.id) as participation_events
         from volunteer_service s where s.content like '强杀测试服务%'`,
      );
      expect(services.length).toBeGreaterThan(5);
      for (const service of services) expect(service).toEqual({ id: service.id, participations: 3, service_events: 1, participation_events: 3 });
      const { rows: orphans } = await pg.query(
        `select e.sequence from change_event e
         where e.sequence > $1 and e.operation <> 'DELETE' and (
           (e.entity_type = 'VolunteerService' and not exists (select 1 from volunteer_service s where s.id = e.entity_id)) or
           (e.entity_type = 'VolunteerParticipation' and not exists (select 1 from volunteer_participation p where p.id = e.entity_id)) or
           (e.entity_type = 'Organization' and not exists (select 1 from organization o where o.id = e.entity_id)))`,
        [startSequence],
      );
      expect(orphans).toEqual([]);

      // Renames: the version grew by exactly the number of logged updates.
      const { rows: after } = await pg.query(
        `select o.id, o.version,
                (select count(*)::int from change_event e where e.entity_type = 'Organization' and e.entity_id = o.id and e.sequence > $2) as events
         from organization o where o.id = any($1)`,
        [villages.map(decode), startSequence],
      );
      for (const row of after) expect(row.version - versionsBefore.get(row.id)).toBe(row.events);
    } finally {
      await pg.end();
    }
    console.log(
      `SIGKILL during writes: ${acknowledged.size} acknowledged writes all logged, ${networkFailures} in-flight requests lost with the process; ` +
        `${onA.length + onB.length} subscribers received all ${expected.length} events in order`,
    );
  }, 90_000);
});
