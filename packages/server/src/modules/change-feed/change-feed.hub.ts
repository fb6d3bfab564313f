import type { MikroORM } from '@mikro-orm/postgresql';
import { hydrate } from '../../common/hydration';
import { GraphQLError } from 'graphql';
import { ChangeEvent } from './change-event.entity';
import { encodeSequenceCursor } from './change-feed.loaders';
import { applyStreamFilter, matchesFilter, type ChangeStreamFilter } from './change-stream-filter';

export interface ChangeFeedOptions {
  /** Safety net: how often the log is read even without any signal. */
  pollIntervalMs: number;
  /** Events a subscriber may have waiting before it is told to resume later. */
  bufferLimit: number;
  /** Rows per read of the log. */
  batchSize: number;
}

export const LAGGING_CODE = 'SUBSCRIBER_LAGGING';

type Row = Record<string, unknown>;

/**
 * Tails the change_event log once per server instance and fans new events out to every local
 * subscriber. Sequences are gap-free and become visible in order, so reading `sequence > last`
 * never skips an event; signals (local commits, Redis) only make delivery faster.
 */
export class ChangeFeedHub {
  private lastSeen = 0;
  private readonly streams = new Set<ChangeStream>();
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timer?: NodeJS.Timeout;
  private readonly listeners = new Set<(sequence: number) => void>();

  constructor(
    private readonly orm: MikroORM,
    readonly options: ChangeFeedOptions,
  ) {}

  async start(): Promise<void> {
    const [row] = await this.orm.em.fork().execute<Array<{ last: string | null }>>('select max(sequence) as last from change_event');
    this.lastSeen = Number(row.last ?? 0);
    this.timer = setInterval(() => this.poke(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    for (const stream of this.streams) stream.close();
  }

  get subscriberCount(): number {
    return this.streams.size;
  }

  /** The highest sequence this instance has dispatched. */
  get lastSequence(): number {
    return this.lastSeen;
  }

  /** Called after every delivered batch; used by tests and benchmarks. */
  onDispatched(listener: (sequence: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A commit of this instance logged events up to `sequence`. Every lower sequence committed
   * before it (the counter's row lock is held to commit), so with nobody to hand events to, the
   * hub moves past them without reading the log.
   */
  reached(sequence: number): void {
    if (this.streams.size || this.listeners.size || this.reading) this.poke();
    else this.lastSeen = Math.max(this.lastSeen, sequence);
  }

  /** New events may exist: read the log soon. Calls arriving during a read cause one more read. */
  poke(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNewEvents().finally(() => {
      this.reading = null;
      if (this.readAgain) {
        this.readAgain = false;
        this.poke();
      }
    });
  }

  private async readNewEvents(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.readLog(this.lastSeen, undefined, { viewerScopePath: null }, this.options.batchSize);
        if (!rows.length) return;
        for (const event of rows) {
          this.lastSeen = Number(event.sequence);
          for (const stream of this.streams) stream.offer(event);
        }
        for (const listener of this.listeners) listener(this.lastSeen);
        if (rows.length < this.options.batchSize) return;
      }
    } catch (error) {
      // The database may be briefly unreachable; the next poke or poll picks up where this stopped.
      console.error('[change-feed] reading the log failed', error);
    }
  }

  /** Log rows with after < sequence <= upTo that match the filter, oldest first. */
  async readLog(after: number, upTo: number | undefined, filter: ChangeStreamFilter, limit: number): Promise<ChangeEvent[]> {
    const em = this.orm.em.fork();
    const qb = em.getKnex()('change_event').where('sequence', '>', after).orderBy('sequence').limit(limit);
    if (upTo !== undefined) qb.where('sequence', '<=', upTo);
    const rows: Row[] = await em.execute(applyStreamFilter(qb, filter));
    return rows.map((row) => hydrate(em, ChangeEvent, row));
  }

  /** A stream of events after `after` (replayed from the log, then live) matching `filter`. */
  subscribe(after: number | null, filter: ChangeStreamFilter): ChangeStream {
    const stream = new ChangeStream(this, after ?? this.lastSeen, filter, () => this.streams.delete(stream));
    this.streams.add(stream);
    return stream;
  }
}

/**
 * One subscriber's stream. While replaying it buffers live events; once the replay has caught
 * up with the hub it drops what the replay already covered and goes live, so the switch has no
 * gap and no duplicate. A subscriber that falls too far behind is ended with SUBSCRIBER_LAGGING
 * and the cursor to resume from, never silently skipped.
 */
export class ChangeStream implements AsyncIterableIterator<ChangeEvent> {
  private queue: ChangeEvent[] = [];
  private readonly liveBuffer: ChangeEvent[] = [];
  private replaying = true;
  private replayedUpTo = 0;
  private lagging = false;
  private closed = false;
  private signal?: () => void;

  constructor(
    private readonly hub: ChangeFeedHub,
    private cursor: number,
    private readonly filter: ChangeStreamFilter,
    private readonly onClose: () => void,
  ) {
    void this.replayLog();
  }

  /** Sequence of the last event handed to the subscriber (or the starting point). */
  get lastDelivered(): number {
    return this.cursor;
  }

  private async replayLog(): Promise<void> {
    const { batchSize } = this.hub.options;
    let position = this.cursor;
    try {
      for (;;) {
        const target = this.hub.lastSequence;
        while (position < target && !this.closed) {
          const rows = await this.hub.readLog(position, target, this.filter, batchSize);
          this.queue.push(...rows);
          position = rows.length < batchSize ? target : Number(rows[rows.length - 1].sequence);
          this.wake();
          await this.backPressure();
        }
        // Synchronous from the check to the switch: no live event can slip in between.
        if (this.closed || this.hub.lastSequence === target) {
          this.replayedUpTo = target;
          this.replaying = false;
          this.wake();
          return;
        }
      }
    } catch (error) {
      console.error('[change-feed] replay failed', error);
      this.lagging = true;
      this.wake();
    }
  }

  /** Replay must not read the log faster than a slow subscriber takes it. */
  private async backPressure(): Promise<void> {
    while (this.queue.length > this.hub.options.batchSize && !this.closed) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Called by the hub for every new event, in sequence order. */
  offer(event: ChangeEvent): void {
    if (this.closed || this.lagging) return;
    if (this.replaying) this.liveBuffer.push(event);
    else this.enqueueLive(event);
  }

  private enqueueLive(event: ChangeEvent): void {
    if (Number(event.sequence) <= this.replayedUpTo || !matchesFilter(event, this.filter)) return;
    if (this.queue.length >= this.hub.options.bufferLimit) {
      this.lagging = true;
      this.queue = [];
    } else {
      this.queue.push(event);
    }
    this.wake();
  }

  private wake(): void {
    const signal = this.signal;
    this.signal = undefined;
    signal?.();
  }

  async next(): Promise<IteratorResult<ChangeEvent>> {
    for (;;) {
      if (!this.replaying) for (const buffered of this.liveBuffer.splice(0)) this.enqueueLive(buffered);
      const event = this.queue.shift();
      if (event) {
        this.cursor = Number(event.sequence);
        return { value: event, done: false };
      }
      if (this.lagging) {
        this.close();
        throw new GraphQLError('订阅处理过慢，缓冲区已满；请以 extensions.resumeAfter 作为 after 参数重新订阅以补齐事件', {
          extensions: { code: LAGGING_CODE, resumeAfter: encodeSequenceCursor(this.cursor) },
        });
      }
      if (this.closed) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.signal = resolve));
    }
  }

  async return(): Promise<IteratorResult<ChangeEvent>> {
    this.close();
    return { value: undefined, done: true };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    this.wake();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
