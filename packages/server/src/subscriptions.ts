import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppConfig } from './config';
import { createContext } from './common/context';
import { formatError } from './common/errors';
import { ChangeFeedHub } from './modules/change-feed/change-feed.hub';
import { RedisChangeSignal } from './modules/change-feed/change-feed.redis';

export interface ChangeFeed {
  hub: ChangeFeedHub;
  /** Tell this and (through Redis) every other instance that the log has grown. */
  committed(): void;
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
    committed: () => {
      hub.poke();
      redis?.committed();
    },
    stop: async () => {
      hub.stop();
      await redis?.stop();
    },
  };
}

const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

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
): { close(): Promise<void> } {
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

  const server = useServer(
    {
      schema,
      context: (ctx) =>
        createContext(orm.em, config, randomUUID(), {
          changeFeed: feed.hub,
          onCommitted: feed.committed,
          connectionParams: ctx.connectionParams,
        }),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
  );
  return {
    close: async () => {
      clearInterval(keepAlive);
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
