import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { LOG_LEVELS, type LogLevel } from './observability/logger';

/** Repository root, used for the embedded database folder and the emitted schema. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface AppConfig {
  port: number;
  /** Listen address (HOST). */
  host: string;
  /** Read replicas (DATABASE_REPLICA_URLS, comma-separated): read-only requests may read from them. */
  databaseReplicaUrls: string[];
  /** Connections per pool (primary, and each replica). */
  databasePoolMax: number;
  /** Opening a database connection fails after this long (the request then fails with SERVICE_UNAVAILABLE). */
  databaseConnectTimeoutMs: number;
  /** Apply pending migrations at start-up (under an advisory lock, so replicas may start together). */
  migrateOnStart: boolean;
  logLevel: LogLevel;
  /** `json` (one object per line) or `pretty` (for a terminal during development). */
  logFormat: 'json' | 'pretty';
  /** Serve Prometheus metrics at /metrics. */
  metricsEnabled: boolean;
  /** After SIGTERM the process exits within this time, finished or not. */
  shutdownTimeoutMs: number;
  /** After SIGTERM, /readyz answers 503 for this long before the listener closes (for load balancers). */
  shutdownDelayMs: number;
  /** Unset means: start an embedded PostgreSQL under `.data/`. */
  databaseUrl?: string;
  embeddedDataDir: string;
  maxPageSize: number;
  defaultPageSize: number;
  production: boolean;
  /** Adds `extensions.sqlStatements` to responses; for tests and benchmarks. */
  exposeSqlCount: boolean;
  /** Queries read only the columns their document names (common/row-plan.ts); off reads whole rows. */
  readProjection: boolean;
  /** Queries whose every field has an SQL form are answered by one statement (common/compiled-read.ts); off runs resolvers. */
  compiledReads: boolean;
  /** Mutations with a one-statement path use it for their common case (common/direct-insert.ts); off runs the ORM path always. */
  directWrites: boolean;
  /** One-statement write batches this instance has in the database at once; the writes arriving meanwhile wait in the process and go as the next batch. */
  directWriteConcurrency: number;
  /** Unset means change signals stay inside this process (other instances still see changes by polling). */
  redisUrl?: string;
  /** How often the change log is read without any signal. */
  changeFeedPollMs: number;
  /** Undelivered events a subscriber may accumulate before it is told to resume later. */
  subscriptionBufferLimit: number;
  /** Interval of WebSocket pings that keep idle subscriptions alive through proxies. */
  keepAliveMs: number;
  auth: AuthConfig;
  limits: QueryLimits;
  /** Origins allowed to call the API from browsers; empty means same-origin only. */
  corsOrigins: string[];
}

export interface AuthConfig {
  /** HS256 shared secret. */
  jwtSecret?: string;
  /** PEM file with an RS256/ES256 public key. */
  jwtPublicKeyFile?: string;
  /** JSON file with a JWKS (public keys). */
  jwksFile?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
}

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  /** Requests per credential (or client address) per minute. */
  rateLimitPerMinute: number;
}

/** Start-up configuration problems, each naming its variable; all are reported together. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误（${problems.length} 项）：\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Problems found by the loadConfig call in progress; outside one, a problem throws at once. */
let problems: string[] | null = null;

function problem(message: string): void {
  if (problems) problems.push(message);
  else throw new ConfigError([message]);
}

function intFromEnv(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `不小于 ${min} 的整数` : `${min}–${max} 之间的整数`;
    problem(`${name}：必须是${range}，当前值为 "${raw}"`);
    return fallback;
  }
  return value;
}

function boolFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problem(`${name}：必须是 true/false（或 1/0），当前值为 "${process.env[name]}"`);
  return fallback;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problem(`${name}：必须是 ${allowed.join(' / ')} 之一，当前值为 "${raw}"`);
  return fallback;
}

/** A connection URL with one of the given schemes. Its value is never echoed: it may hold a password. */
function urlFromEnv(name: string, schemes: string[], raw = process.env[name]): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const url = new URL(raw.trim());
    if (!schemes.includes(url.protocol) || !url.hostname) throw new Error('scheme');
    return raw.trim();
  } catch {
    problem(`${name}：不是有效的 ${schemes.map((scheme) => `${scheme}//`).join(' 或 ')} 连接串（出于安全不回显其值）`);
    return undefined;
  }
}

const POSTGRES_SCHEMES = ['postgres:', 'postgresql:'];

/**
 * Loads `.env` (development only: never when NODE_ENV is production or test) into variables
 * that are not set already; the environment always wins.
 */
export function loadDotEnv(file = path.join(process.cwd(), '.env')): string | undefined {
  if (process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test') return undefined;
  const candidates = [file, path.join(REPO_ROOT, '.env')];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) return undefined;
  const parsed = util.parseEnv(fs.readFileSync(found, 'utf8'));
  for (const [name, value] of Object.entries(parsed)) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
  return found;
}

/**
 * Reads and validates the configuration from environment variables. Every missing or invalid
 * variable is collected, and one ConfigError names them all.
 */
export function loadConfig(): AppConfig {
  problems = [];
  try {
    const config = readConfig();
    if (config.production && !config.databaseUrl) {
      problem('DATABASE_URL：生产模式（NODE_ENV=production）下必须设置，内嵌 PostgreSQL 只用于开发');
    }
    if (config.defaultPageSize > config.maxPageSize) {
      problem(`DEFAULT_PAGE_SIZE：不能大于 MAX_PAGE_SIZE（${config.defaultPageSize} > ${config.maxPageSize}）`);
    }
    if (problems.length) throw new ConfigError(problems);
    return config;
  } finally {
    problems = null;
  }
}

function readConfig(): AppConfig {
  return {
    port: intFromEnv('PORT', 4000, { max: 65535 }),
    host: process.env.HOST?.trim() || '0.0.0.0',
    databaseUrl: urlFromEnv('DATABASE_URL', POSTGRES_SCHEMES),
    databaseReplicaUrls: (process.env.DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean)
      .map((url, i) => urlFromEnv(`DATABASE_REPLICA_URLS[${i + 1}]`, POSTGRES_SCHEMES, url))
      .filter((url): url is string => url !== undefined),
    databasePoolMax: intFromEnv('DATABASE_POOL_MAX', 10, { min: 2, max: 1000 }),
    databaseConnectTimeoutMs: intFromEnv('DATABASE_CONNECT_TIMEOUT_MS', 5000, { min: 100 }),
    migrateOnStart: boolFromEnv('MIGRATE_ON_START', true),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf('LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    metricsEnabled: boolFromEnv('METRICS_ENABLED', true),
    shutdownTimeoutMs: intFromEnv('SHUTDOWN_TIMEOUT_MS', 15000, { min: 1000 }),
    shutdownDelayMs: intFromEnv('SHUTDOWN_DELAY_MS', 0),
    embeddedDataDir: process.env.EMBEDDED_PG_DIR || path.join(REPO_ROOT, '.data', 'postgres'),
    maxPageSize: intFromEnv('MAX_PAGE_SIZE', 100, { min: 1 }),
    defaultPageSize: intFromEnv('DEFAULT_PAGE_SIZE', 20, { min: 1 }),
    production: process.env.NODE_ENV === 'production',
    exposeSqlCount: process.env.EXPOSE_SQL_COUNT === '1',
    readProjection: process.env.READ_PROJECTION !== '0',
    compiledReads: process.env.COMPILED_READS !== '0',
    directWrites: process.env.DIRECT_WRITES !== '0',
    directWriteConcurrency: intFromEnv('DIRECT_WRITE_CONCURRENCY', 1, { min: 1, max: 1000 }),
    redisUrl: urlFromEnv('REDIS_URL', ['redis:', 'rediss:']),
    changeFeedPollMs: intFromEnv('CHANGE_FEED_POLL_MS', 1000, { min: 10 }),
    subscriptionBufferLimit: intFromEnv('SUBSCRIPTION_BUFFER_LIMIT', 1000),
    keepAliveMs: intFromEnv('WS_KEEPALIVE_MS', 15000, { min: 100 }),
    auth: {
      jwtSecret: process.env.JWT_SECRET || undefined,
      jwtPublicKeyFile: process.env.JWT_PUBLIC_KEY_FILE || undefined,
      jwksFile: process.env.JWT_JWKS_FILE || undefined,
      jwtIssuer: process.env.JWT_ISSUER || undefined,
      jwtAudience: process.env.JWT_AUDIENCE || undefined,
    },
    limits: {
      maxDepth: intFromEnv('MAX_QUERY_DEPTH', 12),
      maxCost: intFromEnv('MAX_QUERY_COST', 200000),
      maxAliases: intFromEnv('MAX_QUERY_ALIASES', 30),
      rateLimitPerMinute: intFromEnv('RATE_LIMIT_PER_MINUTE', 1200),
    },
    corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  };
}
