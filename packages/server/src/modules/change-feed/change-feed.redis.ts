import Redis from 'ioredis';
import type { ChangeFeedHub } from './change-feed.hub';

const CHANNEL = 'dangjian:change-feed';

/**
 * Carries "new events were committed" signals between server instances. It carries no events:
 * every instance reads them from the PostgreSQL log, so a Redis outage only delays delivery
 * until the hub's next poll.
 */
export class RedisChangeSignal {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, hub: ChangeFeedHub) {
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => console.warn('[change-feed] Redis unavailable, falling back to polling:', error.message));
    }
    this.subscriber.on('message', () => hub.poke());
    // Reconnected after an outage: events may have committed meanwhile.
    this.subscriber.on('ready', () => hub.poke());
  }

  async start(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]).catch((error: Error) =>
      console.warn('[change-feed] Redis not reachable at start:', error.message),
    );
    await this.subscriber.subscribe(CHANNEL).catch(() => undefined);
  }

  /** Tells every instance that the log has grown. Losing this message is harmless. */
  committed(): void {
    this.publisher.publish(CHANNEL, '1').catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
