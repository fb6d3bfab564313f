import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../test/harness';
import { migrationsList } from '.';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('migrations', () => {
  it('lists every migration file of the folder, in order', () => {
    const files = fs
      .readdirSync(__dirname)
      .filter((file) => /^Migration\d+\.ts$/.test(file))
      .map((file) => path.basename(file, '.ts'))
      .sort();
    expect(migrationsList.map((migration) => migration.name)).toEqual(files);
  });

  it('leave nothing for the entities to change (run `pnpm db:migration:create` after changing an entity)', async () => {
    const diff = await server.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('have all been applied to the test database', async () => {
    expect(await server.orm.getMigrator().getPendingMigrations()).toEqual([]);
  });
});
