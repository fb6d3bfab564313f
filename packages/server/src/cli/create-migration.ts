import 'reflect-metadata';
import { loadConfig } from '../config';
import { initOrm, migrate, resolveDatabase } from '../database';

/** Diffs the entities against the migrated database and writes the next migration file. */
async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig());
  const orm = await initOrm(database.url);
  try {
    await migrate(orm);
    const result = await orm.getMigrator().createMigration('src/migrations', false, false);
    console.log(result.fileName ? `已生成迁移 ${result.fileName}，请将其加入 src/migrations/index.ts` : '实体与迁移一致，无需新迁移');
  } finally {
    await orm.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
