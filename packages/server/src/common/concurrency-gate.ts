/** Runs at most `limit` tasks at once; the rest wait their turn in arrival order. */
export class ConcurrencyGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Tasks waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      // A finished task hands its place straight to the next one, so none can jump the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
