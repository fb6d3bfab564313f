import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config';
import { initOrm, migrate, resolveDatabase } from './database';
import { createSchema } from './schema';
import { hasDemoData, seedDemoData } from './seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const orm = await initOrm(database.url);
  const applied = await migrate(orm);
  if (applied.length) console.log(`已执行数据库迁移：${applied.join(', ')}`);
  if (database.embedded && !(await hasDemoData(orm.em.fork()))) {
    console.log('首次启动：正在载入演示数据（约需数十秒）…');
    await seedDemoData(orm);
  }
  const app = await createApp(orm, await createSchema(), config);
  const port = await app.listen(config.port);
  console.log(`党建数据中台已启动：http://localhost:${port}/graphql （浏览器打开即为 GraphQL 查询工具）`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止服务…`);
    await app.close();
    await orm.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('启动失败：', error);
  process.exit(1);
});
