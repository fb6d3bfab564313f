import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../app';
import { loadConfig, type AppConfig } from '../config';
import { initOrm } from '../database';
import { createSchema } from '../schema';
import { databaseUrl, dropDatabase, withAdminClient } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  extensions?: { sqlStatements?: number } & Record<string, unknown>;
}

export interface TestServer {
  url: string;
  orm: MikroORM;
  /** Sends a query the way clients do: an HTTP POST with a JSON body. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

let counter = 0;

/** Clones the seeded template database for this test file and serves the app on a free loopback port. */
export async function startTestServer(overrides: Partial<AppConfig> = {}): Promise<TestServer> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const template = process.env.TEST_TEMPLATE_DATABASE!;
  const database = `dangjian_test_${process.pid}_${++counter}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`drop database if exists "${database}"`);
    await client.query(`create database "${database}" template "${template}"`);
  });
  const orm = await initOrm(databaseUrl(serverUrl, database));
  const config: AppConfig = { ...loadConfig(), exposeSqlCount: true, ...overrides };
  const app: App = await createApp(orm, await createSchema(), config);
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    orm,
    async gql(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await app.close();
      await orm.close();
      await dropDatabase(serverUrl, database);
    },
  };
}
