import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import Negotiator from 'negotiator';
import type { GraphQLSchema } from 'graphql';
import type { AppConfig } from './config';
import { createContext, type GraphQLContext } from './common/context';
import { formatError, httpErrorHandler } from './common/errors';
import { requestScope, requestScopeMiddleware } from './common/request-scope';
import { operationShapeOf } from './common/operation-shape';
import { compiledReadPlugin, stringifyResult } from './common/compiled-read';
import { compiledMutationPlugin } from './common/compiled-mutation';
import { createObservability, observabilityPlugin, withDatabaseUnavailable } from './observability';
import { consoleRouter } from './console';
import { playgroundRouter } from './playground';
import { Authenticator } from './modules/access/authenticator';
import { rateLimitRefusals } from './observability/metrics';
import {
  accessControlPlugin,
  authenticationMiddleware,
  httpHardening,
  MAX_DOCUMENT_TOKENS,
  memoryRateCounter,
  rateLimitMiddleware,
  redisRateCounter,
} from './security';
import { attachSubscriptionServer, startChangeFeed, type ChangeFeed } from './subscriptions';
import { BODY_LIMIT_BYTES, graphqlPostRoute, type GraphQLPostRoute } from './graphql-post';
import { headerValue } from './http-middleware';

export interface App {
  httpServer: http.Server;
  changeFeed: ChangeFeed;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Shutdown has begun: `/readyz` answers 503 while the instance still serves. */
  beginDrain(): void;
  /**
   * Graceful stop: stop accepting connections, close WebSockets with 1012 (clients resume from
   * their cursor elsewhere), let in-flight HTTP requests finish (bounded), then stop the change feed.
   */
  close(): Promise<void>;
}

/** Tells the request's loaders what the operation selects: figures it does not ask for are not computed, columns it does not name are not read, references it names are loaded with their rows. */
function operationShapePlugin(config: AppConfig): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        // At execution, which an operation answered by a compiled read never reaches.
        async executionDidStart({ document, operation, contextValue }) {
          // Only queries: a mutation's services may read any column of what they load.
          contextValue.operationShape = operationShapeOf(document, config.readProjection && operation.operation === 'query');
        },
      };
    },
  };
}

/** Reports how many SQL statements a request cost, for tests and benchmarks. */
function sqlStatementCountPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const scope = requestScope.getStore();
          if (scope && response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: scope.sqlStatements,
              ...(contextValue.compiledRead && { compiledRead: true }),
              ...(contextValue.compiledMutation && { compiledMutation: true }),
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
  // GraphQL answers are computed per request and POSTed: hashing every body for an ETag that no
  // client sends back cost CPU on each response. Static files keep theirs (serve-static).
  app.set('etag', false);
  let graphqlPost: GraphQLPostRoute | undefined;
  const httpServer = http.createServer((req, res) => (graphqlPost?.accepts(req) ? graphqlPost.handle(req, res) : app(req, res)));
  const changeFeed = await startChangeFeed(orm, config);
  const authenticator = await Authenticator.create(orm, config.auth);
  const rateCounter = config.redisUrl ? redisRateCounter(config.redisUrl) : memoryRateCounter();
  const subscriptions = attachSubscriptionServer(httpServer, schema, orm, config, changeFeed, authenticator);
  const observability = createObservability({ orm, config, hub: changeFeed.hub, websocketConnections: () => subscriptions.connections() });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: withDatabaseUnavailable(formatError),
    includeStacktraceInErrorResponses: false,
    stringifyResult,
    // Huge documents are refused while parsing, before validation (whose cost grows with the square of the fields) runs.
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    // main.ts owns SIGTERM/SIGINT (graceful shutdown in a fixed order); Apollo must not race it.
    stopOnTerminationSignals: false,
    introspection: true,
    plugins: [
      // In-flight requests get this long to finish after SIGTERM; the process exits within SHUTDOWN_TIMEOUT_MS.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.max(1000, Math.floor((config.shutdownTimeoutMs * 2) / 3)) }),
      ApolloServerPluginLandingPageDisabled(),
      // No field declares cache hints, and the default cache-control plugin would wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      legacyJsonStatusPlugin(),
      operationShapePlugin(config),
      observabilityPlugin(),
      accessControlPlugin(config),
      // After access control: only operations it let through are answered.
      ...(config.compiledReads ? [compiledReadPlugin()] : []),
      ...(config.directWrites ? [compiledMutationPlugin()] : []),
      ...(config.exposeSqlCount ? [sqlStatementCountPlugin()] : []),
    ],
  });
  await apollo.start();

  const hardening = httpHardening(config);
  // The chain in front of GraphQL, for Express and the plain GraphQL route alike.
  const beforeGraphQL = [
    requestScopeMiddleware,
    authenticationMiddleware(authenticator),
    rateLimitMiddleware(config.limits.rateLimitPerMinute, rateCounter, () => rateLimitRefusals.inc({ limit: 'per-credential' })),
  ];
  const contextFor = async (req: IncomingMessage) =>
    createContext(orm.em, config, requestScope.getStore()?.requestId ?? randomUUID(), {
      idempotencyKey: headerValue(req, 'idempotency-key') || undefined,
      onCommitted: changeFeed.committed,
      viewer: requestScope.getStore()?.viewer ?? null,
    });
  graphqlPost = graphqlPostRoute({ apollo, middlewares: [observability.requestMiddleware, ...hardening, ...beforeGraphQL], context: contextFor });

  // Per-route HTTP counts; /healthz, /readyz, /metrics.
  app.use(observability.requestMiddleware);
  app.use(observability.router);
  app.use(hardening);
  app.use('/graphql', playgroundRouter());
  app.use('/graphql', beforeGraphQL, express.json({ limit: BODY_LIMIT_BYTES }), expressMiddleware(apollo, { context: ({ req }) => contextFor(req) }));

  app.use(consoleRouter());
  app.use(httpErrorHandler);

  return {
    httpServer,
    changeFeed,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    beginDrain: () => observability.beginDrain(),
    close: async () => {
      observability.beginDrain();
      // Stop accepting first, so clients told to reconnect cannot land on this instance again.
      if (httpServer.listening) httpServer.close();
      await subscriptions.close();
      // Drains in-flight HTTP requests (bounded by the drain plugin's grace period).
      await apollo.stop();
      // After the drain, so the commits of the last mutations were still signalled to other instances.
      await changeFeed.stop();
      rateCounter.close?.();
      await observability.close();
    },
  };
}
