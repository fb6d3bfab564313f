/**
 * PostgreSQL crashes (immediate shutdown: no checkpoint, WAL recovery on restart) while a
 * service instance is under a mixed read/write load, and comes back on the same port.
 * - During the outage every request fails fast (no hang) with SERVICE_UNAVAILABLE / HTTP 503.
 * - The process does not crash, /readyz reports the database down, /healthz stays up.
 * - Once PostgreSQL is back the same process serves again within seconds.
 * - Every write that was acknowledged is in the database with its change event, and every
 *   touched entity's version matches its count of change events (nothing half-written); care
 *   visits (one-statement writes) are each stored once with one event.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { delay, gql, RENAME, seedDatabase, startInstance, startPrivatePostgres, villageIds, type Instance, type PrivatePostgres } from './topology';

let postgres: PrivatePostgres;
let databaseUrl: string;
let instance: Instance;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  databaseUrl = await seedDatabase(postgres, 'dangjian');
  // The load here is about the outage, not the per-credential rate limit.
  instance = await startInstance({ DATABASE_URL: databaseUrl, DATABASE_CONNECT_TIMEOUT_MS: '2000', CHANGE_FEED_POLL_MS: '200', RATE_LIMIT_PER_MINUTE: '1000000' });
}, 90_000);

afterAll(async () => {
  await instance?.stop('SIGKILL');
  await postgres?.destroy();
});

interface Outcome {
  kind: 'write' | 'read';
  requestId: string;
  ok: boolean;
  codes: string[];
  status: number | 'network';
  ms: number;
  at: number;
}

/** A care visit without 慰问金: a write answered by one statement (common/direct-insert.ts). */
const RECORD_VISIT = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';

const READS = [
  '{ organizations(first: 5, filter: { grassroots: true }) { totalCount nodes { id name } } }',
  '{ members(first: 3) { totalCount nodes { name organization { name } } } }',
];

describe('PostgreSQL restarted under load', () => {
  it('fails requests fast with SERVICE_UNAVAILABLE during the outage, recovers without a restart, and loses no acknowledged write', async () => {
    const villages = await villageIds(instance.url, 4);
    const client = new PgClient({ connectionString: databaseUrl });
    await client.connect();
    const versionsBefore = new Map<number, number>();
    const { rows: before } = await client.query('select id, version from organization');
    for (const row of before) versionsBefore.set(row.id, row.version);
    const { rows: startRows } = await client.query('select coalesce(max(sequence), 0)::int as last from change_event');
    const startSequence = Number(startRows[0].last);
    await client.end();

    const outcomes: Outcome[] = [];
    const acknowledged = new Set<string>();
    let running = true;
    const worker = async (index: number) => {
      for (let i = 0; running; i += 1) {
        const rename = index < villages.length;
        const visit = !rename && index < villages.length + 2;
        const write = rename || visit;
        const requestId = randomUUID();
        const started = Date.now();
        const headers = { 'x-request-id': requestId };
        try {
          const result = rename
            ? await gql(instance.url, RENAME, { input: { id: villages[index], unitName: `故障测试 ${index}-${i}` } }, headers)
            : visit
              ? await gql(instance.url, RECORD_VISIT, { input: { organizationId: villages[i % villages.length], recipientName: `故障慰问 ${index}-${i}`, recipientCategory: 'NEEDY_RESIDENT', method: 'PHONE', visitedAt: '2026-01-05' } }, headers)
              : await gql(instance.url, READS[i % READS.length], undefined, headers);
          const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
          const ok = !result.errors && result.status === 200;
          if (ok && write) acknowledged.add(requestId);
          outcomes.push({ kind: write ? 'write' : 'read', requestId, ok, codes, status: result.status, ms: Date.now() - started, at: started });
        } catch {
          outcomes.push({ kind: write ? 'write' : 'read', requestId, ok: false, codes: [], status: 'network', ms: Date.now() - started, at: started });
        }
        await delay(20);
      }
    };
    const workers = Array.from({ length: villages.length + 4 }, (_, i) => worker(i));

    await delay(1500);
    const downAt = Date.now();
    await postgres.stop('immediate');
    await delay(2500);

    const [health, ready] = await Promise.all([fetch(`${instance.base}/healthz`), fetch(`${instance.base}/readyz`)]);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).checks.database.ok).toBe(false);

    const upAt = Date.now();
    await postgres.start();
    const acceptingAt = Date.now();
    // Served again within seconds, by the same process.
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - upAt < 20_000) {
      await delay(100);
      recoveredAt = outcomes.find((o) => o.ok && o.at > upAt)?.at ?? 0;
    }
    await delay(1500);
    running = false;
    await Promise.all(workers);

    expect(instance.process.exitCode).toBeNull();
    expect(recoveredAt).toBeGreaterThan(0);
    // Within seconds of PostgreSQL accepting connections again (its crash recovery comes before that).
    const recoverySeconds = Math.max(0, recoveredAt - acceptingAt) / 1000;
    expect(recoverySeconds).toBeLessThan(10);

    const failures = outcomes.filter((o) => !o.ok);
    // Failures only among requests still in flight when PostgreSQL went down, or sent later.
    const duringOutage = failures.filter((o) => o.at + o.ms >= downAt);
    expect(failures.length).toBeGreaterThan(0);
    // Every failure is the coded one, answered quickly: no hang, no generic internal error.
    const uncoded = failures.filter((failure) => failure.status !== 503 || failure.codes.some((code) => code !== 'SERVICE_UNAVAILABLE'));
    if (uncoded.length) {
      const unexpected = instance.logs().filter((line) => line.level === 'error' && line.msg?.includes('unexpected'));
      throw new Error(`not coded SERVICE_UNAVAILABLE: ${JSON.stringify(uncoded.slice(0, 3))}\n${JSON.stringify(unexpected.slice(0, 3), null, 1)}`);
    }
    for (const failure of failures) {
      expect({ status: failure.status, codes: failure.codes }).toEqual({ status: 503, codes: expect.arrayContaining(['SERVICE_UNAVAILABLE']) });
      expect(new Set(failure.codes)).toEqual(new Set(['SERVICE_UNAVAILABLE']));
      expect(failure.ms).toBeLessThan(6000);
    }
    expect(duringOutage.length).toBe(failures.length);
    expect(outcomes.filter((o) => o.ok && o.at > recoveredAt).length).toBeGreaterThan(5);

    // Every acknowledged write is in the database with its change event.
    const check = new PgClient({ connectionString: databaseUrl });
    await check.connect();
    try {
      const { rows: logged } = await check.query('select request_id from change_event where sequence > $1', [startSequence]);
      const loggedIds = new Set(logged.map((row) => row.request_id));
      const missing = [...acknowledged].filter((id) => !loggedIds.has(id));
      expect(missing).toEqual([]);
      expect(acknowledged.size).toBeGreaterThan(10);
      // Care visits: each acknowledged one exactly once (a direct write is never retried after it may have committed).
      const { rows: visits } = await check.query(
        `select e.request_id, count(*)::int as events from change_event e where e.sequence > $1 and e.entity_type = 'CareVisit' group by e.request_id`,
        [startSequence],
      );
      expect(visits.length).toBeGreaterThan(5);
      expect(visits.filter((row) => row.events !== 1)).toEqual([]);
      const { rows: [{ rows: visitRows }] } = await check.query(`select count(*)::int as rows from care_visit where recipient_name like '故障慰问 %'`);
      expect(visitRows).toBe(visits.length);

      // Each renamed village: version advanced by exactly its number of UPDATE events, and its
      // name is the one its latest event recorded.
      const { rows } = await check.query(
        `select o.id, o.version, o.unit_name,
                (select count(*)::int from change_event e where e.entity_type = 'Organization' and e.entity_id = o.id and e.sequence > $1) as events,
                (select e.changes from change_event e where e.entity_type = 'Organization' and e.entity_id = o.id order by e.sequence desc limit 1) as last_changes
         from organization o where o.id = any($2)`,
        [startSequence, [...new Set(villages.map((id) => Number(Buffer.from(id, 'base64url').toString().split(':')[1])))]],
      );
      expect(rows.length).toBe(villages.length);
      for (const row of rows) {
        expect(row.version - versionsBefore.get(row.id)!).toBe(row.events);
        const unitName = (row.last_changes as Array<{ field: string; after: unknown }>).find((change) => change.field === 'unitName');
        expect(unitName?.after).toBe(row.unit_name);
      }
    } finally {
      await check.end();
    }

    // The outage was logged as coded warnings, without SQL.
    const warnings = instance.logs().filter((line) => line.msg?.includes('SERVICE_UNAVAILABLE'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(JSON.stringify(warnings)).not.toMatch(/update "organization"|故障测试/);
    console.log(
      `PostgreSQL outage: ${failures.length} requests failed with SERVICE_UNAVAILABLE (slowest ${Math.max(...failures.map((f) => f.ms))} ms); ` +
        `PostgreSQL took ${((acceptingAt - upAt) / 1000).toFixed(1)} s to recover and accept connections, the service served again ${recoverySeconds.toFixed(1)} s later; ` +
        `${acknowledged.size} acknowledged writes all present`,
    );
  }, 90_000);
});
