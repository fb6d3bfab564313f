import 'reflect-metadata';
import fs from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { adminToken } from '../test/harness';
import { startServiceProcess } from '../test/processes';
import { benchDatabase, flag, percentile } from './bench-database';

/**
 * `pnpm bench:subscriptions`: connects N graphql-ws subscribers to one service instance, commits
 * a stream of changes through the HTTP API, and reports delivery latency (from the committed
 * mutation's response to receipt) and events lost (every subscriber must get every event).
 */
async function main(): Promise<void> {
  const subscribers = flag('subscribers', 5000);
  const events = flag('events', 50);
  const rate = flag('rate', 5);
  const database = await benchDatabase('dangjian_bench_subscriptions');
  const service = await startServiceProcess({ DATABASE_URL: database.url, NODE_ENV: 'production' });
  const clients: Client[] = [];
  const received: Array<Map<string, number>> = [];
  try {
    const villages = await villageIds(service.url, Math.min(events, 50));
    const connectStarted = Date.now();
    await connectSubscribers(service.wsUrl, subscribers, clients, received);
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const committedAt = new Map<string, number>();
    for (let i = 0; i < events; i += 1) {
      const started = Date.now();
      const { sequence, committed } = await commitChange(service.url, villages[i % villages.length], i);
      committedAt.set(sequence, committed);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / rate - (Date.now() - started))));
    }
    await waitForDelivery(received, events, 30_000);
    report({ subscribers, events, rate, connectSeconds, committedAt, received, rss: serviceRss(service.process.pid!) });
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await service.stop();
    await database.stop();
  }
}

async function gql(url: string, query: string, variables?: unknown) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function villageIds(url: string, count: number): Promise<string[]> {
  const data = await gql(url, `query($n: Int) { organizations(first: $n, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }`, { n: count });
  return data.organizations.nodes.map((n: { id: string }) => n.id);
}

/** Commits one change; `committed` is when its response arrived, i.e. after the commit. */
async function commitChange(url: string, id: string, i: number): Promise<{ sequence: string; committed: number }> {
  await gql(url, 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }', {
    input: { id, unitName: `压测单位名称 ${i}` },
  });
  const committed = Date.now();
  const data = await gql(url, `query($id: ID!) { changeEvents(last: 1, filter: { entityId: $id }) { nodes { sequence } } }`, { id });
  return { sequence: data.changeEvents.nodes[0].sequence, committed };
}

async function connectSubscribers(wsUrl: string, count: number, clients: Client[], received: Array<Map<string, number>>) {
  const batch = 250;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, () => {
        const seen = new Map<string, number>();
        received.push(seen);
        return new Promise<void>((resolve, reject) => {
          const connectionParams = async () => ({ authorization: `Bearer ${await adminToken()}` });
          const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false, on: { connected: () => resolve(), error: reject } });
          clients.push(client);
          client.subscribe<{ changes: { sequence: string } }>(
            { query: 'subscription { changes(entityTypes: ["Organization"]) { sequence } }' },
            { next: (result) => result.data && seen.set(result.data.changes.sequence, Date.now()), error: reject, complete: () => undefined },
          );
        });
      }),
    );
  }
}

async function waitForDelivery(received: Array<Map<string, number>>, events: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && received.some((seen) => seen.size < events)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function serviceRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function report(run: {
  subscribers: number;
  events: number;
  rate: number;
  connectSeconds: number;
  committedAt: Map<string, number>;
  received: Array<Map<string, number>>;
  rss: number;
}) {
  const latencies: number[] = [];
  let lost = 0;
  for (const seen of run.received) {
    for (const [sequence, committed] of run.committedAt) {
      const at = seen.get(sequence);
      if (at === undefined) lost += 1;
      else latencies.push(Math.max(0, at - committed));
    }
  }
  latencies.sort((a, b) => a - b);
  console.log('\n订阅推送压测结果（pnpm bench:subscriptions）');
  console.table([
    {
      订阅者: run.subscribers,
      事件数: run.events,
      '写入速率(次/秒)': run.rate,
      应送达: run.subscribers * run.events,
      丢失: lost,
      'p50(ms)': percentile(latencies, 50),
      'p99(ms)': percentile(latencies, 99),
      'max(ms)': latencies[latencies.length - 1],
      '建连耗时(s)': run.connectSeconds.toFixed(1),
      '服务 RSS(MB)': run.rss.toFixed(0),
    },
  ]);
  if (lost > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
