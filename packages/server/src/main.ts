import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, loadConfig, loadDotEnv, type AppConfig } from './config';
import { initOrm, migrate, resolveDatabase } from './database';
import { configureLogger, logger, routeConsoleToLogger } from './observability/logger';
import { enableDemoCredentials, type DemoCredential } from './modules/access/demo-credentials';
import { provideDemoCredentials } from './playground';
import { createSchema } from './schema';
import { hasDemoData, seedDemoData } from './seed';

/** Exit status for a configuration error (sysexits EX_CONFIG): restarting will not help. */
const EXIT_CONFIG = 78;

function readConfiguration(): AppConfig {
  const envFile = loadDotEnv();
  try {
    const config = loadConfig();
    configureLogger(config);
    routeConsoleToLogger();
    if (envFile) logger.info({ file: envFile }, '已从 .env 读取未设置的环境变量');
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Both for a person reading the terminal and for the log collector.
    process.stderr.write(`${error.message}\n`);
    logger.fatal({ problems: error.problems }, '配置错误，服务未启动');
    process.exit(EXIT_CONFIG);
  }
}

async function main(): Promise<void> {
  const config = readConfiguration();
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, '未处理的 Promise 拒绝'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, '未捕获的异常，进程退出');
    process.exit(1);
  });

  const database = await resolveDatabase(config);
  const orm = await initOrm(database.url, {
    replicaUrls: config.databaseReplicaUrls,
    poolMax: config.databasePoolMax,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    log: (message) => logger.info({ component: 'mikro-orm' }, message),
  });
  if (config.migrateOnStart) {
    const applied = await migrate(orm);
    if (applied.length) logger.info({ migrations: applied }, `已执行数据库迁移：${applied.join(', ')}`);
  }
  if (database.embedded && !(await hasDemoData(orm.em.fork()))) {
    logger.info('首次启动：正在载入演示数据（约需数十秒）…');
    await seedDemoData(orm);
  }
  const hasKey = Boolean(config.auth.jwtSecret || config.auth.jwtPublicKeyFile || config.auth.jwksFile);
  if (database.embedded && !hasKey) {
    const offer = (credentials: DemoCredential[]) =>
      provideDemoCredentials(
        credentials.map(({ label, role, organization, headers }) => ({ label, role, organization, headers, description: `${role}${organization ? ` · ${organization}` : ''}` })),
      );
    config.auth.jwtSecret = await enableDemoCredentials(orm.em.fork(), config.embeddedDataDir, offer);
  }
  const app = await createApp(orm, await createSchema(), config);
  const port = await app.listen(config.port, config.host);
  logger.info(
    { port, host: config.host, replicas: config.databaseReplicaUrls.length, redis: Boolean(config.redisUrl), production: config.production },
    `党建数据中台已启动：http://localhost:${port}/graphql （浏览器打开即为 GraphQL 查询工具）`,
  );

  /**
   * SIGTERM/SIGINT: readiness turns 503, the listener closes after SHUTDOWN_DELAY_MS, WebSockets
   * close with 1012, in-flight requests finish, the change feed and the pool close. Whatever
   * happens, the process exits within SHUTDOWN_TIMEOUT_MS.
   */
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal === 'SIGINT') process.exit(130);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, `收到 ${signal}，正在停止服务…`);
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, '停止超时，强制退出');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    try {
      app.beginDrain();
      if (config.shutdownDelayMs) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      await app.close();
      await orm.close();
      await database.stop();
      logger.info({ durationMs: Date.now() - started }, '服务已停止');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, '停止服务时出错');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  logger.fatal({ err: error }, '启动失败');
  process.exit(1);
});
