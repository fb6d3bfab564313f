import 'reflect-metadata';
import { loadConfig } from '../config';
import { initOrm, migrate, resolveDatabase } from '../database';
import { seedDemoData } from '../seed';

/** Replaces all data with the deterministic demo dataset. */
async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig());
  const orm = await initOrm(database.url);
  try {
    await migrate(orm);
    const started = Date.now();
    const summary = await seedDemoData(orm);
    console.log(`演示数据已载入（${((Date.now() - started) / 1000).toFixed(1)} 秒）：`, summary);
  } finally {
    await orm.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
