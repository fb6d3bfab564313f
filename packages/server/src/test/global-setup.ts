import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../common/embedded-postgres';
import { databaseUrl, dropDatabase, withAdminClient } from './database';

export interface TestDatabaseState {
  serverUrl: string;
  templateDatabase: string;
  stopEmbedded?: () => Promise<void>;
  embeddedDir?: string;
}

/**
 * Builds one migrated, seeded template database for the whole run; every test file clones it
 * (CREATE DATABASE … TEMPLATE), so files never see each other's writes.
 * Uses DATABASE_URL's server when set, otherwise an embedded PostgreSQL in a temp folder.
 */
export default async function globalSetup(): Promise<void> {
  const templateDatabase = `dangjian_test_template_${process.pid}`;
  let state: TestDatabaseState;
  if (process.env.DATABASE_URL) {
    state = { serverUrl: process.env.DATABASE_URL, templateDatabase };
  } else {
    const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-test-pg-'));
    const embedded = await startEmbeddedPostgres(path.join(embeddedDir, 'data'), 'postgres');
    state = { serverUrl: embedded.url, templateDatabase, stopEmbedded: embedded.stop, embeddedDir };
  }
  await dropDatabase(state.serverUrl, templateDatabase);
  await withAdminClient(state.serverUrl, (client) => client.query(`create database "${templateDatabase}"`));
  migrateAndSeed(databaseUrl(state.serverUrl, templateDatabase));
  (globalThis as { __testDatabase?: TestDatabaseState }).__testDatabase = state;
  process.env.TEST_DATABASE_SERVER_URL = state.serverUrl;
  process.env.TEST_TEMPLATE_DATABASE = templateDatabase;
}

/**
 * Runs the real `pnpm seed` entry point (build, migrate, seed) in a child process: loading the ORM
 * here would leave its metadata in this process, which jest reuses when it runs tests in band.
 */
function migrateAndSeed(url: string): void {
  const packageDir = path.resolve(__dirname, '../..');
  execFileSync('pnpm', ['run', '--silent', 'seed'], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
