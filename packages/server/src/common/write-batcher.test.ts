import { WriteBatcher } from './write-batcher';

/** A batcher whose batches finish only when the test releases them, recording what each carried. */
function controlled(concurrency: number, maxBatch: number) {
  const batches: string[][] = [];
  const releases: Array<(fail?: Error) => void> = [];
  const batcher = new WriteBatcher<string, string>({
    concurrency,
    maxBatch,
    run: (items) => {
      batches.push(items);
      return new Promise((resolve, reject) => releases.push((fail) => (fail ? reject(fail) : resolve(items.map((item) => `done ${item}`)))));
    },
  });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { batcher, batches, releases, tick };
}

describe('WriteBatcher', () => {
  it('sends an item at once when a place is free, and the items that waited meanwhile together, each getting its own result', async () => {
    const { batcher, batches, releases, tick } = controlled(1, 100);
    const first = batcher.submit('k', 'a');
    const waiting = ['b', 'c', 'd'].map((item) => batcher.submit('k', item));
    expect(batches).toEqual([['a']]);
    expect(batcher.waiting).toBe(3);
    releases[0]();
    await tick();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(batcher.waiting).toBe(0);
    releases[1]();
    expect(await Promise.all([first, ...waiting])).toEqual(['done a', 'done b', 'done c', 'done d']);
  });

  it('batches only items of one key, keeps arrival order and the batch size limit, and runs at most its concurrency at once', async () => {
    const { batcher, batches, releases, tick } = controlled(2, 2);
    const all = ['x1', 'y1', 'x2', 'y2', 'x3', 'x4', 'x5'].map((item) => batcher.submit(item[0], item));
    expect(batches).toEqual([['x1'], ['y1']]);
    releases[0]();
    await tick();
    expect(batches).toEqual([['x1'], ['y1'], ['x2', 'x3']]);
    releases[1]();
    await tick();
    expect(batches.slice(3)).toEqual([['y2']]);
    releases[2]();
    releases[3]();
    await tick();
    expect(batches.slice(4)).toEqual([['x4', 'x5']]);
    releases[4]();
    expect(await Promise.all(all)).toEqual(['done x1', 'done y1', 'done x2', 'done y2', 'done x3', 'done x4', 'done x5']);
  });

  it('fails every item of a batch that throws, and goes on with the next batch', async () => {
    const { batcher, releases, tick } = controlled(1, 10);
    const first = batcher.submit('k', 'a');
    const second = [batcher.submit('k', 'b'), batcher.submit('k', 'c')];
    releases[0]();
    await tick();
    const third = batcher.submit('k', 'd');
    releases[1](new Error('connection lost'));
    await expect(Promise.all(second.map((p) => p.catch((error: Error) => error.message)))).resolves.toEqual(['connection lost', 'connection lost']);
    await tick();
    releases[2]();
    expect([await first, await third]).toEqual(['done a', 'done d']);
  });
});
