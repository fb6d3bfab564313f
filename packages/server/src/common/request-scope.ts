import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Viewer } from './auth/viewer';
import { headerValue, type HttpMiddleware } from '../http-middleware';

/** State that belongs to one HTTP request or subscription operation, reachable without threading it through calls. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** Who is acting, recorded with every change. */
  actor?: string;
  /** The mutation being executed, recorded with every change. */
  mutation?: string;
  /** The authenticated caller (null: anonymous); every query built on partitionedBase is limited to its subtree. */
  viewer?: Viewer | null;
  /** Set once the request is known to be a query: its reads may then go to a replica (read-replicas.ts). */
  replicaReads?: boolean;
  /** Members whose sensitive fields were read in full during this request, for the access log. */
  sensitiveReads?: Map<number, Set<string>>;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Opens the request's scope under its `X-Request-Id` (or a new one, echoed back) for the rest of the chain. */
export const requestScopeMiddleware: HttpMiddleware = (req, res, next) => {
  const requestId = headerValue(req, 'x-request-id') || randomUUID();
  res.setHeader('x-request-id', requestId);
  requestScope.run({ requestId, sqlStatements: 0 }, next);
};

/** Called for every SQL statement the ORM sends; tests and benchmarks read the per-request count. */
export function countSqlStatement(): void {
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements += 1;
}

/**
 * The subtree path the current caller is limited to: null for an unrestricted caller. Outside a
 * request, or for an anonymous caller, there is no scope at all and nothing may be read.
 */
export function currentScopePath(): string | null | undefined {
  const viewer = requestScope.getStore()?.viewer;
  return viewer ? viewer.scopePath : undefined;
}
