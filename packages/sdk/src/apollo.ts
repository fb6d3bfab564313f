/**
 * Apollo Client for web apps (React through `@apollo/client/react`). Import from
 * `@dangjian/sdk/apollo`; `@apollo/client` 4 and `rxjs` 7 are peer dependencies.
 */
import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
  ServerParseError,
  type FieldPolicy,
  type InMemoryCacheConfig,
  type Reference,
  type TypePolicies,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { RetryLink } from '@apollo/client/link/retry';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { authConnectionParams, authHeaders, resolveAuth, type AuthOption } from './auth.js';
import { GraphQLRequestError, networkError, toErrorItem, type FormattedError } from './errors.js';
import possibleTypesResult from './generated/possible-types.js';
import { connectionFields, entityLookupFields } from './generated/schema-policies.js';
import { randomKey, toWebSocketUrl } from './util.js';

export { connectionFields, entityLookupFields };

/** Union and interface members (generated from the schema by codegen's fragment-matcher plugin). */
export const possibleTypes = possibleTypesResult.possibleTypes;

type Connection = { __typename?: string; edges?: Array<{ cursor?: string; node: unknown }>; nodes?: unknown[]; pageInfo?: unknown };

/**
 * A Relay connection field policy: `relayStylePagination` (so `fetchMore({ variables: { after } })`
 * appends the next page) that also serves `nodes`, the server's shortcut for `edges.node`.
 * `keyArgs` are the arguments that make a different list (filters, ordering), never first/after.
 */
export function connectionPolicy(keyArgs: string[] | false): FieldPolicy {
  const relay = relayStylePagination(keyArgs) as Required<Pick<FieldPolicy, 'read' | 'merge'>> & FieldPolicy;
  const read = relay.read as (existing: unknown, options: never) => Connection | undefined;
  const merge = relay.merge as (existing: unknown, incoming: unknown, options: never) => Connection;
  return {
    keyArgs,
    read(existing, options) {
      const result = read(existing, options as never);
      if (!result) return result;
      return { ...result, nodes: (result.edges ?? []).map((edge) => options.readField<Reference>('node', edge as unknown as Reference)) };
    },
    merge(existing, incoming: Connection | undefined, options) {
      let page = incoming;
      if (incoming && !incoming.edges && incoming.nodes) {
        // A query that selected only `nodes`: store it as edges, whose first and last cursors relayStylePagination takes from pageInfo.
        const edgeType = incoming.__typename?.replace(/Connection$/, 'Edge');
        page = { ...incoming, edges: incoming.nodes.map((node) => ({ ...(edgeType ? { __typename: edgeType } : {}), cursor: '', node })) };
      }
      if (page) {
        const { nodes: _nodes, ...withoutNodes } = page;
        page = withoutNodes;
      }
      return merge(existing, page, options as never);
    },
  };
}

/** Cache policies for the whole schema: every connection paginates, lookups by id read from the cache first. */
export function createTypePolicies(extra: TypePolicies = {}): TypePolicies {
  const policies: TypePolicies = {};
  for (const [typeName, fields] of Object.entries(connectionFields)) {
    policies[typeName] = {
      fields: Object.fromEntries(Object.entries(fields).map(([field, keyArgs]) => [field, connectionPolicy(keyArgs.length ? [...keyArgs] : false)])),
    };
  }
  const queryFields = (policies.Query ??= {}).fields ?? {};
  for (const [field, typeName] of Object.entries(entityLookupFields)) {
    queryFields[field] = {
      read(existing, { args, toReference, canRead }) {
        if (existing !== undefined || typeof args?.id !== 'string') return existing;
        const reference = toReference({ __typename: typeName, id: args.id });
        return canRead(reference) ? reference : undefined;
      },
    };
  }
  policies.Query.fields = queryFields;
  // Change events have no `id`; their sequence is unique and never reused.
  policies.ChangeEvent = { keyFields: ['sequence'] };
  for (const [typeName, policy] of Object.entries(extra)) {
    const base = policies[typeName] ?? {};
    policies[typeName] = { ...base, ...policy, fields: { ...(base.fields as object), ...(policy.fields as object) } };
  }
  return policies;
}

/** An InMemoryCache configured for this schema (ids, Relay pagination, possibleTypes). */
export function createCache(config: Omit<InMemoryCacheConfig, 'possibleTypes'> = {}): InMemoryCache {
  return new InMemoryCache({ ...config, possibleTypes, typePolicies: createTypePolicies(config.typePolicies) });
}

/** Whether an error from the HTTP link is worth retrying (no response, or a gateway/overload status). */
export function isTransientNetworkError(error: unknown): boolean {
  if (ServerParseError.is(error)) return false;
  if (ServerError.is(error)) return error.statusCode === 408 || error.statusCode === 429 || error.statusCode >= 500;
  return !(error instanceof Error && error.name === 'AbortError');
}

/**
 * The same typed error the small client throws, from whatever Apollo reports (`error` of
 * `useQuery`/`useMutation`, or a rejected `client.query`): `toGraphQLRequestError(error)?.is('NOT_FOUND')`.
 */
export function toGraphQLRequestError(error: unknown): GraphQLRequestError | undefined {
  if (error == null) return undefined;
  if (error instanceof GraphQLRequestError) return error;
  if (CombinedGraphQLErrors.is(error)) {
    return new GraphQLRequestError({ errors: error.errors.map((e) => toErrorItem(e as FormattedError)), data: error.data ?? undefined, cause: error });
  }
  if (ServerError.is(error)) return networkError(error.message, { status: error.statusCode, cause: error });
  return networkError(error instanceof Error ? error.message : String(error), { cause: error });
}

export interface ApolloClientOptions {
  /** HTTP endpoint, e.g. `https://dangjian.example.cn/graphql`. */
  url: string;
  /** WebSocket endpoint; default: `url` with `ws(s)://` (a relative `url` such as `/graphql` resolves against the page). `false`: no subscriptions. */
  wsUrl?: string | false;
  /** Credentials, sent as headers over HTTP and in `connection_init` over WebSocket. */
  auth?: AuthOption;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
  /** WebSocket class; needed where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  /** fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Retries of transient network failures (default 4 tries, 300 ms doubling up to 10 s); `false` turns them off. */
  retry?: { attempts?: number; initialDelayMs?: number; maxDelayMs?: number } | false;
  /** Your own cache (default: `createCache()`). */
  cache?: InMemoryCache;
  /** Extra type policies merged into the generated ones. */
  typePolicies?: TypePolicies;
  /** Default options for `useQuery`, `query`, `mutate`… */
  defaultOptions?: ApolloClient.DefaultOptions;
  /** Reported to the server as `apollographql-client-name` / `-version`. */
  clientAwareness?: { name?: string; version?: string };
}

declare module '@apollo/client' {
  interface DefaultContext {
    /** Idempotency key of a mutation; default: a new random key per mutation, reused by its retries. */
    idempotencyKey?: string;
  }
}

/**
 * An Apollo Client for this API: HTTP for queries and mutations, graphql-ws for subscriptions,
 * credentials on both, retries of transient network failures (mutations carry an
 * `Idempotency-Key`, so a retry is applied once), and a cache that knows the schema.
 */
export function createApolloClient(options: ApolloClientOptions): ApolloClient {
  const wsUrl = options.wsUrl === undefined ? toWebSocketUrl(options.url) : options.wsUrl;

  const contextLink = new SetContextLink(async (previous, operation) => {
    const headers: Record<string, string> = {
      ...(previous.headers as Record<string, string> | undefined),
      ...options.headers,
      ...authHeaders(await resolveAuth(options.auth)),
    };
    if (operation.operationType === 'mutation') headers['idempotency-key'] = previous.idempotencyKey ?? randomKey();
    return { headers };
  });

  const retry = options.retry;
  const retryLink = new RetryLink({
    attempts: { max: retry === false ? 1 : (retry?.attempts ?? 4), retryIf: (error) => isTransientNetworkError(error) },
    delay: { initial: (retry || {}).initialDelayMs ?? 300, max: (retry || {}).maxDelayMs ?? 10_000, jitter: true },
  });

  const httpLink = new HttpLink({ uri: options.url, fetch: options.fetch });

  let link: ApolloLink = ApolloLink.from([retryLink, httpLink]);
  if (wsUrl) {
    const wsClient: WsClient = createWsClient({
      url: wsUrl,
      webSocketImpl: options.webSocketImpl,
      lazy: true,
      keepAlive: 15_000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: async () => authConnectionParams(await resolveAuth(options.auth)),
    });
    link = ApolloLink.split((operation) => operation.operationType === 'subscription', new GraphQLWsLink(wsClient), link);
  }

  return new ApolloClient({
    link: ApolloLink.from([contextLink, link]),
    cache: options.cache ?? createCache({ typePolicies: options.typePolicies }),
    defaultOptions: options.defaultOptions,
    clientAwareness: options.clientAwareness,
  });
}
