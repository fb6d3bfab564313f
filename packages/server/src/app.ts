import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import Negotiator from 'negotiator';
import type { GraphQLSchema } from 'graphql';
import type { AppConfig } from './config';
import { createContext, type GraphQLContext } from './common/context';
import { formatError, httpErrorHandler } from './common/errors';
import { requestScope } from './common/request-scope';
import { playgroundRouter } from './playground';
import { attachSubscriptionServer, startChangeFeed, type ChangeFeed } from './subscriptions';

export interface App {
  httpServer: http.Server;
  changeFeed: ChangeFeed;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Reports how many SQL statements a request cost, for tests and benchmarks. */
function sqlStatementCountPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const scope = requestScope.getStore();
          if (scope && response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: scope.sqlStatements,
            };
          }
        },
      };
    },
  };
}

/**
 * GraphQL over HTTP: a client that accepts only `application/json` expects 200 for requests that
 * reached GraphQL but failed to parse, validate or coerce variables (Apollo answers 400).
 */
function legacyJsonStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.http.headers.get('content-type')) return;
          const accept = request.http?.headers.get('accept') ?? '*/*';
          const preferred = new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']);
          if (preferred !== 'application/json') return;
          response.http.headers.set('content-type', 'application/json; charset=utf-8');
          response.http.status = 200;
        },
      };
    },
  };
}

export async function createApp(orm: MikroORM, schema: GraphQLSchema, config: AppConfig): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const changeFeed = await startChangeFeed(orm, config);
  const subscriptions = attachSubscriptionServer(httpServer, schema, orm, config, changeFeed);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      legacyJsonStatusPlugin(),
      ...(config.exposeSqlCount ? [sqlStatementCountPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/graphql', playgroundRouter());
  app.use(
    '/graphql',
    (req, res, next) => {
      const requestId = req.header('x-request-id') || randomUUID();
      res.setHeader('x-request-id', requestId);
      requestScope.run({ requestId, sqlStatements: 0 }, next);
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(orm.em, config, requestScope.getStore()?.requestId ?? randomUUID(), {
          idempotencyKey: req.header('idempotency-key') || undefined,
          onCommitted: changeFeed.committed,
        }),
    }),
  );

  app.use(httpErrorHandler);

  return {
    httpServer,
    changeFeed,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    close: async () => {
      await subscriptions.close();
      await changeFeed.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
