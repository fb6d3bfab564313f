/**
 * subscribeChanges against the real service: the stream a subscriber sees must equal the change
 * log (as the query API reports it) — complete, in order, no duplicates — across a forced network
 * disconnect, a crash and restart of the service, SUBSCRIBER_LAGGING, a stop and resume from the
 * stored cursor, and a slow consumer.
 */
import {
  ChangeEventsDocument,
  CreateSquadDocument,
  MembersDocument,
  OrganizationsDocument,
  UpdateOrganizationDocument,
  collect,
  memoryCursorStore,
  paginate,
  subscribeChanges,
  type ChangeEventFieldsFragment,
  type ChangeFilter,
  type DangjianClient,
  type GraphQLRequestError,
} from '../src/index.js';
import { startProxy, type TcpProxy } from './support/proxy.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let writer: DangjianClient;
let villages: string[];
let subtree: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sequences = (events: ReadonlyArray<{ sequence: string }>) => events.map((event) => event.sequence);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let renames = 0;
/** One committed change per call (an Organization UPDATE). */
async function rename(id: string): Promise<void> {
  renames += 1;
  await writer.mutate(UpdateOrganizationDocument, { input: { id, unitName: `续传测试 ${renames}` } });
}

async function latestCursor(): Promise<string> {
  await rename(villages[0]);
  const log = await writer.query(ChangeEventsDocument, { last: 1 });
  return log.changeEvents.edges[0].node.cursor;
}

/** What a subscriber with this filter must receive after `cursor`: the log, read page by page. */
async function committedAfter(cursor: string, filter: ChangeFilter = {}): Promise<string[]> {
  const events = await collect(
    paginate(writer, {
      document: ChangeEventsDocument,
      after: cursor,
      variables: {
        filter: {
          entityTypes: filter.entityTypes,
          organization: filter.organizationId ? { organizationId: filter.organizationId, includeDescendants: filter.includeDescendants ?? true } : null,
        },
      },
      select: (data) => data.changeEvents,
    }),
  );
  return sequences(events);
}

/** Waits until the subscriber holds everything committed after `cursor`, then a little longer to catch strays and duplicates. */
async function settle(received: ChangeEventFieldsFragment[], cursor: string, filter?: ChangeFilter): Promise<string[]> {
  const expected = await committedAfter(cursor, filter);
  await waitFor(() => received.length >= expected.length, `${expected.length} events (have ${received.length})`);
  await sleep(300);
  return expected;
}

beforeAll(async () => {
  server = await startTestServer();
  // Writes go straight to the service and ride out its restart on retries (with idempotency keys).
  writer = server.client({ retry: { attempts: 30, initialDelayMs: 100, maxDelayMs: 500 } });
  const street = await writer.query(OrganizationsDocument, { filter: { nameContains: '龙池桥街道工作委员会' }, first: 1 });
  subtree = street.organizations.edges[0].node.id;
  const children = await writer.query(OrganizationsDocument, { filter: { parentId: subtree }, first: 4 });
  villages = children.organizations.edges.map((edge) => edge.node.id);
  const elsewhere = await writer.query(OrganizationsDocument, { filter: { nameContains: '鼓楼街道工作委员会' }, first: 1 });
  const others = await writer.query(OrganizationsDocument, { filter: { parentId: elsewhere.organizations.edges[0].node.id }, first: 2 });
  villages.push(...others.organizations.edges.map((edge) => edge.node.id));
});
afterAll(async () => {
  await writer?.dispose();
  await server?.close();
});

describe('subscribeChanges', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startProxy(server.port);
  });
  afterAll(() => proxy.close());

  it('survives a forced disconnect and a crash-restart of the service mid-stream: complete, in order, no duplicates', async () => {
    const start = await latestCursor();
    const reader = server.client({ url: proxy.url, wsUrl: proxy.wsUrl, keepAliveMs: 2_000 });
    const received: ChangeEventFieldsFragment[] = [];
    const retries: GraphQLRequestError[] = [];
    const subscription = subscribeChanges({
      client: reader,
      after: start,
      onEvent: (event) => void received.push(event),
      onRetry: (error) => void retries.push(error),
      backoff: { initialDelayMs: 50, maxDelayMs: 400 },
    });
    const total = 60;
    const writing = (async () => {
      for (let i = 0; i < total; i += 3) await Promise.all(villages.slice(0, 3).map((id) => rename(id)));
    })();

    await waitFor(() => received.length >= 15, '15 events before the disconnect');
    proxy.cut();
    await waitFor(() => received.length >= 30, '30 events before the crash');
    await server.restart({ signal: 'SIGKILL', downtimeMs: 300 });
    await writing;

    const expected = await settle(received, start);
    expect(expected).toHaveLength(total);
    expect(sequences(received)).toEqual(expected);
    expect(new Set(sequences(received)).size).toBe(received.length);
    // Every write was applied exactly once, although some were retried across the crash.
    const updates = (await server.sql<{ count: string }>(`select count(*) from change_event where sequence > $1 and mutation = 'updateOrganization'`, [Number(received[0].sequence) - 1]))[0];
    expect(Number(updates.count)).toBe(total);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(subscription.cursor).toBe(received[received.length - 1].cursor);
    await subscription.stop();
    expect(subscription.status).toBe('stopped');
    await reader.dispose();
  });

  it('resumes from the stored cursor after a stop, without repeating the last event or losing any', async () => {
    const start = await latestCursor();
    const store = memoryCursorStore();
    const filter = { organizationId: subtree };
    const received: ChangeEventFieldsFragment[] = [];
    const one = subscribeChanges({ client: writer, after: start, filter, store, onEvent: (event) => void received.push(event) });
    for (const id of villages) await rename(id);
    await waitFor(() => received.length >= 4, 'four events in the subtree');
    await one.stop();
    const handledByFirst = received.length;
    // Written while nobody listens, in and outside the subtree.
    for (const id of villages) await rename(id);
    // A new subscriber (e.g. after the process restarted) with the same store and no `after`.
    const two = subscribeChanges({ client: writer, filter, store, onEvent: (event) => void received.push(event) });
    for (const id of villages) await rename(id);
    const expected = await settle(received, start, filter);
    expect(handledByFirst).toBe(4);
    expect(expected).toHaveLength(12);
    expect(sequences(received)).toEqual(expected);
    expect([...store.cursors.values()]).toEqual([received[received.length - 1].cursor]);
    await two.stop();
  });

  it('keeps up with a slow consumer by pausing the socket and resuming from the cursor', async () => {
    const start = await latestCursor();
    const received: ChangeEventFieldsFragment[] = [];
    const subscription = subscribeChanges({
      client: writer,
      after: start,
      maxBufferedEvents: 5,
      onEvent: async (event) => {
        await sleep(10);
        received.push(event);
      },
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => rename(villages[i % villages.length])));
    const expected = await settle(received, start);
    expect(sequences(received)).toEqual(expected);
    await subscription.stop();
  });

  it('stops with a typed error when the server refuses the subscription', async () => {
    const subscription = subscribeChanges({ client: writer, filter: { organizationId: 'not-an-id' }, onEvent: () => undefined });
    await expect(subscription.done).rejects.toMatchObject({ name: 'GraphQLRequestError', code: 'BAD_USER_INPUT' });
    expect(subscription.status).toBe('stopped');
  });

  it('stops when onEvent throws, leaving the cursor at the last event it handled', async () => {
    const start = await latestCursor();
    const store = memoryCursorStore();
    let handled = 0;
    const subscription = subscribeChanges({
      client: writer,
      after: start,
      store,
      onEvent: () => {
        if (handled === 2) throw new Error('处理失败');
        handled += 1;
      },
    });
    for (const id of villages.slice(0, 4)) await rename(id);
    await expect(subscription.done).rejects.toThrow('处理失败');
    const log = await writer.query(ChangeEventsDocument, { after: start, first: 3 });
    expect(handled).toBe(2);
    expect(subscription.cursor).toBe(log.changeEvents.edges[1].node.cursor);
    expect([...store.cursors.values()]).toEqual([subscription.cursor]);
  });
});

describe('subscribeChanges on a service that ends slow subscribers (SUBSCRIBER_LAGGING)', () => {
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer({ SUBSCRIPTION_BUFFER_LIMIT: '2' });
  });
  afterAll(() => tight?.close());

  it('resubscribes from extensions.resumeAfter and still delivers every event once', async () => {
    const client = tight.client();
    const branch = await client.query(OrganizationsDocument, { filter: { kinds: ['BRANCH'], unitTypes: ['ENTERPRISE'] }, first: 1 });
    const branchId = branch.organizations.edges[0].node.id;
    const people = await client.query(MembersDocument, { filter: { organization: { organizationId: branchId, includeDescendants: false } }, first: 12 });
    const memberIds = people.members.edges.map((edge) => edge.node.id);
    expect(memberIds.length).toBeGreaterThanOrEqual(6);
    await client.mutate(UpdateOrganizationDocument, { input: { id: branchId, unitName: '滞后测试' } });
    const start = (await client.query(ChangeEventsDocument, { last: 1 })).changeEvents.edges[0].node.cursor;

    const received: ChangeEventFieldsFragment[] = [];
    const causes: string[] = [];
    const subscription = subscribeChanges({
      client,
      after: start,
      onEvent: (event) => void received.push(event),
      onRetry: (error) => void causes.push(error.code),
    });
    // Wait until the subscription is live, then commit one transaction with many events at once.
    await client.mutate(UpdateOrganizationDocument, { input: { id: branchId, unitName: '滞后测试 2' } });
    await waitFor(() => received.length === 1, 'the subscription to be live');
    await client.mutate(CreateSquadDocument, {
      input: { organizationId: branchId, name: '滞后测试突击队', mission: '测试', formedAt: '2020-02-01', leaderId: memberIds[0], memberIds },
    });
    const log = await client.query(ChangeEventsDocument, { after: start, first: 100 });
    const expected = sequences(log.changeEvents.edges.map((edge) => edge.node));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    await waitFor(() => received.length >= expected.length, `${expected.length} events`);
    await sleep(300);
    expect(sequences(received)).toEqual(expected);
    expect(causes).toContain('SUBSCRIBER_LAGGING');
    await subscription.stop();
    await client.dispose();
  });
});
