import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process, served at `/metrics`. Names start with `dangjian_`;
 * label values are bounded (operation names are capped, see `operationLabel`).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'dangjian_' });

export const graphqlRequests = new Counter({
  name: 'dangjian_graphql_requests_total',
  help: 'GraphQL operations by operation name, type, transport and outcome (ok, partial, error)',
  labelNames: ['operation', 'type', 'transport', 'outcome'] as const,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'dangjian_graphql_errors_total',
  help: 'Errors returned to clients, by extensions.code',
  labelNames: ['code', 'transport'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'dangjian_graphql_request_duration_seconds',
  help: 'Latency of GraphQL queries and mutations (subscriptions are not timed) by operation name and type',
  labelNames: ['operation', 'type', 'transport'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const compiledReads = new Counter({
  name: 'dangjian_compiled_reads_total',
  help: 'Queries by how they were answered: one compiled statement (compiled), the resolvers (resolvers), or the resolvers after the compiled statement failed (failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const directWrites = new Counter({
  name: 'dangjian_direct_writes_total',
  help: 'One-statement writes by outcome: written, declined (a check failed, the ORM path explains it) or rejected (the database refused the statement, the ORM path ran)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const directWriteBatchRows = new Histogram({
  name: 'dangjian_direct_write_batch_rows',
  help: 'Rows per one-statement write: inserts that waited for a place go to the database together, in one statement and one commit',
  buckets: [1, 2, 4, 8, 16, 32, 64, 100],
  registers: [registry],
});

export const httpRequests = new Counter({
  name: 'dangjian_http_requests_total',
  help: 'HTTP requests by route and status code',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

/**
 * Requests refused by rate limiting. Whoever refuses a request increments it:
 * `rateLimitRefusals.inc({ limit: 'per-credential' })`.
 */
export const rateLimitRefusals = new Counter({
  name: 'dangjian_rate_limit_refusals_total',
  help: 'Requests refused by rate limiting, by the limit that refused them',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const changeEventsDelivered = new Counter({
  name: 'dangjian_change_events_delivered_total',
  help: 'Change events sent to subscribers (one per event per subscription: the fan-out)',
  registers: [registry],
});

export const databaseUnavailable = new Counter({
  name: 'dangjian_database_unavailable_errors_total',
  help: 'Operations that failed because PostgreSQL was unreachable (answered with SERVICE_UNAVAILABLE)',
  registers: [registry],
});

export const websocketClosedForRestart = new Counter({
  name: 'dangjian_websocket_closed_for_restart_total',
  help: 'WebSocket connections closed with 1012 (Service Restart) during a graceful shutdown',
  registers: [registry],
});

/** Live values read at scrape time from every registered source (one per app in this process). */
export interface LiveSource {
  subscriptions(): number;
  websocketConnections(): number;
  lastSequence(): number;
  directWritesWaiting(): number;
  pools(): Array<{ pool: string; used: number; free: number; pendingAcquires: number; pendingCreates: number; max: number }>;
}

const sources = new Set<LiveSource>();

export function registerLiveSource(source: LiveSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

const sum = (pick: (source: LiveSource) => number) => [...sources].reduce((total, source) => total + pick(source), 0);

new Gauge({
  name: 'dangjian_subscriptions_active',
  help: 'Change subscriptions currently open',
  registers: [registry],
  collect() {
    this.set(sum((source) => source.subscriptions()));
  },
});

new Gauge({
  name: 'dangjian_websocket_connections',
  help: 'graphql-ws connections currently open',
  registers: [registry],
  collect() {
    this.set(sum((source) => source.websocketConnections()));
  },
});

new Gauge({
  name: 'dangjian_change_feed_last_sequence',
  help: 'Highest change-log sequence this instance has fanned out',
  registers: [registry],
  collect() {
    this.set(Math.max(0, ...[...sources].map((source) => source.lastSequence())));
  },
});

new Gauge({
  name: 'dangjian_direct_writes_waiting',
  help: 'One-statement writes waiting in the process for their turn in the database (DIRECT_WRITE_CONCURRENCY)',
  registers: [registry],
  collect() {
    this.set(sum((source) => source.directWritesWaiting()));
  },
});

new Gauge({
  name: 'dangjian_db_pool_connections',
  help: 'Database connection pool: connections in use, idle, being created, and requests waiting for one',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const source of sources) {
      for (const pool of source.pools()) {
        this.inc({ pool: pool.pool, state: 'used' }, pool.used);
        this.inc({ pool: pool.pool, state: 'free' }, pool.free);
        this.inc({ pool: pool.pool, state: 'pending_acquire' }, pool.pendingAcquires);
        this.inc({ pool: pool.pool, state: 'pending_create' }, pool.pendingCreates);
      }
    }
  },
});

new Gauge({
  name: 'dangjian_db_pool_max',
  help: 'Configured maximum size of each database connection pool',
  labelNames: ['pool'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const source of sources) for (const pool of source.pools()) this.inc({ pool: pool.pool }, pool.max);
  },
});

const MAX_OPERATION_LABELS = 200;
const operationNames = new Set<string>();

/**
 * Operation names come from clients; past a few hundred distinct names they are counted as
 * `(other)` so a client cannot grow the metrics without bound.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_LABELS || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return '(other)';
  operationNames.add(name);
  return name;
}
