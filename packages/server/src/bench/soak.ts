import 'reflect-metadata';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import {
  delay,
  gql,
  nginxBinary,
  redisServerAvailable,
  RENAME,
  ResumableSubscriber,
  startInstance,
  startNginx,
  startPrivateRedis,
  type Instance,
  type PrivateRedis,
  type Proxy,
} from '../test/faults/topology';
import { benchDatabase, flag, percentile } from './bench-database';

/**
 * `pnpm soak`: the compose topology on loopback (nginx → two replicas, one PostgreSQL, one Redis)
 * under a steady mix of queries, mutations and change subscriptions for `--minutes` (10).
 * Halfway through, replica 2 gets SIGTERM and is started again (the one injected fault: a
 * rolling restart). Every 15 s it samples each replica's RSS and heap; at the end it checks that
 * every subscriber received every change exactly once, in order, and reports:
 * requests, errors outside the fault window (must be 0), latency, memory trend, events delivered.
 */
const RECORD = 'mutation($input: RecordVolunteerServiceInput!) { recordVolunteerService(input: $input) { service { id } } }';
const TYPES = ['Organization', 'VolunteerService'];

interface Sample {
  minute: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  subscriptions: number;
  replicas: Array<{ rssMb: number; heapMb: number } | null>;
}

async function main(): Promise<void> {
  const minutes = flag('minutes', 10);
  const queryWorkers = flag('query-workers', 4);
  const writeRate = flag('write-rate', 4);
  const subscriberCount = flag('subscribers', 40);
  const durationMs = minutes * 60_000;

  console.log(`soak: ${minutes} min, ${queryWorkers} query workers, ${writeRate} writes/s, ${subscriberCount} subscribers`);
  const database = await benchDatabase('dangjian_soak');
  let redis: PrivateRedis | undefined;
  const replicas: Instance[] = [];
  let proxy: Proxy | undefined;
  const entry = (i: number) => proxy?.url ?? replicas[i % 2].url;
  const wsEntry = (i: number) => proxy?.wsUrl ?? replicas[i % 2].wsUrl;
  const subscribers: ResumableSubscriber[] = [];
  try {
    redis = redisServerAvailable() ? await startPrivateRedis() : undefined;
    const env = {
      DATABASE_URL: database.url,
      ...(redis && { REDIS_URL: redis.url }),
      SHUTDOWN_DELAY_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      // A load test, not a test of the rate limiter.
      RATE_LIMIT_PER_MINUTE: '10000000',
    };
    replicas.push(...(await Promise.all([startInstance(env, undefined, { keepOutput: false }), startInstance(env, undefined, { keepOutput: false })])));
    proxy = nginxBinary() ? await startNginx([replicas[0].port, replicas[1].port]) : undefined;
    console.log(`soak: nginx ${proxy ? 'in front' : 'not installed: clients alternate replicas'}; Redis ${redis ? 'private' : 'none (polling)'}`);

    const organizations = await gql(entry(0), '{ organizations(first: 5) { nodes { id } } }');
    const rootIds: string[] = organizations.data.organizations.nodes.map((n: { id: string }) => n.id);
    const villages = await gql(entry(0), '{ organizations(first: 20, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }');
    const villageIds: string[] = villages.data.organizations.nodes.map((n: { id: string }) => n.id);
    const members = await gql(entry(0), '{ members(first: 3) { nodes { id } } }');
    const participantIds: string[] = members.data.members.nodes.map((n: { id: string }) => n.id);
    const startSequence = await lastSequence(database.url);

    for (let i = 0; i < subscriberCount; i += 1) {
      const subscriber = new ResumableSubscriber(TYPES);
      await subscriber.connect(wsEntry(i));
      subscribers.push(subscriber);
    }

    const queries: Array<[string, () => Record<string, unknown> | undefined]> = [
      ['query Totals { organizations(filter: { grassroots: true }) { totalCount } members { totalCount } }', () => undefined],
      [
        'query Subtree($id: ID!) { organization(id: $id) { name memberCount(includeDescendants: true) descendants(first: 10, filter: { unitTypes: [VILLAGE, COMMUNITY] }) { totalCount nodes { name villageGroupCount } } } }',
        () => ({ id: rootIds[Math.floor(Math.random() * rootIds.length)] }),
      ],
      ['query Members { members(first: 20, filter: { nameContains: "叶" }) { nodes { name phone organization { name ancestors { name } } } } }', () => undefined],
      ['query Recent { changeEvents(last: 10) { nodes { sequence entityType operation } } }', () => undefined],
      ['query Node($id: ID!) { node(id: $id) { id ... on Organization { name unitName } } }', () => ({ id: villageIds[Math.floor(Math.random() * villageIds.length)] })],
    ];

    const started = Date.now();
    const deadline = started + durationMs;
    let fault: { from: number; to: number } | undefined;
    const latencies: number[] = [];
    let window: number[] = [];
    let requests = 0;
    let windowRequests = 0;
    const errors: Array<{ at: number; detail: string }> = [];
    let windowErrors = 0;
    const record = async (run: () => Promise<{ errors?: unknown; status: number }>) => {
      const t0 = Date.now();
      try {
        const result = await run();
        if (result.errors || result.status !== 200) throw new Error(`${result.status} ${JSON.stringify(result.errors)}`);
      } catch (error) {
        errors.push({ at: t0, detail: String((error as Error).message ?? error).slice(0, 300) });
        windowErrors += 1;
      }
      const ms = Date.now() - t0;
      latencies.push(ms);
      window.push(ms);
      requests += 1;
      windowRequests += 1;
    };

    const queryWorker = async (index: number) => {
      for (let i = index; Date.now() < deadline; i += 1) {
        const [query, variables] = queries[i % queries.length];
        await record(() => gql(entry(i), query, variables()));
        await delay(10);
      }
    };
    const writer = async () => {
      for (let i = 0; Date.now() < deadline; i += 1) {
        const t0 = Date.now();
        const village = villageIds[i % villageIds.length];
        await record(() =>
          i % 2 === 0
            ? gql(entry(i), RENAME, { input: { id: village, unitName: `长稳测试 ${i}` } }, { 'idempotency-key': randomUUID() })
            : gql(entry(i), RECORD, {
                input: { organizationId: village, content: `长稳测试服务 ${i}`, location: '村委会', servedAt: '2025-01-01', durationMinutes: 30, participantIds },
              }),
        );
        await delay(Math.max(0, 1000 / writeRate - (Date.now() - t0)));
      }
    };
    // Subscribers whose connection closed (1012 during the restart) resume from their cursor.
    const resumer = async () => {
      while (Date.now() < deadline + 5000) {
        for (const [i, subscriber] of subscribers.entries()) {
          if (!subscriber.connected) await subscriber.resume(wsEntry(i)).catch(() => undefined);
        }
        await delay(250);
      }
    };
    const faultInjector = async () => {
      await delay(durationMs / 2);
      const from = Date.now();
      fault = { from, to: Number.POSITIVE_INFINITY };
      console.log(`soak: ${((from - started) / 60000).toFixed(1)} min — SIGTERM to replica 2 (rolling restart)`);
      const { code } = await replicas[1].stop('SIGTERM');
      replicas[1] = await replicas[1].restart();
      fault.to = Date.now();
      console.log(`soak: replica 2 exited ${code} and is serving again after ${((fault.to - from) / 1000).toFixed(1)} s`);
    };

    const samples: Sample[] = [];
    const sampler = async () => {
      while (Date.now() < deadline) {
        await delay(15_000);
        window.sort((x, y) => x - y);
        samples.push({
          minute: Number(((Date.now() - started) / 60000).toFixed(2)),
          requests: windowRequests,
          errors: windowErrors,
          p50: percentile(window, 50),
          p99: percentile(window, 99),
          subscriptions: subscribers.filter((s) => s.connected).length,
          replicas: await Promise.all(replicas.map((replica) => memoryOf(replica))),
        });
        window = [];
        windowRequests = 0;
        windowErrors = 0;
        const last = samples[samples.length - 1];
        console.log(
          `soak: ${last.minute.toFixed(1)} min  ${last.requests} req  ${last.errors} err  p50 ${last.p50} ms  p99 ${last.p99} ms  ` +
            last.replicas.map((r, i) => `r${i + 1} rss ${r?.rssMb ?? '-'} MB heap ${r?.heapMb ?? '-'} MB`).join('  '),
        );
      }
    };

    await Promise.all([
      ...Array.from({ length: queryWorkers }, (_, i) => queryWorker(i)),
      writer(),
      resumer(),
      faultInjector(),
      sampler(),
    ]);

    // Every subscriber has every event of its types, exactly once and in order.
    const expected = await loggedEvents(database.url, startSequence);
    const lastExpected = expected[expected.length - 1];
    let lost = 0;
    let misordered = 0;
    for (const subscriber of subscribers) {
      await subscriber.waitForSequence(lastExpected, 30_000).catch(() => undefined);
      const got = subscriber.events.map((event) => Number(event.sequence));
      const seen = new Set(got);
      lost += expected.filter((sequence) => !seen.has(sequence)).length;
      if (got.length !== expected.length || got.some((sequence, i) => sequence !== expected[i])) misordered += 1;
    }

    const faultWindow = fault ? { from: fault.from, to: fault.to + 5000 } : undefined;
    const outside = errors.filter((e) => !faultWindow || e.at < faultWindow.from || e.at > faultWindow.to);
    latencies.sort((x, y) => x - y);
    const steady = samples.filter((s) => s.minute >= 1);
    const first = steady[0]?.replicas[0];
    const lastSample = steady[steady.length - 1]?.replicas[0];
    const heapSlope = slope(steady.map((s) => [s.minute, s.replicas[0]?.heapMb ?? 0]));
    const rssSlope = slope(steady.map((s) => [s.minute, s.replicas[0]?.rssMb ?? 0]));
    const summary = {
      minutes,
      requests,
      requestsPerSecond: Number((requests / (durationMs / 1000)).toFixed(1)),
      errorsOutsideFault: outside.length,
      errorsDuringFault: errors.length - outside.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
      subscribers: subscribers.length,
      eventsLogged: expected.length,
      eventsDelivered: subscribers.reduce((total, s) => total + s.events.length, 0),
      eventsLost: lost,
      subscribersOutOfOrder: misordered,
      replica1RssMb: { after1min: first?.rssMb, end: lastSample?.rssMb, slopeMbPerMin: rssSlope },
      replica1HeapMb: { after1min: first?.heapMb, end: lastSample?.heapMb, slopeMbPerMin: heapSlope },
      closeCodes: [...new Set(subscribers.flatMap((s) => s.closeCodes))],
    };
    console.log('\nsoak summary');
    console.log(JSON.stringify(summary, null, 2));
    if (outside.length) console.log('errors outside the fault window:', outside.slice(0, 10));
    if (process.env.SOAK_REPORT) fs.writeFileSync(process.env.SOAK_REPORT, JSON.stringify({ summary, samples }, null, 2));
    if (outside.length || lost || misordered) process.exitCode = 1;
  } finally {
    await Promise.all(subscribers.map((s) => s.close()));
    await proxy?.stop();
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await redis?.destroy();
    await database.stop();
  }
}

async function memoryOf(replica: Instance): Promise<{ rssMb: number; heapMb: number } | null> {
  try {
    const status = fs.readFileSync(`/proc/${replica.process.pid}/status`, 'utf8');
    const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    const metrics = await (await fetch(`${replica.base}/metrics`)).text();
    const heap = Number(/^dangjian_nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? 0);
    return { rssMb, heapMb: Math.round(heap / 1024 / 1024) };
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return Number((num / den).toFixed(2));
}

async function lastSequence(url: string): Promise<number> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('select coalesce(max(sequence), 0) as last from change_event')).rows[0].last);
  } finally {
    await client.end();
  }
}

async function loggedEvents(url: string, after: number): Promise<number[]> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select sequence from change_event where sequence > $1 and entity_type = any($2) order by sequence', [after, TYPES]);
    return rows.map((row) => Number(row.sequence));
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
