import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  execute,
  getOperationAST,
  parse,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { PromiseOrValue } from 'graphql/jsutils/PromiseOrValue';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppConfig } from './config';
import { checkOperation } from './common/auth/operation-gate';
import type { Viewer } from './common/auth/viewer';
import { createContext, type GraphQLContext } from './common/context';
import { formatError } from './common/errors';
import { requestScope } from './common/request-scope';
import type { Authenticator } from './modules/access/authenticator';
import { MAX_DOCUMENT_TOKENS } from './security';
import { ChangeFeedHub } from './modules/change-feed/change-feed.hub';
import { withDatabaseUnavailable } from './observability/database-errors';
import { logger } from './observability/logger';
import { websocketClosedForRestart } from './observability/metrics';
import { websocketOperationTracker } from './observability/websocket';
import { RedisChangeSignal } from './modules/change-feed/change-feed.redis';

export interface ChangeFeed {
  hub: ChangeFeedHub;
  /** Tell this and (through Redis) every other instance that the log has grown (up to `sequence`, when known). */
  committed(sequence?: number): void;
  stop(): Promise<void>;
}

export async function startChangeFeed(orm: MikroORM, config: AppConfig): Promise<ChangeFeed> {
  const hub = new ChangeFeedHub(orm, {
    pollIntervalMs: config.changeFeedPollMs,
    bufferLimit: config.subscriptionBufferLimit,
    batchSize: 500,
  });
  await hub.start();
  const redis = config.redisUrl ? new RedisChangeSignal(config.redisUrl, hub) : undefined;
  await redis?.start();
  return {
    hub,
    // The feed's reads serve every subscriber, not the request that committed: they run outside
    // its scope (its viewer, its statement count).
    committed: (sequence) =>
      requestScope.exit(() => {
        if (sequence === undefined) hub.poke();
        else hub.reached(sequence);
        redis?.committed();
      }),
    stop: async () => {
      hub.stop();
      await redis?.stop();
    },
  };
}

const formatWsError = withDatabaseUnavailable(formatError);
const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatWsError(error.toJSON(), error));

/**
 * Close code sent to every WebSocket when the instance shuts down: 1012 "Service Restart". The
 * client should reconnect (through the proxy, to another instance) and resubscribe with
 * `after:` set to the cursor of the last event it received; nothing is lost in between.
 */
export const SERVICE_RESTART_CLOSE_CODE = 1012;
export const SERVICE_RESTART_REASON = 'Service Restart: reconnect and resume from your last cursor';

type Result = ExecutionResult | AsyncGenerator<ExecutionResult> | AsyncIterableIterator<ExecutionResult>;

/**
 * Runs a WebSocket operation, and each later step of its event stream, inside a request scope
 * carrying the caller: the subtree rules of partitionedBase then hold for subscriptions too.
 */
async function inViewerScope(args: ExecutionArgs, run: () => PromiseOrValue<Result>): Promise<Result> {
  const context = args.contextValue as GraphQLContext;
  const scope = { requestId: context.requestId, sqlStatements: 0, viewer: context.viewer ?? null, actor: context.viewer?.subject ?? 'anonymous' };
  const result = await requestScope.run(scope, run);
  if (!(Symbol.asyncIterator in result)) return result;
  const iterator = result as AsyncIterableIterator<ExecutionResult>;
  return {
    next: () => requestScope.run(scope, () => iterator.next()),
    return: () => iterator.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) => iterator.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncIterableIterator<ExecutionResult>;
}

/**
 * GraphQL subscriptions over graphql-ws on the same port and path as queries. Pings keep idle
 * connections alive through proxies; a peer that stops answering them is dropped.
 */
export function attachSubscriptionServer(
  httpServer: http.Server,
  schema: GraphQLSchema,
  orm: MikroORM,
  config: AppConfig,
  feed: ChangeFeed,
  authenticator: Authenticator,
): { close(): Promise<void>; connections(): number } {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const keepAlive = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.get(socket)) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, config.keepAliveMs);
  keepAlive.unref();
  const tracker = websocketOperationTracker();

  const server = useServer<Record<string, unknown>, { viewer?: Viewer | null }>(
    {
      schema,
      // connection_init carries the credentials: `{ authorization: 'Bearer …' }` or `{ apiKey: '…' }`.
      onConnect: async (ctx) => {
        try {
          ctx.extra.viewer = await authenticator.authenticate({
            authorization: ctx.connectionParams?.authorization,
            apiKey: ctx.connectionParams?.apiKey,
          });
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: MAX_DOCUMENT_TOKENS });
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const operation = getOperationAST(document, payload.operationName);
        try {
          if (operation) checkOperation(ctx.extra.viewer ?? null, document, operation, config.production);
        } catch (error) {
          return [error as GraphQLError];
        }
        return undefined;
      },
      context: (ctx) =>
        createContext(orm.em, config, randomUUID(), {
          changeFeed: feed.hub,
          onCommitted: feed.committed,
          connectionParams: ctx.connectionParams,
          viewer: ctx.extra.viewer ?? null,
        }),
      execute: (args) => inViewerScope(args, () => execute(args)),
      subscribe: (args) => inViewerScope(args, () => subscribe(args)),
      onOperation: (ctx, id, _payload, args) => {
        tracker.operation(ctx, id, args);
        return undefined;
      },
      onNext: (ctx, id, _payload, _args, result) => {
        tracker.next(ctx, id, result);
        if (!result.errors) return undefined;
        const errors = formatErrors(result.errors);
        tracker.errors(ctx, id, errors);
        return { ...result, errors };
      },
      onError: (ctx, id, _payload, errors) => {
        const formatted = formatErrors(errors);
        tracker.errors(ctx, id, formatted);
        return formatted;
      },
      onComplete: (ctx, id) => tracker.complete(ctx, id),
    },
    wss,
  );
  return {
    connections: () => wss.clients.size,
    close: async () => {
      clearInterval(keepAlive);
      const open = [...wss.clients];
      for (const socket of open) socket.close(SERVICE_RESTART_CLOSE_CODE, SERVICE_RESTART_REASON);
      if (open.length) {
        websocketClosedForRestart.inc(open.length);
        logger.info({ connections: open.length, code: SERVICE_RESTART_CLOSE_CODE }, 'WebSocket 连接已以 1012 关闭，客户端将从游标续订');
      }
      // Peers get a moment to answer the close frame; any that do not are cut off.
      const deadline = Date.now() + 2000;
      while ([...wss.clients].some((socket) => socket.readyState !== socket.CLOSED) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const socket of wss.clients) socket.terminate();
      await server.dispose();
    },
  };
}
