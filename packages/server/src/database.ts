import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { startEmbeddedPostgres, type RunningDatabase } from './common/embedded-postgres';
import { instrumentStatementCount, ormConfig } from './mikro-orm.config';

const EMBEDDED_DATABASE = 'dangjian';

/** The configured server, or an embedded PostgreSQL when DATABASE_URL is unset. */
export async function resolveDatabase(config: AppConfig): Promise<RunningDatabase & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  console.log(`未设置 DATABASE_URL，启动内嵌 PostgreSQL（数据目录 ${config.embeddedDataDir}）…`);
  return { ...(await startEmbeddedPostgres(config.embeddedDataDir, EMBEDDED_DATABASE)), embedded: true };
}

export async function initOrm(url: string): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url));
  instrumentStatementCount(orm.em.getKnex());
  return orm;
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
