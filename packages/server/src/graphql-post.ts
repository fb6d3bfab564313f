import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from './common/context';
import { httpErrorHandler } from './common/errors';
import { runMiddlewares, type HttpMiddleware } from './http-middleware';

/** The largest request body accepted (Express's `1mb`). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What body-parser's JSON parser takes without a conversion: JSON in UTF-8. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

export interface GraphQLPostRoute {
  /** Whether the route serves this request (the Express app serves every other). */
  accepts(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * `POST /graphql` with a plain JSON body, served on node:http without Express. Express's router,
 * its request and response augmentation and body-parser cost this process about as much CPU as
 * answering a compiled read: `{ __typename }` took 325 µs per request through Express and 167 µs
 * here, a member by id 381 → 190 µs (docs/benchmarks.md). The route runs the same middlewares as
 * the Express chain (counts, security headers, request scope, authentication, rate limit), parses
 * the body as body-parser's strict JSON parser does, and hands the request to Apollo's own HTTP
 * handling, as the Express integration does.
 *
 * Requests it does not take — another method, path, content type, charset or encoding, no length
 * or more than the limit — reach the Express chain, which answers them (including 413 and 415)
 * exactly as before.
 */
export function graphqlPostRoute(options: {
  apollo: ApolloServer<GraphQLContext>;
  middlewares: readonly HttpMiddleware[];
  context: (req: IncomingMessage) => Promise<GraphQLContext>;
}): GraphQLPostRoute {
  const { apollo, middlewares, context } = options;
  const fail = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => httpErrorHandler(error, req, res, () => res.destroy());

  async function respond(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: strictJson(raw) },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    accepts(req) {
      if (req.method !== 'POST' || req.url !== '/graphql') return false;
      const encoding = req.headers['content-encoding'];
      const length = Number(req.headers['content-length']);
      return PLAIN_JSON.test(req.headers['content-type'] ?? '') && (!encoding || encoding === 'identity') && length > 0 && length <= BODY_LIMIT_BYTES;
    },
    handle(req, res) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A client that went away mid-body gets no answer; without a listener the error would be thrown.
      req.on('error', () => res.destroy());
      // The request scope opens after the body is read (in the middlewares), so all that follows runs in it.
      req.on('end', () => {
        const onError = fail(req, res);
        runMiddlewares(req, res, middlewares, () => respond(req, res, Buffer.concat(chunks)).catch(onError), onError);
      });
    },
  };
}

/** body-parser's strict JSON: an object or an array (a leading byte order mark ignored), else a 400. */
function strictJson(raw: Buffer): unknown {
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('the body is not a JSON object or array');
    return JSON.parse(text);
  } catch (error) {
    throw Object.assign(error as Error, { status: 400 });
  }
}
