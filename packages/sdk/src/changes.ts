import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client as WsClient } from 'graphql-ws';
import type { DangjianClient } from './client.js';
import { subscriptionError } from './client.js';
import type { GraphQLRequestError } from './errors.js';
import { ChangesDocument, type ChangeEventFieldsFragment, type ChangesSubscriptionVariables } from './generated/graphql.js';
import { backoffDelay, operationOf, queryText, type BackoffOptions } from './util.js';

/** Where the last processed cursor is kept between runs. `get`/`set` may be synchronous or return promises. */
export interface CursorStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, cursor: string): void | Promise<void>;
}

/** Keeps cursors in memory (lost when the process ends): the default. */
export function memoryCursorStore(initial: Record<string, string> = {}): CursorStore & { readonly cursors: Map<string, string> } {
  const cursors = new Map(Object.entries(initial));
  return {
    cursors,
    get: (key) => cursors.get(key) ?? null,
    set: (key, cursor) => void cursors.set(key, cursor),
  };
}

export interface ChangeFilter {
  /** Only these entity types, e.g. `['Member', 'Organization']`. */
  entityTypes?: string[];
  /** Only changes within this organization (global id)… */
  organizationId?: string;
  /** …and its whole subtree (default true). */
  includeDescendants?: boolean;
}

/** A minimal event: custom documents must select at least `sequence` and `cursor`. */
export interface ChangeEventLike {
  sequence: string;
  cursor: string;
}

export type SubscriptionStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface SubscribeChangesOptions<TEvent extends ChangeEventLike = ChangeEventFieldsFragment> {
  /** The client whose URL, credentials and WebSocket are used. */
  client: DangjianClient;
  /** Called once per event, in commit order; the next event waits until the returned promise settles. */
  onEvent(event: TEvent): void | Promise<void>;
  /** Start after this cursor when the store has none (omitted: only events committed after subscribing). */
  after?: string | null;
  filter?: ChangeFilter;
  /** Where the last processed cursor is kept (default: in memory). Use a persistent store to resume after a restart. */
  store?: CursorStore;
  /** Key of this subscription in the store (default: derived from the filter). */
  storeKey?: string;
  /** Reconnection back-off (default 500 ms doubling up to 30 s, jittered). */
  backoff?: BackoffOptions;
  /** A custom selection: a subscription on `changes` with the same variables (must select sequence and cursor). */
  document?: TypedDocumentNode<{ changes: TEvent }, ChangesSubscriptionVariables>;
  /** Pause the socket when this many received events wait for `onEvent` (default 1000); resumes from the cursor once drained. */
  maxBufferedEvents?: number;
  /** Each resubscription and its cause (a lost connection, or SUBSCRIBER_LAGGING with delayMs 0), e.g. for logging. */
  onRetry?(error: GraphQLRequestError, info: { attempt: number; delayMs: number }): void;
  onStatus?(status: SubscriptionStatus): void;
}

export interface ChangeSubscription {
  /** The cursor of the last event processed (also kept in the store). */
  readonly cursor: string | null;
  readonly status: SubscriptionStatus;
  /** Settles when the subscription stops: resolves after `stop()`, rejects with the error that stopped it (or that `onEvent` threw). */
  readonly done: Promise<void>;
  /** Stops, lets the event being processed finish, and resolves once stopped. */
  stop(): Promise<void>;
}

/** Close codes after which reconnecting cannot help (bad request, unauthorized, forbidden, unsupported protocol). */
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4406]);

function isFatal(error: GraphQLRequestError): boolean {
  if (error.code !== 'NETWORK_ERROR') return error.code !== 'SUBSCRIBER_LAGGING' && error.code !== 'INTERNAL_SERVER_ERROR' && error.code !== 'RATE_LIMITED';
  const closeCode = (error.extensions as { closeCode?: number }).closeCode;
  return closeCode !== undefined && FATAL_CLOSE_CODES.has(closeCode);
}

export function defaultStoreKey(filter: ChangeFilter = {}): string {
  const parts = [
    filter.organizationId ? `org=${filter.organizationId}${filter.includeDescendants === false ? '' : '+'}` : 'all',
    filter.entityTypes?.length ? `types=${[...filter.entityTypes].sort().join(',')}` : '',
  ];
  return `changes:${parts.filter(Boolean).join(':')}`;
}

/**
 * Follows the change feed: replays what was missed since the stored cursor, then streams live.
 * Remembers the last processed cursor, reconnects with back-off after any disconnect (network
 * loss, server restart), resubscribes from `resumeAfter` when the server reports
 * SUBSCRIBER_LAGGING, and never hands the same event to `onEvent` twice.
 */
export function subscribeChanges<TEvent extends ChangeEventLike = ChangeEventFieldsFragment>(
  options: SubscribeChangesOptions<TEvent>,
): ChangeSubscription {
  const store = options.store ?? memoryCursorStore();
  const key = options.storeKey ?? defaultStoreKey(options.filter);
  const document = (options.document ?? ChangesDocument) as TypedDocumentNode<{ changes: TEvent }, ChangesSubscriptionVariables>;
  const operationName = operationOf(document).name?.value;
  const maxBuffered = options.maxBufferedEvents ?? 1000;

  let status: SubscriptionStatus = 'connecting';
  let processedCursor: string | null = null;
  /** Cursor of the newest event received (processed or queued): where a new subscription resumes. */
  let receivedCursor: string | null = null;
  let lastSequence: bigint | null = null;
  const queue: TEvent[] = [];
  let draining = false;
  let stopped = false;
  let paused = false;
  let failures = 0;
  let socket: WsClient | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let attemptId = 0;

  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined);
  let idle: Promise<void> = Promise.resolve();

  function setStatus(next: SubscriptionStatus): void {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  }

  function closeSocket(): void {
    attemptId += 1;
    const current = socket;
    socket = null;
    void current?.dispose();
  }

  function finish(error?: unknown): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(reconnectTimer);
    closeSocket();
    setStatus('stopped');
    void idle.then(() => (error === undefined ? settle.resolve() : settle.reject(error)));
  }

  function connect(after: string | null): void {
    if (stopped) return;
    const attempt = ++attemptId;
    const client = options.client.createSocketClient({ retryAttempts: 0 });
    socket = client;
    const current = () => attempt === attemptId && !stopped;
    client.on('connected', () => {
      if (!current()) return;
      failures = 0;
      setStatus('live');
    });
    // Any close ends this attempt; graphql-ws would otherwise resubscribe on its own with the old cursor.
    client.on('closed', (event) => {
      if (current()) retry(subscriptionError(event, operationName));
    });
    const variables: ChangesSubscriptionVariables = {
      after,
      entityTypes: options.filter?.entityTypes ?? null,
      organizationId: options.filter?.organizationId ?? null,
      includeDescendants: options.filter?.includeDescendants ?? true,
    };
    client.subscribe<{ changes: TEvent }>(
      { query: queryText(document), variables, operationName },
      {
        next: (result) => {
          if (!current()) return;
          // A field that failed to resolve (e.g. `entity`) still leaves a usable event: deliver it.
          const event = result.data?.changes;
          if (event) receive(event);
          else if (result.errors?.length) retry(subscriptionError(result.errors, operationName));
        },
        error: (error) => {
          if (current()) retry(subscriptionError(error, operationName));
        },
        // The feed never ends by itself: a completion means the server is going away.
        complete: () => {
          if (current()) retry(subscriptionError({ code: 1001, reason: '服务端结束了订阅' }, operationName));
        },
      },
    );
  }

  function retry(error: GraphQLRequestError): void {
    if (stopped) return;
    closeSocket();
    if (isFatal(error)) return finish(error);
    if (error.code === 'SUBSCRIBER_LAGGING') {
      // Resume right away from where the server stopped delivering (events already received are skipped).
      const resumeAfter = (error.extensions as { resumeAfter?: string }).resumeAfter;
      options.onRetry?.(error, { attempt: failures, delayMs: 0 });
      setStatus('reconnecting');
      return connect(resumeAfter ?? receivedCursor);
    }
    failures += 1;
    const delayMs = backoffDelay(failures, options.backoff ?? {}, { initialDelayMs: 500, maxDelayMs: 30_000 });
    options.onRetry?.(error, { attempt: failures, delayMs });
    setStatus('reconnecting');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => {
      if (!paused) connect(receivedCursor);
    }, delayMs);
  }

  function receive(event: TEvent): void {
    const sequence = BigInt(event.sequence);
    if (lastSequence !== null && sequence <= lastSequence) return;
    lastSequence = sequence;
    receivedCursor = event.cursor;
    queue.push(event);
    if (queue.length >= maxBuffered && !paused) {
      // Flow control: stop receiving until the handler has caught up, then resume from the cursor.
      paused = true;
      closeSocket();
    }
    if (!draining) idle = drain();
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length && !stopped) {
        const event = queue.shift()!;
        await options.onEvent(event);
        processedCursor = event.cursor;
        await store.set(key, event.cursor);
      }
      if (paused && !stopped) {
        paused = false;
        connect(receivedCursor);
      }
    } catch (error) {
      // The failed event is not marked processed: the next run starts again from it.
      queue.length = 0;
      finish(error);
    } finally {
      draining = false;
    }
  }

  void (async () => {
    try {
      const stored = await store.get(key);
      processedCursor = stored ?? options.after ?? null;
      receivedCursor = processedCursor;
      if (!stopped) connect(processedCursor);
    } catch (error) {
      finish(error);
    }
  })();

  return {
    get cursor() {
      return processedCursor;
    },
    get status() {
      return status;
    },
    done,
    async stop() {
      finish();
      await done.catch(() => undefined);
    },
  };
}

