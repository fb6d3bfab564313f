import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { createClient as createWsClient, type Client as WsClient, type ClientOptions as WsClientOptions } from 'graphql-ws';
import { authConnectionParams, authHeaders, resolveAuth, type AuthOption } from './auth.js';
import { GraphQLRequestError, networkError, toErrorItem, type FormattedError } from './errors.js';
import { fetchTransport, type Transport } from './transport.js';
import { backoffDelay, operationOf, queryText, randomKey, sleep, toWebSocketUrl, type BackoffOptions } from './util.js';

type Variables = Record<string, unknown>;

export interface RetryOptions extends BackoffOptions {
  /** Total tries including the first (default 4). Only transient failures are retried: no response, HTTP 408/429/5xx, RATE_LIMITED. */
  attempts?: number;
}

export interface ClientOptions {
  /** HTTP endpoint, e.g. `https://dangjian.example.cn/graphql`. */
  url: string;
  /** WebSocket endpoint for subscriptions; default: `url` with `ws(s)://` (a relative `url` resolves against the page). */
  wsUrl?: string;
  /** Credentials, sent as headers over HTTP and in `connection_init` over WebSocket. */
  auth?: AuthOption;
  /** Extra headers for every HTTP request (or a function returning them). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** How requests and sockets are made; default `fetchTransport()` (global `fetch` and `WebSocket`). */
  transport?: Transport;
  /** WebSocket class for subscriptions; overrides `transport.WebSocket`. In Node 20: `import WebSocket from 'ws'`. */
  webSocketImpl?: unknown;
  /** Retries of transient failures (default 4 tries, 300 ms doubling up to 10 s); `false` turns them off. */
  retry?: RetryOptions | false;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** WebSocket keep-alive: ping after this many idle milliseconds and drop the connection if no pong comes within the same time (default 15 000; 0 turns it off). */
  keepAliveMs?: number;
}

export interface RequestOptions {
  /** Extra headers for this request. */
  headers?: Record<string, string>;
  /** Overrides the client's retry policy for this request. */
  retry?: RetryOptions | false;
  timeoutMs?: number;
}

export interface MutateOptions extends RequestOptions {
  /**
   * Idempotency key. Default: a new random key per `mutate` call, reused by every retry of that call,
   * so a retried mutation is applied once. Pass your own to make retries across calls (e.g. after an
   * app restart) safe as well.
   */
  idempotencyKey?: string;
}

/** The raw response of a request. */
export interface ExecutionResult<TData> {
  data?: TData | null;
  errors?: FormattedError[];
  extensions?: Record<string, unknown>;
  status: number;
  requestId?: string;
}

export interface SubscriptionSink<TData> {
  next(data: TData): void;
  error(error: GraphQLRequestError): void;
  complete?(): void;
}

/** Variables are optional when the operation has no required variable. */
export type VariablesArgs<TVariables, TOptions> = Record<string, never> extends TVariables
  ? [variables?: TVariables, options?: TOptions]
  : [variables: TVariables, options?: TOptions];

export interface DangjianClient {
  readonly url: string;
  readonly wsUrl: string;
  /** Runs a query; resolves with its typed data, rejects with GraphQLRequestError. */
  query<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: VariablesArgs<TVariables, RequestOptions>
  ): Promise<TData>;
  /** Runs a mutation with an idempotency key (so its automatic retries never apply it twice). */
  mutate<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: VariablesArgs<TVariables, MutateOptions>
  ): Promise<TData>;
  /** Runs a query or mutation and returns the raw result, partial data and errors included (rejects only on network failure). */
  request<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: VariablesArgs<TVariables, MutateOptions>
  ): Promise<ExecutionResult<TData>>;
  /**
   * Starts a subscription; returns a function that ends it. For the change feed prefer
   * `subscribeChanges()`, which resumes after disconnects without losing or repeating events.
   */
  subscribe<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    sink: SubscriptionSink<TData>,
  ): () => void;
  /** A new graphql-ws client with this client's URL, credentials and WebSocket (used by `subscribeChanges`). */
  createSocketClient(options?: Partial<WsClientOptions>): WsClient;
  /** Closes the shared WebSocket, if any. */
  dispose(): Promise<void>;
}

const DEFAULT_RETRY = { attempts: 4, initialDelayMs: 300, maxDelayMs: 10_000 };

/** The first error's message on a response with errors, for GraphQLRequestError. */
function toRequestError(result: ExecutionResult<unknown>, operationName?: string): GraphQLRequestError {
  return new GraphQLRequestError({
    errors: (result.errors ?? []).map(toErrorItem),
    operationName,
    status: result.status,
    requestId: result.requestId,
    data: result.data ?? undefined,
  });
}

/** Turns what graphql-ws reports to a sink (GraphQL errors, a close event or an Error) into a GraphQLRequestError. */
export function subscriptionError(error: unknown, operationName?: string): GraphQLRequestError {
  if (Array.isArray(error)) return new GraphQLRequestError({ errors: error.map((e) => toErrorItem(e as FormattedError)), operationName });
  if (error instanceof GraphQLRequestError) return error;
  const close = error as { code?: unknown; reason?: unknown };
  if (typeof close?.code === 'number') {
    const reason = typeof close.reason === 'string' && close.reason ? `：${close.reason}` : '';
    return new GraphQLRequestError({
      errors: [toErrorItem({ message: `订阅连接已关闭（${close.code}${reason}）`, extensions: { code: 'NETWORK_ERROR', closeCode: close.code } })],
      operationName,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : '订阅连接出错';
  return networkError(`订阅连接出错：${message}`, { operationName, cause: error });
}

/** Drops a connection whose peer stopped answering pings (a half-open TCP connection never closes by itself). */
function watchPongs(client: WsClient, timeoutMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  client.on('ping', (received) => {
    if (received) return;
    clearTimeout(timer);
    timer = setTimeout(() => client.terminate(), timeoutMs);
  });
  client.on('pong', (received) => {
    if (received) clearTimeout(timer);
  });
  client.on('closed', () => clearTimeout(timer));
}

/**
 * A small client without Apollo or React, for Node services and mini-programs: typed `query` and
 * `mutate`, typed errors, automatic retries of transient failures with idempotency keys on mutations,
 * and subscriptions over graphql-ws.
 */
export function createClient(options: ClientOptions): DangjianClient {
  const url = options.url;
  const wsUrl = options.wsUrl ?? toWebSocketUrl(url);
  const transport = options.transport ?? fetchTransport();
  const webSocketImpl = options.webSocketImpl ?? transport.WebSocket;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  let shared: WsClient | undefined;

  async function request(document: DocumentNode, variables: Variables | undefined, opts: MutateOptions = {}): Promise<ExecutionResult<unknown>> {
    const operation = operationOf(document);
    if (operation.operation === 'subscription') throw new Error('订阅请使用 subscribe() 或 subscribeChanges()');
    const operationName = operation.name?.value;
    const idempotencyKey = operation.operation === 'mutation' ? (opts.idempotencyKey ?? randomKey()) : undefined;
    const retry = opts.retry === undefined ? options.retry : opts.retry;
    const attempts = retry === false ? 1 : (retry?.attempts ?? DEFAULT_RETRY.attempts);
    const body = JSON.stringify({ query: queryText(document), variables: variables ?? {}, operationName });
    for (let attempt = 1; ; attempt += 1) {
      const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...authHeaders(await resolveAuth(options.auth)),
        ...lowerCase(extra),
        ...lowerCase(opts.headers),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      };
      let failure: GraphQLRequestError;
      try {
        const response = await transport.http({ url, method: 'POST', headers, body, timeoutMs: opts.timeoutMs ?? options.timeoutMs ?? 30_000 });
        const requestId = response.headers['x-request-id'];
        const parsed = parseBody(response.body);
        if (parsed) {
          const result: ExecutionResult<unknown> = { ...parsed, status: response.status, requestId };
          const rateLimited = result.errors?.length && result.errors.every((e) => e.extensions?.code === 'RATE_LIMITED');
          if (!rateLimited || attempt >= attempts) return result;
          failure = toRequestError(result, operationName);
        } else {
          failure = networkError(`服务返回的不是 GraphQL 结果（HTTP ${response.status}）`, { status: response.status, operationName, requestId });
        }
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        failure = networkError(`网络请求失败：${message}`, { operationName, cause });
      }
      if (!failure.transient || attempt >= attempts) throw failure;
      await sleep(backoffDelay(attempt, retry || {}, DEFAULT_RETRY));
    }
  }

  function socketClient(overrides: Partial<WsClientOptions> = {}): WsClient {
    const client = createWsClient({
      url: wsUrl,
      webSocketImpl,
      lazy: true,
      keepAlive: keepAliveMs,
      connectionParams: async () => authConnectionParams(await resolveAuth(options.auth)),
      ...overrides,
    });
    if (keepAliveMs > 0) watchPongs(client, keepAliveMs);
    return client;
  }

  async function data(document: DocumentNode, variables: Variables | undefined, opts?: MutateOptions): Promise<unknown> {
    const result = await request(document, variables, opts);
    if (result.errors?.length || result.data == null) throw toRequestError(result, operationOf(document).name?.value);
    return result.data;
  }

  return {
    url,
    wsUrl,
    query: (document, ...[variables, opts]) => data(document, variables, opts) as Promise<never>,
    mutate: (document, ...[variables, opts]) => data(document, variables, opts) as Promise<never>,
    request: (document, ...[variables, opts]) => request(document, variables, opts) as Promise<never>,
    subscribe(document, variables, sink) {
      shared ??= socketClient({ retryAttempts: 5 });
      const operationName = operationOf(document).name?.value;
      return shared.subscribe(
        { query: queryText(document), variables, operationName },
        {
          next: (result) => {
            if (result.errors?.length) sink.error(new GraphQLRequestError({ errors: result.errors.map((e) => toErrorItem(e as FormattedError)), operationName }));
            else if (result.data) sink.next(result.data as never);
          },
          error: (error) => sink.error(subscriptionError(error, operationName)),
          complete: () => sink.complete?.(),
        },
      );
    },
    createSocketClient: socketClient,
    async dispose() {
      await shared?.dispose();
      shared = undefined;
    },
  };
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

function parseBody(body: string): { data?: unknown; errors?: FormattedError[]; extensions?: Record<string, unknown> } | null {
  try {
    const json = JSON.parse(body) as unknown;
    if (json && typeof json === 'object' && ('data' in json || 'errors' in json)) return json as never;
  } catch {
    // not JSON: reported as a network error by the caller
  }
  return null;
}
