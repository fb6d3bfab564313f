import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../common/embedded-postgres';
import { initOrm, migrate } from '../database';
import { seedDemoData } from '../seed';
import { databaseUrl, dropDatabase, withAdminClient } from '../test/database';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A freshly seeded database for a benchmark: a new database on BENCH_DATABASE_SERVER (a
 * PostgreSQL server URL) when given, otherwise a throw-away embedded PostgreSQL.
 */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_SERVER;
  let url: string;
  let cleanup: () => Promise<void>;
  if (serverUrl) {
    await dropDatabase(serverUrl, name);
    await withAdminClient(serverUrl, (client) => client.query(`create database "${name}"`));
    url = databaseUrl(serverUrl, name);
    cleanup = () => dropDatabase(serverUrl, name);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-bench-pg-'));
    const embedded = await startEmbeddedPostgres(path.join(dir, 'data'), name);
    url = embedded.url;
    cleanup = async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const orm = await initOrm(url);
  try {
    await migrate(orm);
    await seedDemoData(orm);
  } finally {
    await orm.close();
  }
  return { url, stop: cleanup };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = arg?.split('=')[1] ?? process.env[name.toUpperCase().replace(/-/g, '_')];
  return raw ? Number(raw) : fallback;
}
