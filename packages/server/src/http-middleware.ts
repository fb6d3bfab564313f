import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A Connect-style middleware that uses nothing Express adds to the request or response, so the
 * Express app and the plain node:http GraphQL route (graphql-post.ts) run the same one.
 */
export type HttpMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void | Promise<void>;

/** A request header's value (repeated headers other than cookies arrive joined into one). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Runs `middlewares` in order as Connect would; `done` after the last one calls next(), `fail` on next(error) or a throw. */
export function runMiddlewares(
  req: IncomingMessage,
  res: ServerResponse,
  middlewares: readonly HttpMiddleware[],
  done: () => void,
  fail: (error: unknown) => void,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error) return fail(error);
    const middleware = middlewares[index++];
    if (!middleware) return done();
    try {
      const pending = middleware(req, res, next);
      if (pending) pending.catch(fail);
    } catch (thrown) {
      fail(thrown);
    }
  };
  next();
}
