/**
 * The fetch-less transport: a runtime with neither `fetch` nor `WebSocket` (a WeChat
 * mini-program) uses the SDK through `wxTransport(wx)`. Here `wx` is a fake whose request and
 * connectSocket run over Node's http and ws; the global fetch is removed for the duration.
 */
import {
  ChangeEventsDocument,
  CreateOrganizationDocument,
  OrganizationsDocument,
  UpdateOrganizationDocument,
  createClient,
  subscribeChanges,
  wxTransport,
  GraphQLRequestError,
  type ChangeEventFieldsFragment,
} from '../src/index.js';
import { fakeWx } from './support/fake-wx.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer();
  // From here on there is no fetch (and Node 20 has no global WebSocket): only the wx API.
  delete (globalThis as { fetch?: unknown }).fetch;
  expect((globalThis as { WebSocket?: unknown }).WebSocket).toBeUndefined();
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('queries, mutates (with an idempotency key) and reports typed errors through wx.request', async () => {
  const wx = fakeWx();
  const client = createClient({ url: server.url, auth: { token: server.token }, transport: wxTransport(wx) });
  const city = await client.query(OrganizationsDocument, { filter: { kinds: ['CITY_COMMITTEE'] }, first: 1 });
  expect(city.organizations.edges[0].node.name).toBe('中共麻城市委员会');
  const cityId = city.organizations.edges[0].node.id;
  const created = await client.mutate(CreateOrganizationDocument, {
    input: { parentId: cityId, kind: 'PARTY_COMMITTEE', name: '小程序测试党委', code: `SDK-WX-${process.pid}`, unitName: '小程序', unitType: 'ENTERPRISE', establishedAt: '2020-01-01' },
  });
  expect(created.createOrganization.parent?.id).toBe(cityId);
  const error = await client.mutate(UpdateOrganizationDocument, { input: { id: cityId, name: ' ' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLRequestError);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.name'] });
  expect(wx.requests).toBe(3);
  expect(wx.headers[0].authorization).toBe(`Bearer ${server.token}`);
  expect(wx.headers[0]['idempotency-key']).toBeUndefined();
  expect(wx.headers[1]['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
});

it('follows the change feed through wx.connectSocket, resuming without loss after the socket drops', async () => {
  const wx = fakeWx();
  const client = createClient({ url: server.url, auth: { token: server.token }, transport: wxTransport(wx) });
  const street = await client.query(OrganizationsDocument, { filter: { nameContains: '龙池桥街道工作委员会' }, first: 1 });
  const streetId = street.organizations.edges[0].node.id;
  const rename = (n: number) => client.mutate(UpdateOrganizationDocument, { input: { id: streetId, unitName: `小程序订阅测试 ${n}` } });
  await rename(0);
  const start = (await client.query(ChangeEventsDocument, { last: 1 })).changeEvents.edges[0].node.cursor;

  const received: ChangeEventFieldsFragment[] = [];
  const subscription = subscribeChanges({ client, after: start, onEvent: (event) => void received.push(event), backoff: { initialDelayMs: 50 } });
  for (let n = 1; n <= 5; n += 1) await rename(n);
  while (received.length < 5) await sleep(20);
  // The phone switches networks: the socket dies without a close handshake.
  wx.sockets[wx.sockets.length - 1].terminate();
  for (let n = 6; n <= 10; n += 1) await rename(n);
  while (received.length < 10) await sleep(20);
  await sleep(300);

  const log = await client.query(ChangeEventsDocument, { after: start, first: 50 });
  expect(received.map((event) => event.sequence)).toEqual(log.changeEvents.edges.map((edge) => edge.node.sequence));
  expect(received.every((event) => event.entityId === streetId && event.operation === 'UPDATE')).toBe(true);
  expect(wx.sockets.length).toBeGreaterThanOrEqual(2);
  await subscription.stop();
});
