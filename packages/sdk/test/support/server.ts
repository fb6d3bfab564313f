import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createClient, type ClientOptions, type DangjianClient } from '../../src/index.js';
import { cloneDatabase, databaseUrl, dropDatabase } from './global-setup.js';

/** An HS256 JWT signed with the test secret the service is started with (JWT_SECRET). */
export function signToken(claims: { sub: string; role: string; org?: string }, secret = process.env.SDK_TEST_JWT_SECRET!): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  port: number;
  url: string;
  wsUrl: string;
  databaseUrl: string;
  /** An ADMIN token (sub "sdk-test"): sees and may change everything. */
  token: string;
  /** A small client on this service with the ADMIN token and `ws` for subscriptions. */
  client(options?: Partial<ClientOptions>): DangjianClient;
  /** Stops the process (SIGKILL: a crash) and starts a new one on the same port and database. */
  restart(options?: { signal?: NodeJS.Signals; downtimeMs?: number }): Promise<void>;
  /** Runs SQL on this test's database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  output(): string;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Clones the demo database for this test file and runs the real service (`node dist/main.js`)
 * on it as a child process, on a free loopback port.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const pgUrl = process.env.SDK_TEST_PG_URL!;
  const database = `${process.env.SDK_TEST_TEMPLATE_DB}_${process.pid}_${++counter}`;
  await cloneDatabase(pgUrl, process.env.SDK_TEST_TEMPLATE_DB!, database);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const dbUrl = databaseUrl(pgUrl, database);
  let child: ChildProcess;
  let output = '';

  async function start(): Promise<void> {
    const { REDIS_URL: _redis, ...inherited } = process.env;
    child = spawn(process.execPath, [process.env.SDK_TEST_SERVER_MAIN!], {
      env: {
        ...inherited,
        PORT: String(port),
        DATABASE_URL: dbUrl,
        JWT_SECRET: process.env.SDK_TEST_JWT_SECRET!,
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`service did not start within 30 s:\n${output}`);
      const ready = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  await start();
  const token = signToken({ sub: 'sdk-test', role: 'ADMIN' });
  return {
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    databaseUrl: dbUrl,
    token,
    client: (options = {}) => createClient({ url, auth: { token }, webSocketImpl: WebSocket, ...options }),
    async restart({ signal = 'SIGKILL', downtimeMs = 0 } = {}) {
      await stop(signal);
      if (downtimeMs) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await start();
    },
    async sql(text, params = []) {
      const pg = new Client({ connectionString: dbUrl });
      await pg.connect();
      try {
        return (await pg.query(text, params)).rows;
      } finally {
        await pg.end();
      }
    },
    output: () => output,
    async close() {
      await stop();
      await dropDatabase(pgUrl, database);
    },
  };
}
