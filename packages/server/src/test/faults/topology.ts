/**
 * The compose topology on loopback, for fault tests and the soak: private PostgreSQL and Redis
 * processes that a test may stop and start at will, service instances as real `node dist/main.js`
 * processes on fixed ports, and nginx with the repository's own docker/nginx/nginx.conf.
 * Nothing here touches the machine's shared PostgreSQL (5432) or Redis (6379).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { findFreePort } from '../../common/embedded-postgres';
import { adminToken, TEST_JWT_SECRET } from '../harness';

const SERVER_DIR = path.resolve(__dirname, '../../..');
const REPO_DIR = path.resolve(SERVER_DIR, '../..');
const MAIN = path.join(SERVER_DIR, 'dist/main.js');

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (${String((lastError as Error)?.message ?? lastError ?? '')})`);
    await delay(50);
  }
}

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return () => output;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the binaries embedded-postgres ships, run directly so the port stays the same
// across restarts and the test chooses how the server goes down.

function postgresBinaries(): string {
  const entry = createRequire(require.resolve('embedded-postgres')).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}

function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export interface PrivatePostgres {
  port: number;
  /** Connection URL of a database on this server. */
  url(database?: string): string;
  /** `immediate` is a crash (no checkpoint; WAL recovery at the next start); `fast` a clean stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  const owner = postgresUser();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-fault-pg-'));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (owner.uid !== undefined) fs.chownSync(dataDir, owner.uid, owner.gid!);
  execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
    ...owner,
    stdio: 'ignore',
  });
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  let output: () => string = () => '';
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const start = async () => {
    child = spawn(
      path.join(bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      { ...owner, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    output = collectOutput(child);
    const started = child;
    await until('private PostgreSQL accepting connections', 30_000, async () => {
      if (started.exitCode !== null) throw new Error(`postgres exited:\n${output()}`);
      const client = new PgClient({ connectionString: url(), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    });
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill(mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
    await exited;
  };
  await start();
  return {
    port,
    url,
    stop,
    start,
    destroy: async () => {
      await stop('immediate');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Creates `database` on the private server and fills it with the migrated demo data (`pnpm seed`'s entry point, ~5 s). */
export async function seedDatabase(postgres: PrivatePostgres, database: string): Promise<string> {
  const admin = new PgClient({ connectionString: postgres.url() });
  await admin.connect();
  try {
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const url = postgres.url(database);
  execFileSync(process.execPath, [path.join(SERVER_DIR, 'dist/cli/seed.js')], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  return url;
}

// ---------------------------------------------------------------------------------------------
// Redis

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-fault-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collectOutput(child);
    const started = child;
    await until('private Redis listening', 10_000, async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited:\n${output()}`);
      return portOpen(port);
    });
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    destroy: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------------------------------------
// Service instances

export interface Instance {
  port: number;
  base: string;
  url: string;
  wsUrl: string;
  process: ChildProcess;
  output(): string;
  /** Parsed JSON log lines. */
  logs(): Array<Record<string, any>>;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A new process on the same port and environment. */
  restart(): Promise<Instance>;
}

/** Starts `node dist/main.js` on `port` (a free one if omitted) and waits until /readyz answers 200. */
export async function startInstance(env: Record<string, string>, port?: number, options: { keepOutput?: boolean } = {}): Promise<Instance> {
  const chosen = port ?? (await findFreePort());
  const keepOutput = options.keepOutput ?? true;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', JWT_SECRET: TEST_JWT_SECRET, HOST: '127.0.0.1', PORT: String(chosen), ...env },
    // A long run (the soak) discards the logs instead of keeping them in memory.
    stdio: ['ignore', keepOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  const output = collectOutput(child);
  const base = `http://127.0.0.1:${chosen}`;
  await until('service instance ready', 60_000, async () => {
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}):\n${output()}`);
    const response = await fetch(`${base}/readyz`);
    return response.status === 200;
  }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  const instance: Instance = {
    port: chosen,
    base,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${chosen}/graphql`,
    process: child,
    output,
    logs: () =>
      output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => {
          try {
            return JSON.parse(line);
          } catch {
            return {};
          }
        }),
    stop: async (signal = 'SIGTERM') => {
      const exited = waitForExit(child);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    restart: () => startInstance(env, chosen, options),
  };
  return instance;
}

// ---------------------------------------------------------------------------------------------
// nginx with docker/nginx/nginx.conf

export function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v nginx']).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface Proxy {
  port: number;
  base: string;
  url: string;
  wsUrl: string;
  output(): string;
  /** The JSON access log. */
  accessLog(): string;
  stop(): Promise<void>;
}

/**
 * Runs nginx with the repository's docker/nginx/nginx.conf, changed only where the compose
 * network differs from loopback: the upstream servers (and Docker's DNS resolver), the listen
 * address, the user, and where nginx may write (a temp dir, the access log file).
 */
export async function startNginx(upstreamPorts: [number, number]): Promise<Proxy> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx; .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangjian-nginx-'));
  for (const sub of ['logs', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, sub));
  const port = await findFreePort();
  const source = fs.readFileSync(path.join(REPO_DIR, 'docker/nginx/nginx.conf'), 'utf8');
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`docker/nginx/nginx.conf no longer contains ${from}`);
    return text.replace(from, to);
  };
  let conf = source;
  conf = replace(conf, /^user\s+[^;]+;/m, '');
  conf = replace(conf, /server\s+server-1:4000/, `server 127.0.0.1:${upstreamPorts[0]}`);
  conf = replace(conf, /server\s+server-2:4000/, `server 127.0.0.1:${upstreamPorts[1]}`);
  // Docker's DNS (and re-resolving names, which loopback addresses do not need; Debian's nginx may predate it).
  conf = replace(conf, /^\s*resolver\s+127\.0\.0\.11[^;]*;/m, '');
  conf = conf.replace(/(server 127\.0\.0\.1:\d+[^;]*?)\s+resolve;/g, '$1;');
  conf = replace(conf, /listen\s+80\b/, `listen 127.0.0.1:${port}`);
  conf = conf.replace(/^\s*listen\s+\[::\]:80[^;]*;/m, '');
  // Node's stdio pipes are sockets, which /dev/stdout cannot be opened on: the access log goes to a file.
  conf = replace(conf, /access_log\s+\/dev\/stdout\s+json;/, `access_log ${dir}/logs/access.log json;`);
  conf = replace(
    conf,
    /http\s*\{/,
    `http {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fastcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;`,
  );
  const confPath = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confPath, conf);
  const child = spawn(binary, ['-p', dir, '-c', confPath, '-e', 'stderr', '-g', `daemon off; pid ${dir}/nginx.pid;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  await until('nginx listening', 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${output()}`);
    return portOpen(port);
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    base,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    output,
    accessLog: () => fs.readFileSync(path.join(dir, 'logs/access.log'), 'utf8'),
    stop: async () => {
      const exited = waitForExit(child);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients

export interface GraphQLResult {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
  headers: Headers;
}

let token: Promise<string> | undefined;
const authorization = async () => `Bearer ${await (token ??= adminToken())}`;

/** POSTs a GraphQL request as an administrator; network failures reject. */
export async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: await authorization(), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: `non-JSON response (${response.status}): ${text.slice(0, 200)}`, extensions: { code: 'NON_JSON' } }] };
  }
  return { status: response.status, headers: response.headers, ...body };
}

export const RENAME = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id name } } }';

export async function villageIds(url: string, count: number): Promise<string[]> {
  const result = await gql(url, 'query($n: Int) { organizations(first: $n, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }', { n: count });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.organizations.nodes.map((node: { id: string }) => node.id);
}

export interface ResumableEvent {
  sequence: string;
  cursor: string;
  entityId: string;
}

/**
 * A change subscriber that survives its server: when the connection closes it records the close
 * code, and `resume(url)` subscribes again elsewhere with `after:` = the last cursor it received.
 */
export class ResumableSubscriber {
  readonly events: ResumableEvent[] = [];
  readonly closeCodes: number[] = [];
  readonly errors: unknown[] = [];
  private client?: Client;
  private lastCursor: string | null = null;
  connected = false;

  constructor(private readonly entityTypes: string[] = ['Organization']) {}

  get cursor(): string | null {
    return this.lastCursor;
  }

  /** Subscribes at `wsUrl`; resolves once the server acknowledged the connection. */
  async connect(wsUrl: string, after: string | null = this.lastCursor): Promise<void> {
    const auth = await authorization();
    await new Promise<void>((resolve, reject) => {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        // Closes are expected here (that is the point) and recorded through `on.closed`.
        onNonLazyError: () => undefined,
        connectionParams: { authorization: auth },
        on: {
          connected: () => {
            this.connected = true;
            resolve();
          },
          closed: (event) => {
            this.connected = false;
            this.closeCodes.push((event as { code: number }).code);
            reject(new Error(`closed before connecting (${(event as { code: number }).code})`));
          },
        },
      });
      this.client = client;
      client.subscribe<{ changes: ResumableEvent }>(
        {
          query: 'subscription($after: String, $types: [String!]) { changes(after: $after, entityTypes: $types) { sequence cursor entityId } }',
          variables: { after, types: this.entityTypes },
        },
        {
          next: (result) => {
            if (result.errors) this.errors.push(...result.errors);
            if (result.data) {
              this.events.push(result.data.changes);
              this.lastCursor = result.data.changes.cursor;
            }
          },
          error: (error) => {
            if (!(error && typeof error === 'object' && 'code' in error)) this.errors.push(error);
          },
          complete: () => undefined,
        },
      );
    });
  }

  async resume(wsUrl: string): Promise<void> {
    await this.client?.dispose();
    await this.connect(wsUrl);
  }

  async waitForSequence(sequence: number, timeoutMs = 15_000): Promise<void> {
    await until(`subscriber reaching sequence ${sequence} (at ${this.events.at(-1)?.sequence ?? 'none'})`, timeoutMs, async () => {
      if (this.errors.length) throw new Error(`subscription errors: ${JSON.stringify(this.errors)}`);
      return this.events.some((event) => Number(event.sequence) >= sequence);
    });
  }

  async close(): Promise<void> {
    await this.client?.dispose();
  }
}

/** Reads the change log's sequences of `entityType` after `after`, straight from PostgreSQL. */
export async function loggedSequences(databaseUrl: string, after: number, entityType = 'Organization'): Promise<number[]> {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select sequence from change_event where entity_type = $1 and sequence > $2 order by sequence', [entityType, after]);
    return rows.map((row) => Number(row.sequence));
  } finally {
    await client.end();
  }
}

export async function maxSequence(databaseUrl: string): Promise<number> {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select coalesce(max(sequence), 0) as last from change_event');
    return Number(rows[0].last);
  } finally {
    await client.end();
  }
}
