import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { adminToken } from './harness';

export interface ReceivedEvent {
  sequence: string;
  cursor: string;
  entityType: string;
  entityId: string;
  operation: string;
  organizationPath: string | null;
}

export interface Subscriber {
  events: ReceivedEvent[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `count` events have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

export const EVENT_FIELDS = 'sequence cursor entityType entityId operation organizationPath';

/**
 * A real graphql-ws client over a real WebSocket, collecting what one subscription delivers.
 * Connects as an ADMIN unless `connectionParams` say otherwise.
 */
export function subscribe(wsUrl: string, query: string, variables: Record<string, unknown> = {}, connectionParams?: Record<string, unknown>): Subscriber {
  const params = async () => connectionParams ?? { authorization: `Bearer ${await adminToken()}` };
  const client: Client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: false });
  const subscriber: Subscriber = {
    events: [],
    errors: [],
    completed: false,
    async waitFor(count, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      while (subscriber.events.length < count) {
        if (subscriber.errors.length) throw new Error(`subscription failed: ${JSON.stringify(subscriber.errors)}`);
        if (Date.now() > deadline) throw new Error(`timed out with ${subscriber.events.length}/${count} events`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return subscriber.events;
    },
    close: async () => {
      await client.dispose();
    },
  };
  client.subscribe<Record<string, ReceivedEvent>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) subscriber.errors.push(...result.errors);
        if (result.data) subscriber.events.push(Object.values(result.data)[0]);
      },
      error: (error) => subscriber.errors.push(error),
      complete: () => {
        subscriber.completed = true;
      },
    },
  );
  return subscriber;
}
