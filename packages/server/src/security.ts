import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import helmet from 'helmet';
import type { AppConfig } from './config';
import { checkOperation } from './common/auth/operation-gate';
import { checkQueryLimits } from './common/auth/query-limits';
import type { GraphQLContext } from './common/context';
import { requestScope } from './common/request-scope';
import type { Authenticator } from './modules/access/authenticator';

/** Longest GraphQL document accepted, in tokens; real dashboard queries stay far below it. */
export const MAX_DOCUMENT_TOKENS = 10_000;

function sendError(res: Response, error: GraphQLError): void {
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
  const { http: _http, ...extensions } = error.extensions;
  res.status(status).json({ errors: [{ message: error.message, extensions }] });
}

/** Resolves the caller from `Authorization: Bearer …` or `X-API-Key` before GraphQL runs. */
export function authenticationMiddleware(authenticator: Authenticator): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const scope = requestScope.getStore()!;
    try {
      scope.viewer = await authenticator.authenticate({ authorization: req.header('authorization'), apiKey: req.header('x-api-key') });
      scope.actor = scope.viewer?.subject ?? 'anonymous';
    } catch (error) {
      if (error instanceof GraphQLError) return sendError(res, error);
      return next(error);
    }
    next();
  };
}

/**
 * A fixed one-minute window per credential (or client address when anonymous). Kept in memory:
 * with several instances each enforces its own share, which bounds the total all the same.
 */
export function rateLimitMiddleware(limitPerMinute: number, onRefused: () => void = () => undefined): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const key = requestScope.getStore()?.viewer?.subject ?? `ip:${req.ip}`;
    const now = Date.now();
    const window = windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(key, { start: now, count: 1 });
      return next();
    }
    window.count += 1;
    if (window.count <= limitPerMinute) return next();
    onRefused();
    res.setHeader('retry-after', String(Math.ceil((window.start + 60_000 - now) / 1000)));
    sendError(res, new GraphQLError(`请求过于频繁：每分钟最多 ${limitPerMinute} 次`, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } }));
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
export function httpHardening(config: AppConfig): RequestHandler[] {
  return [
    // The IDE page runs an inline bootstrap script; every other header of helmet applies.
    helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }),
    cors({ origin: config.corsOrigins.length ? config.corsOrigins : false, allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'idempotency-key', 'x-request-id'] }),
  ];
}
