import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { startEmbeddedPostgres, type RunningDatabase } from './common/embedded-postgres';
import { instrumentStatementCount, ormConfig, POOL_WAIT_TIMEOUT_MS } from './mikro-orm.config';
import type { ReplicaRoutingPostgreSqlDriver } from './read-replicas';

const EMBEDDED_DATABASE = 'dangjian';

/** The configured server, or an embedded PostgreSQL when DATABASE_URL is unset. */
export async function resolveDatabase(config: AppConfig): Promise<RunningDatabase & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  console.log(`未设置 DATABASE_URL，启动内嵌 PostgreSQL（数据目录 ${config.embeddedDataDir}）…`);
  return { ...(await startEmbeddedPostgres(config.embeddedDataDir, EMBEDDED_DATABASE)), embedded: true };
}

export interface OrmOptions {
  /** Read replicas (DATABASE_REPLICA_URLS): read-only requests may read from them. */
  replicaUrls?: string[];
  /** Connections per pool (primary and each replica). */
  poolMax?: number;
  /** How long opening a connection may take before the request fails. */
  connectTimeoutMs?: number;
  /** Where MikroORM's own messages (migrations applied, warnings) go. */
  log?: (message: string) => void;
}

export async function initOrm(url: string, options: OrmOptions = {}): Promise<MikroORM> {
  const overrides: Partial<Options> = {};
  if (options.replicaUrls?.length) overrides.replicas = options.replicaUrls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl }));
  if (options.poolMax !== undefined) overrides.pool = { min: 0, max: options.poolMax };
  if (options.connectTimeoutMs !== undefined) {
    overrides.driverOptions = {
      connection: { connectionTimeoutMillis: options.connectTimeoutMs },
      acquireConnectionTimeout: POOL_WAIT_TIMEOUT_MS,
    };
  }
  if (options.log) Object.assign(overrides, { logger: options.log, colors: false });
  const orm = await MikroORM.init(ormConfig(url, overrides));
  for (const { connection } of (orm.em.getDriver() as unknown as ReplicaRoutingPostgreSqlDriver).allConnections()) {
    instrumentStatementCount(connection.getKnex());
  }
  return orm;
}

/**
 * Applies pending migrations; returns the names applied. Several instances may start at once
 * (two replicas in docker compose): a session advisory lock lets one migrate while the others
 * wait and then find nothing pending.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const knex = orm.em.getKnex();
  const connection = await knex.client.acquireConnection();
  try {
    await connection.query('select pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    try {
      const applied = await orm.getMigrator().up();
      return applied.map((m) => m.name);
    } finally {
      await connection.query('select pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

const MIGRATION_LOCK = 'dangjian:migrations';
