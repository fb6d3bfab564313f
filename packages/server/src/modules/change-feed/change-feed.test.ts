import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../test/harness';
import { EVENT_FIELDS, subscribe, type ReceivedEvent } from '../../test/ws-client';
import { LAGGING_CODE } from './change-feed.hub';
import { decodeSequenceCursor } from './change-feed.loaders';

let server: TestServer;
let subtreeA: string;
let villagesA: string[];
let villagesB: string[];

async function data(query: string, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function subtree(name: string): Promise<[string, string[]]> {
  const found = await data(
    `query($n: String) { organizations(first: 1, filter: { nameContains: $n }) { nodes { id children(first: 5) { nodes { id } } } } }`,
    { n: name },
  );
  const node = found.organizations.nodes[0];
  return [node.id, node.children.nodes.map((c: { id: string }) => c.id)];
}

let renameCounter = 0;
function rename(id: string) {
  renameCounter += 1;
  return server.gql(`mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }`, {
    input: { id, unitName: `测试单位名称 ${renameCounter}` },
  });
}

async function renameMany(ids: string[], times: number): Promise<void> {
  const results = await Promise.all(Array.from({ length: times }, (_, i) => rename(ids[i % ids.length])));
  for (const result of results) expect(result.errors).toBeUndefined();
}

/** The log as the query API reports it after `cursor` (what a subscriber must receive). */
async function committedAfter(cursor: string | null, organizationId?: string): Promise<string[]> {
  const sequences: string[] = [];
  let after = cursor;
  for (;;) {
    const page = await data(
      `query($after: String, $org: OrganizationScope) { changeEvents(first: 100, after: $after, filter: { organization: $org }) { nodes { sequence } pageInfo { hasNextPage endCursor } } }`,
      { after, org: organizationId ? { organizationId } : null },
    );
    sequences.push(...page.changeEvents.nodes.map((n: { sequence: string }) => n.sequence));
    if (!page.changeEvents.pageInfo.hasNextPage) return sequences;
    after = page.changeEvents.pageInfo.endCursor;
  }
}

async function latestCursor(): Promise<string> {
  await renameMany(villagesA, 1);
  const last = await data(`{ changeEvents(last: 1) { nodes { cursor } } }`);
  return last.changeEvents.nodes[0].cursor;
}

const sequences = (events: ReceivedEvent[]) => events.map((e) => e.sequence);
const CHANGES = `subscription($after: String, $org: ID) { changes(after: $after, organizationId: $org) { ${EVENT_FIELDS} } }`;

/** Waits for `count` events, then a little longer to catch duplicates or strays. */
async function settle(subscriber: ReturnType<typeof subscribe>, count: number): Promise<string[]> {
  await subscriber.waitFor(count);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return sequences(subscriber.events);
}

beforeAll(async () => {
  server = await startTestServer({ changeFeedPollMs: 60_000 });
  [subtreeA, villagesA] = await subtree('龙池桥街道工作委员会');
  [, villagesB] = await subtree('鼓楼街道工作委员会');
});
afterAll(() => server.close());

describe('changes subscription', () => {
  it('replays after the cursor, then goes live, exactly once even while writes race the switch', async () => {
    const start = await latestCursor();
    await renameMany(villagesA, 10);
    const racing = renameMany([...villagesA, ...villagesB], 30);
    const subscriber = subscribe(server.wsUrl, CHANGES, { after: start });
    await racing;
    await renameMany(villagesB, 10);
    const expected = await committedAfter(start);
    expect(expected).toHaveLength(50);
    expect(await settle(subscriber, expected.length)).toEqual(expected);
    await subscriber.close();
  });

  it('lets a client that reconnects with its last cursor receive every missed event once', async () => {
    const start = await latestCursor();
    const first = subscribe(server.wsUrl, CHANGES, { after: start });
    await renameMany(villagesA, 5);
    await first.waitFor(5);
    await first.close();
    const resumeFrom = first.events[first.events.length - 1].cursor;
    await renameMany(villagesB, 7);
    const second = subscribe(server.wsUrl, CHANGES, { after: resumeFrom });
    await renameMany(villagesA, 3);
    const expected = await committedAfter(start);
    const received = [...sequences(first.events), ...(await settle(second, 10))];
    expect(received).toEqual(expected);
    await second.close();
  });

  it('delivers to a subtree subscriber exactly that subtree’s events, on replay and live', async () => {
    const start = await latestCursor();
    await renameMany([...villagesA, ...villagesB], 10);
    const scoped = subscribe(server.wsUrl, CHANGES, { after: start, org: subtreeA });
    await renameMany([...villagesB, ...villagesA], 10);
    const expected = await committedAfter(start, subtreeA);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(20);
    expect(await settle(scoped, expected.length)).toEqual(expected);
    await scoped.close();
  });

  it('resumes after a server restart without missing an event', async () => {
    const start = await latestCursor();
    const before = subscribe(server.wsUrl, CHANGES, { after: start });
    await renameMany(villagesA, 4);
    await before.waitFor(4);
    const resumeFrom = before.events[3].cursor;
    await server.restart();
    expect(before.completed || before.errors.length > 0).toBe(true);
    await renameMany(villagesB, 6);
    const after = subscribe(server.wsUrl, CHANGES, { after: resumeFrom });
    await renameMany(villagesA, 2);
    const received = [...sequences(before.events).slice(0, 4), ...(await settle(after, 8))];
    expect(received).toEqual(await committedAfter(start));
    await after.close();
  });

  it('sends only new events when no cursor is given', async () => {
    await latestCursor();
    const live = subscribe(server.wsUrl, CHANGES, {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    const start = (await data(`{ changeEvents(last: 1) { nodes { cursor } } }`)).changeEvents.nodes[0].cursor;
    await renameMany(villagesA, 3);
    expect(await settle(live, 3)).toEqual(await committedAfter(start));
    await live.close();
  });

  it('rejects a malformed cursor with BAD_USER_INPUT', async () => {
    const bad = subscribe(server.wsUrl, CHANGES, { after: 'garbage' });
    const deadline = Date.now() + 5000;
    while (!bad.errors.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
    await bad.close();
  });
});

describe('flow control and liveness', () => {
  it('ends a subscriber that falls behind with SUBSCRIBER_LAGGING and a cursor that resumes without loss', async () => {
    const hub = server.app.changeFeed.hub;
    const limit = hub.options.bufferLimit;
    const start = await latestCursor();
    const stream = hub.subscribe(decodeSequenceCursor(start), { viewerScopePath: null });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const dispatched = new Promise<void>((resolve) => {
      const stop = hub.onDispatched(() => {
        stop();
        resolve();
      });
    });
    (hub.options as { bufferLimit: number }).bufferLimit = 3;
    try {
      await renameMany(villagesA, 5);
      server.app.changeFeed.committed();
      await dispatched;
      await expect(stream.next()).rejects.toMatchObject({ extensions: { code: LAGGING_CODE, resumeAfter: start } });
    } finally {
      (hub.options as { bufferLimit: number }).bufferLimit = limit;
    }
    const resumed = subscribe(server.wsUrl, CHANGES, { after: start });
    expect(await settle(resumed, 5)).toEqual(await committedAfter(start));
    await resumed.close();
  });

  it('pings idle WebSocket connections so proxies keep them open', async () => {
    const fast = await startTestServer({ keepAliveMs: 100 });
    try {
      const socket = new WebSocket(fast.wsUrl, 'graphql-transport-ws');
      let pings = 0;
      socket.on('ping', () => (pings += 1));
      await new Promise((resolve) => socket.on('open', resolve));
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(pings).toBeGreaterThanOrEqual(3);
      socket.close();
    } finally {
      await fast.close();
    }
  });
});
