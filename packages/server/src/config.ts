import path from 'node:path';

/** Repository root, used for the embedded database folder and the emitted schema. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface AppConfig {
  port: number;
  /** Unset means: start an embedded PostgreSQL under `.data/`. */
  databaseUrl?: string;
  embeddedDataDir: string;
  maxPageSize: number;
  defaultPageSize: number;
  production: boolean;
  /** Adds `extensions.sqlStatements` to responses; for tests and benchmarks. */
  exposeSqlCount: boolean;
  /** Unset means change signals stay inside this process (other instances still see changes by polling). */
  redisUrl?: string;
  /** How often the change log is read without any signal. */
  changeFeedPollMs: number;
  /** Undelivered events a subscriber may accumulate before it is told to resume later. */
  subscriptionBufferLimit: number;
  /** Interval of WebSocket pings that keep idle subscriptions alive through proxies. */
  keepAliveMs: number;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`环境变量 ${name} 必须是非负整数，当前值为 "${raw}"`);
  }
  return value;
}

export function loadConfig(): AppConfig {
  return {
    port: intFromEnv('PORT', 4000),
    databaseUrl: process.env.DATABASE_URL || undefined,
    embeddedDataDir: process.env.EMBEDDED_PG_DIR || path.join(REPO_ROOT, '.data', 'postgres'),
    maxPageSize: intFromEnv('MAX_PAGE_SIZE', 100),
    defaultPageSize: intFromEnv('DEFAULT_PAGE_SIZE', 20),
    production: process.env.NODE_ENV === 'production',
    exposeSqlCount: process.env.EXPOSE_SQL_COUNT === '1',
    redisUrl: process.env.REDIS_URL || undefined,
    changeFeedPollMs: intFromEnv('CHANGE_FEED_POLL_MS', 1000),
    subscriptionBufferLimit: intFromEnv('SUBSCRIPTION_BUFFER_LIMIT', 1000),
    keepAliveMs: intFromEnv('WS_KEEPALIVE_MS', 15000),
  };
}
