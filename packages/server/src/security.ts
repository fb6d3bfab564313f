import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import helmet from 'helmet';
import Redis from 'ioredis';
import type { AppConfig } from './config';
import { checkOperation } from './common/auth/operation-gate';
import { checkQueryLimits } from './common/auth/query-limits';
import type { GraphQLContext } from './common/context';
import { sendGraphQLError } from './common/errors';
import { requestScope } from './common/request-scope';
import type { Authenticator } from './modules/access/authenticator';
import { headerValue, type HttpMiddleware } from './http-middleware';

/** Longest GraphQL document accepted, in tokens; real dashboard queries stay far below it. */
export const MAX_DOCUMENT_TOKENS = 10_000;

/** Resolves the caller from `Authorization: Bearer …` or `X-API-Key` before GraphQL runs. */
export function authenticationMiddleware(authenticator: Authenticator): HttpMiddleware {
  return async (req, res, next) => {
    const scope = requestScope.getStore()!;
    try {
      scope.viewer = await authenticator.authenticate({ authorization: headerValue(req, 'authorization'), apiKey: headerValue(req, 'x-api-key') });
      scope.actor = scope.viewer?.subject ?? 'anonymous';
    } catch (error) {
      if (error instanceof GraphQLError) return sendGraphQLError(res, error);
      return next(error);
    }
    next();
  };
}

/** Counts a caller's requests in the current one-minute window. */
export interface RateCounter {
  increment(key: string, windowStart: number): Promise<number>;
  close?(): void;
}

/** Counting inside this process: each instance enforces the limit on the requests it serves. */
export function memoryRateCounter(): RateCounter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async increment(key, windowStart) {
      const window = windows.get(key);
      if (window?.start === windowStart) return ++window.count;
      if (windows.size > 10_000) windows.clear();
      windows.set(key, { start: windowStart, count: 1 });
      return 1;
    },
  };
}

/** Counting in Redis, shared by every instance; falls back to local counting while Redis is unreachable. */
export function redisRateCounter(url: string): RateCounter {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', () => undefined);
  const fallback = memoryRateCounter();
  return {
    async increment(key, windowStart) {
      const redisKey = `dangjian:rate:${key}:${windowStart}`;
      try {
        const [[, count]] = (await redis.multi().incr(redisKey).pexpire(redisKey, 61_000).exec()) as Array<[Error | null, number]>;
        return count;
      } catch {
        return fallback.increment(key, windowStart);
      }
    },
    close: () => redis.disconnect(),
  };
}

/** A fixed one-minute window per credential (or client address when anonymous). */
export function rateLimitMiddleware(limitPerMinute: number, counter: RateCounter, onRefused: () => void = () => undefined): HttpMiddleware {
  return async (req, res, next) => {
    // No proxy is trusted: the peer address, as Express's req.ip gives it.
    const key = requestScope.getStore()?.viewer?.subject ?? `ip:${req.socket.remoteAddress}`;
    const now = Date.now();
    const windowStart = now - (now % 60_000);
    const count = await counter.increment(key, windowStart);
    if (count <= limitPerMinute) return next();
    onRefused();
    res.setHeader('retry-after', String(Math.ceil((windowStart + 60_000 - now) / 1000)));
    sendGraphQLError(res, new GraphQLError(`请求过于频繁：每分钟最多 ${limitPerMinute} 次`, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } }));
  };
}

/** Permission per root field and the depth/cost/alias limits, checked once the operation is known. */
export function accessControlPlugin(config: AppConfig): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          checkOperation(requestScope.getStore()?.viewer ?? null, document, operation, config.production);
          const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
          checkQueryLimits(schema, operation, fragments, request.variables ?? {}, config.limits, config.maxPageSize);
        },
      };
    },
  };
}

/** Security headers; CORS only for the configured origins. */
export function httpHardening(config: AppConfig): HttpMiddleware[] {
  return [
    // The IDE page runs an inline bootstrap script; every other header of helmet applies.
    helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }),
    cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'idempotency-key', 'x-request-id'] }),
  ];
}
