import { AsyncLocalStorage } from 'node:async_hooks';

/** State that belongs to one HTTP request or subscription operation, reachable without threading it through calls. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** Who is acting, recorded with every change. */
  actor?: string;
  /** The mutation being executed, recorded with every change. */
  mutation?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Called for every SQL statement the ORM sends; tests and benchmarks read the per-request count. */
export function countSqlStatement(): void {
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements += 1;
}
