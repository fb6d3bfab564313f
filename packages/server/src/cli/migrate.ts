import 'reflect-metadata';
import { loadConfig } from '../config';
import { initOrm, migrate, resolveDatabase } from '../database';

async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig());
  const orm = await initOrm(database.url);
  try {
    const applied = await migrate(orm);
    console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新，无待执行迁移');
  } finally {
    await orm.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
