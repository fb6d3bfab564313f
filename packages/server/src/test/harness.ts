import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from '../app';
import { loadConfig, type AppConfig } from '../config';
import { initOrm } from '../database';
import { Role } from '../common/auth/roles';
import { issueToken } from '../modules/access/authenticator';
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
  /** Sends a query the way clients do: an HTTP POST with a JSON body, as an ADMIN unless `headers` say otherwise (`authorization: ''` for anonymous). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

let counter = 0;

/** The HS256 secret test servers verify tokens with. */
export const TEST_JWT_SECRET = 'test-secret-only-for-the-test-suite-0123456789';

/** A signed token for a role, scoped to an organization (global id) unless an unrestricted ADMIN. */
export function tokenFor(role: Role, organizationId?: string | null, subject = `test-${role.toLowerCase()}`): Promise<string> {
  return issueToken(TEST_JWT_SECRET, { subject, role, organizationId });
}

/** What tests send by default: an unrestricted administrator. */
export const adminToken = () => tokenFor(Role.ADMIN);

/** Clones the seeded template database for this test file and serves the app on a free loopback port. */
export async function startTestServer(overrides: Partial<AppConfig> = {}, sharing?: TestServer): Promise<TestServer> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const template = process.env.TEST_TEMPLATE_DATABASE!;
  // A second service on another server's database (e.g. with other settings) leaves dropping it to that server.
  const database = sharing ? new URL(sharing.databaseUrl).pathname.slice(1) : `dangjian_test_${process.pid}_${++counter}`;
  if (!sharing) {
    await withAdminClient(serverUrl, async (client) => {
      await client.query(`drop database if exists "${database}"`);
      await client.query(`create database "${database}" template "${template}"`);
    });
  }
  const base = loadConfig();
  const config: AppConfig = { ...base, exposeSqlCount: true, auth: { jwtSecret: TEST_JWT_SECRET }, ...overrides };
  const defaultAuthorization = `Bearer ${await adminToken()}`;
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
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: defaultAuthorization, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await server.app.close();
      await server.orm.close();
      if (!sharing) await dropDatabase(serverUrl, database);
    },
  });
}
