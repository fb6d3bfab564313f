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
  /** The graphql-ws endpoint. */
  wsUrl: string;
  orm: MikroORM;
  app: App;
  /** Stops the service and starts a new one on the same database (a new port). */
  restart(): Promise<void>;
  /** URL of the cloned database, for extra service processes in the same test. */
  databaseUrl: string;
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
  const config: AppConfig = { ...loadConfig(), exposeSqlCount: true, ...overrides };
  const schema = await createSchema();
  const start = async () => {
    const orm = await initOrm(databaseUrl(serverUrl, database));
    const app = await createApp(orm, schema, config);
    const port = await app.listen(0, '127.0.0.1');
    return { orm, app, url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql` };
  };
  const server = { ...(await start()) } as TestServer;
  return Object.assign(server, {
    databaseUrl: databaseUrl(serverUrl, database),
    async restart() {
      await server.app.close();
      await server.orm.close();
      Object.assign(server, await start());
    },
    async gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await server.app.close();
      await server.orm.close();
      await dropDatabase(serverUrl, database);
    },
  });
}
