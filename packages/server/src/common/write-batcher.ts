/**
 * Runs at most `concurrency` batches at once. Items that arrive while all are busy wait in arrival
 * order; when a place frees, the first waiting item goes with every other waiting item of the same
 * key (up to `maxBatch`) as one batch. An item that finds a free place goes alone, at once: nothing
 * waits for a batch to fill.
 */
export class WriteBatcher<Item, Result> {
  private active = 0;
  private pending: Array<{ key: string; item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly options: {
      concurrency: number;
      maxBatch: number;
      /** One result per item, in order. A throw fails every item of the batch. */
      run: (items: Item[]) => Promise<Result[]>;
    },
  ) {}

  /** Items waiting for a place. */
  get waiting(): number {
    return this.pending.length;
  }

  submit(key: string, item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, item, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.active < this.options.concurrency && this.pending.length) {
      const { key } = this.pending[0];
      const batch: typeof this.pending = [];
      const rest: typeof this.pending = [];
      for (const entry of this.pending) (entry.key === key && batch.length < this.options.maxBatch ? batch : rest).push(entry);
      this.pending = rest;
      this.active++;
      void this.options
        .run(batch.map((entry) => entry.item))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index])),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.active--;
          this.dispatch();
        });
    }
  }
}
