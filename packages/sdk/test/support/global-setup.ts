import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Global setup and teardown run outside jest's module mapping, so this file imports nothing relative.
/** Runs statements on the maintenance database of the PostgreSQL server that `url` points to. */
export async function withAdminClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdminClient(serverUrl, (client) => client.query(`drop database if exists "${database}" with (force)`));
}

/** CREATE DATABASE … TEMPLATE; retried while another worker is cloning the same template (SQLSTATE 55006). */
export async function cloneDatabase(serverUrl: string, template: string, database: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdminClient(serverUrl, async (client) => {
        await client.query(`drop database if exists "${database}" with (force)`);
        await client.query(`create database "${database}" template "${template}"`);
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export interface SdkTestState {
  serverUrl: string;
  templateDatabase: string;
  stopEmbedded?: () => Promise<void>;
  embeddedDir?: string;
}

/** The service the SDK is tested against (overridable, e.g. to test against another checkout). */
export const SERVER_PACKAGE_DIR = process.env.SDK_TEST_SERVER_DIR ?? path.resolve(__dirname, '../../../server');

/**
 * Once per run: builds the service, creates a uniquely named database on DATABASE_URL's
 * PostgreSQL server (an embedded one when DATABASE_URL is unset) and loads the deterministic demo
 * data with the service's own `seed` script. Each test file then clones it (see server.ts).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const templateDatabase = `dangjian_sdk_test_${process.pid}`;
  let state: SdkTestState;
  if (process.env.DATABASE_URL) {
    state = { serverUrl: process.env.DATABASE_URL, templateDatabase };
  } else {
    // No PostgreSQL configured: use the embedded one the service ships with.
    execFileSync('pnpm', ['run', '--silent', 'build'], { cwd: SERVER_PACKAGE_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    const { startEmbeddedPostgres } = require(path.join(SERVER_PACKAGE_DIR, 'dist/common/embedded-postgres.js'));
    const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-sdk-pg-'));
    const embedded = await startEmbeddedPostgres(path.join(embeddedDir, 'data'), 'postgres');
    state = { serverUrl: embedded.url, templateDatabase, stopEmbedded: embedded.stop, embeddedDir };
  }
  await dropDatabase(state.serverUrl, templateDatabase);
  await withAdminClient(state.serverUrl, (client) => client.query(`create database "${templateDatabase}"`));
  // `pnpm seed` builds the service, migrates and loads the demo data.
  execFileSync('pnpm', ['run', '--silent', 'seed'], {
    cwd: SERVER_PACKAGE_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl(state.serverUrl, templateDatabase) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  (globalThis as { __sdkTeardown?: () => Promise<void> }).__sdkTeardown = async () => {
    await dropDatabase(state.serverUrl, templateDatabase);
    if (state.stopEmbedded) await state.stopEmbedded();
    if (state.embeddedDir) fs.rmSync(state.embeddedDir, { recursive: true, force: true });
  };
  process.env.SDK_TEST_PG_URL = state.serverUrl;
  process.env.SDK_TEST_TEMPLATE_DB = templateDatabase;
  process.env.SDK_TEST_SERVER_MAIN = path.join(SERVER_PACKAGE_DIR, 'dist/main.js');
  process.env.SDK_TEST_JWT_SECRET = randomBytes(32).toString('hex');
  console.log(`\n[sdk tests] demo database ${templateDatabase} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
