/**
 * Configuration validation, structured logs without sensitive values, Prometheus metrics, and
 * replicas migrating the same database at once; the service runs as its own process
 * (`node dist/main.js`, production mode) where the process matters.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { ConfigError, loadConfig } from '../config';
import { databaseUrl, dropDatabase, withAdminClient } from '../test/database';
import { adminToken, startTestServer, type TestServer } from '../test/harness';
import { gql, RENAME, ResumableSubscriber, startInstance, type Instance } from '../test/faults/topology';
import { serializeError } from './logger';
import { rateLimitRefusals } from './metrics';

function withEnv<T>(env: Record<string, string | undefined>, run: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('configuration', () => {
  it('names every missing or invalid variable at once and never echoes a connection string', () => {
    const error = withEnv(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'mysql://admin:s3cret-pw@db/dangjian',
        DATABASE_REPLICA_URLS: 'postgres://replica/db, not a url',
        REDIS_URL: 'http://redis:6379',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        METRICS_ENABLED: 'maybe',
        SHUTDOWN_TIMEOUT_MS: '10',
        MAX_PAGE_SIZE: '10',
        DEFAULT_PAGE_SIZE: '50',
      },
      () => {
        try {
          loadConfig();
        } catch (caught) {
          return caught;
        }
        throw new Error('loadConfig accepted an invalid configuration');
      },
    ) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    const named = error.problems.map((problem) => problem.split('：')[0]);
    expect(named).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'DATABASE_REPLICA_URLS[2]', 'REDIS_URL', 'LOG_LEVEL', 'METRICS_ENABLED', 'SHUTDOWN_TIMEOUT_MS', 'DEFAULT_PAGE_SIZE']),
    );
    // The invalid DATABASE_URL is reported, and production also requires one: both name the variable.
    expect(named.filter((name) => name === 'DATABASE_URL')).toHaveLength(2);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).toContain('"eighty"');
  });

  it('accepts the documented defaults', () => {
    const config = withEnv({ NODE_ENV: undefined, PORT: undefined, LOG_LEVEL: undefined, DATABASE_REPLICA_URLS: 'postgres://a/db,postgresql://b:5433/db' }, () =>
      loadConfig(),
    );
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseReplicaUrls: ['postgres://a/db', 'postgresql://b:5433/db'],
      databasePoolMax: 10,
      logLevel: 'info',
      logFormat: 'json',
      metricsEnabled: true,
      shutdownTimeoutMs: 15000,
      shutdownDelayMs: 0,
      migrateOnStart: true,
    });
  });

  it('refuses to start with exit status 78 and a message naming the variables', async () => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/main.js')], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', PORT: '99999', LOG_LEVEL: 'verbose' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(stderr).toContain(`${name}：`);
    const fatal = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(fatal).toMatchObject({ level: 'fatal', problems: expect.any(Array) });
  });
});

describe('error serialization', () => {
  it('keeps the database message and code, drops the SQL, bound values and row details', () => {
    const error = Object.assign(
      new Error(`insert into "member" ("name", "phone") values ('张三', '13812345678') - duplicate key value violates unique constraint "member_phone_unique"`),
      { code: '23505', detail: 'Key (phone)=(13812345678) already exists.', constraint: 'member_phone_unique' },
    );
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).toContain('duplicate key value violates unique constraint');
    expect(serialized).toContain('23505');
    expect(serialized).not.toContain('13812345678');
    expect(serialized).not.toContain('张三');
  });
});

describe('logs and metrics of a running instance', () => {
  let database: TestServer;
  let instance: Instance;
  beforeAll(async () => {
    database = await startTestServer();
    instance = await startInstance({ DATABASE_URL: database.databaseUrl, CHANGE_FEED_POLL_MS: '200' });
  }, 60_000);
  afterAll(async () => {
    await instance?.stop();
    await database?.close();
  });

  it('logs one JSON line per operation with request id, operation, duration and error codes, and no sensitive values', async () => {
    const requestId = randomUUID();
    const ok = await gql(instance.url, 'query Totals { members { totalCount } }', undefined, { 'x-request-id': requestId });
    expect(ok.errors).toBeUndefined();
    const village = (await gql(instance.url, '{ organizations(first: 1, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }')).data.organizations.nodes[0].id;
    // A value that looks like a phone number, as a variable: it must not reach the logs.
    await gql(instance.url, RENAME, { input: { id: village, unitName: '联系电话 13812345678' } });
    const bad = await gql(instance.url, 'mutation Bad($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }', {
      input: { id: 'not-a-global-id-13987654321', unitName: 'x' },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = instance.logs();
    const totals = lines.find((line) => line.requestId === requestId);
    expect(totals).toMatchObject({
      level: 'info',
      msg: 'graphql operation',
      transport: 'http',
      operation: 'Totals',
      operationType: 'query',
      outcome: 'ok',
      status: 200,
      durationMs: expect.any(Number),
      service: 'dangjian-server',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(lines.find((line) => line.operation === 'Bad')).toMatchObject({ outcome: 'error', errorCodes: ['BAD_USER_INPUT'], operationType: 'mutation' });
    const output = instance.output();
    for (const secret of ['13812345678', '13987654321', await adminToken(), database.databaseUrl]) expect(output).not.toContain(secret);
    // Nothing but JSON lines on stdout.
    for (const line of output.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('exposes request, latency, subscription, fan-out, pool and rate-limit metrics', async () => {
    const subscriber = new ResumableSubscriber(['Organization']);
    await subscriber.connect(instance.wsUrl);
    const village = (await gql(instance.url, '{ organizations(first: 1, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }')).data.organizations.nodes[0].id;
    await gql(instance.url, 'query Totals { members { totalCount } }');
    const renamed = await gql(instance.url, RENAME, { input: { id: village, unitName: '指标测试' } });
    await subscriber.waitForSequence(0);
    expect(renamed.errors).toBeUndefined();

    const response = await fetch(`${instance.base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const metrics = await response.text();
    expect(metrics).toMatch(/dangjian_graphql_requests_total\{operation="Totals",type="query",transport="http",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/dangjian_graphql_request_duration_seconds_bucket\{le="0.1",operation="Totals",type="query",transport="http"\} \d+/);
    expect(metrics).toMatch(/^dangjian_subscriptions_active 1$/m);
    expect(metrics).toMatch(/^dangjian_websocket_connections 1$/m);
    expect(metrics).toMatch(/^dangjian_change_events_delivered_total [1-9]\d*$/m);
    expect(metrics).toMatch(/dangjian_db_pool_connections\{pool="primary",state="used"\} \d+/);
    expect(metrics).toMatch(/dangjian_db_pool_max\{pool="primary"\} 10/);
    expect(metrics).toMatch(/# TYPE dangjian_rate_limit_refusals_total counter/);
    expect(metrics).toMatch(/dangjian_process_resident_memory_bytes \d+/);
    await subscriber.close();
  });

  it('offers a counter that rate limiting increments', () => {
    expect(() => rateLimitRefusals.inc({ limit: 'test' })).not.toThrow();
  });
});

describe('replicas starting together on a new database', () => {
  it('migrate once, under the advisory lock, and both become ready', async () => {
    const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
    const name = `dangjian_test_fresh_${process.pid}`;
    await withAdminClient(serverUrl, async (client) => {
      await client.query(`drop database if exists "${name}"`);
      await client.query(`create database "${name}"`);
    });
    const url = databaseUrl(serverUrl, name);
    const instances = await Promise.all([startInstance({ DATABASE_URL: url }), startInstance({ DATABASE_URL: url })]);
    try {
      const client = new PgClient({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('select name, count(*)::int as times from mikro_orm_migrations group by name');
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.times).toBe(1);
      for (const instance of instances) expect((await fetch(`${instance.base}/readyz`)).status).toBe(200);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
      await dropDatabase(serverUrl, name);
    }
  }, 60_000);
});
