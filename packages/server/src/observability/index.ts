import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { HttpMiddleware } from '../http-middleware';
import Redis from 'ioredis';
import type { AppConfig } from '../config';
import type { ReplicaRoutingPostgreSqlDriver } from '../read-replicas';
import type { ChangeFeedHub } from '../modules/change-feed/change-feed.hub';
import { serializeError } from './logger';
import { httpRequests, registerLiveSource, registry } from './metrics';
import { directWriteBatcher } from '../common/direct-insert';

export { observabilityPlugin } from './graphql-plugin';
export { withDatabaseUnavailable } from './database-errors';

interface CheckResult {
  ok: boolean;
  ms?: number;
  error?: string;
  [key: string]: unknown;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超时（${ms} ms）`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short, value-free description of why a check failed (an error code, or the error's own message). */
function reason(error: unknown): string {
  const serialized = serializeError(error);
  return String(serialized.code ?? serialized.message ?? 'error');
}

async function timed(check: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = Date.now();
  try {
    const extra = (await check()) ?? {};
    return { ok: extra.ok !== false, ms: Date.now() - started, ...extra };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: reason(error) };
  }
}

export interface Observability {
  /** `/healthz`, `/readyz` and `/metrics`. */
  router: express.Router;
  /** Before the `/graphql` chain: per-route HTTP counts. */
  requestMiddleware: HttpMiddleware;
  /** SIGTERM received: `/readyz` answers 503 from now on. */
  beginDrain(): void;
  readonly draining: boolean;
  close(): Promise<void>;
}

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

/**
 * Health, readiness and metrics of one app instance.
 * - `/healthz`: the process is alive and its event loop answers (no dependencies checked).
 * - `/readyz`: PostgreSQL (and every replica) answers, no migration is pending, Redis answers
 *   when configured, and the instance is not shutting down; 503 with the failing checks otherwise.
 */
export function createObservability(options: {
  orm: MikroORM;
  config: AppConfig;
  hub: ChangeFeedHub;
  websocketConnections: () => number;
}): Observability {
  const { orm, config, hub } = options;
  let draining = false;
  let migrationsCurrent = false;
  const driver = orm.em.getDriver() as unknown as ReplicaRoutingPostgreSqlDriver;
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 })
    : undefined;
  redis?.on('error', () => undefined); // Reported by /readyz; the change feed logs Redis trouble itself.
  redis?.connect().catch(() => undefined);

  const unregister = registerLiveSource({
    subscriptions: () => hub.subscriberCount,
    websocketConnections: options.websocketConnections,
    lastSequence: () => hub.lastSequence,
    directWritesWaiting: () => directWriteBatcher(config).waiting,
    pools: () =>
      driver.allConnections().flatMap(({ name, connection }) => {
        const pool = (connection.getKnex().client as { pool?: TarnPool }).pool;
        if (!pool) return [];
        return [
          {
            pool: name,
            used: pool.numUsed(),
            free: pool.numFree(),
            pendingAcquires: pool.numPendingAcquires(),
            pendingCreates: pool.numPendingCreates(),
            max: pool.max,
          },
        ];
      }),
  });

  const checkDatabase = () =>
    Promise.all(
      driver.allConnections().map(async ({ name, connection }) => {
        const result = await timed(async () => {
          await withTimeout(connection.execute('select 1'), 2000, name);
        });
        return [name, result] as const;
      }),
    );

  const checkMigrations = () =>
    timed(async () => {
      if (migrationsCurrent) return {};
      const pending = await withTimeout(orm.getMigrator().getPendingMigrations(), 3000, 'migrations');
      migrationsCurrent = pending.length === 0;
      return migrationsCurrent ? {} : { ok: false, pending: pending.map((migration) => migration.name) };
    });

  const checkRedis = () =>
    timed(async () => {
      if (!redis) return { skipped: true };
      if (redis.status === 'wait' || redis.status === 'end') redis.connect().catch(() => undefined);
      await withTimeout(redis.ping(), 1000, 'redis');
    });

  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const [database, migrations, redisCheck] = await Promise.all([checkDatabase(), checkMigrations(), checkRedis()]);
    const checks: Record<string, CheckResult> = { ...Object.fromEntries(database.map(([name, result]) => [name === 'primary' ? 'database' : name, result])), migrations, redis: redisCheck };
    const ready = Object.values(checks).every((check) => check.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  if (config.metricsEnabled) {
    router.get('/metrics', async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    });
  }

  const requestMiddleware: HttpMiddleware = (req, res, next) => {
    const path = req.url?.split('?', 1)[0] ?? '';
    const route = KNOWN_ROUTES.has(path) ? path : '(other)';
    res.once('finish', () => httpRequests.inc({ route, method: req.method, status: String(res.statusCode) }));
    next();
  };

  return {
    router,
    requestMiddleware,
    beginDrain: () => {
      draining = true;
    },
    get draining() {
      return draining;
    },
    close: async () => {
      draining = true;
      unregister();
      redis?.disconnect();
    },
  };
}

interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}
