/**
 * The small client against the real service: typed errors for each code the server sends,
 * retries of transient failures that never apply a mutation twice, credentials on both channels.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { WebSocketServer } from 'ws';
import WebSocket from 'ws';
import {
  AllocateFundsDocument,
  ArchiveOrganizationDocument,
  ChangesDocument,
  CreateOrganizationDocument,
  FundAccountsDocument,
  NodeDocument,
  OpenFundAccountDocument,
  OrganizationsDocument,
  RecordPartyFeeDocument,
  UpdateOrganizationDocument,
  createClient,
  fetchTransport,
  isGraphQLRequestError,
  paginatePages,
  GraphQLRequestError,
  type HttpRequest,
  type Transport,
  type TypedDocumentNode,
} from '../src/index.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let cityId: string;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
  const city = await server.client().query(OrganizationsDocument, { filter: { kinds: ['CITY_COMMITTEE'] }, first: 1 });
  cityId = city.organizations.edges[0].node.id;
});
afterAll(() => server?.close());

function committee(overrides: Partial<{ name: string; code: string }> = {}) {
  counter += 1;
  return {
    parentId: cityId,
    kind: 'PARTY_COMMITTEE' as const,
    name: `客户端测试党委${counter}`,
    code: `SDK-CLIENT-${process.pid}-${counter}`,
    unitName: '客户端测试单位',
    unitType: 'ENTERPRISE' as const,
    establishedAt: '2020-01-01',
    ...overrides,
  };
}

/** Records every request the client sends (on top of fetch). */
function recordingTransport(intercept?: (request: HttpRequest, send: () => ReturnType<Transport['http']>) => ReturnType<Transport['http']>) {
  const inner = fetchTransport();
  const requests: HttpRequest[] = [];
  const transport: Transport = {
    http: (request) => {
      requests.push(request);
      return intercept ? intercept(request, () => inner.http(request)) : inner.http(request);
    },
  };
  return { transport, requests };
}

async function rejection(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('typed errors', () => {
  it('BAD_USER_INPUT names the fields', async () => {
    const error = await rejection(server.client().mutate(CreateOrganizationDocument, { input: committee({ name: '   ' }) }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.is('BAD_USER_INPUT') && error.extensions.fields).toEqual(['input.name']);
    expect(error.fields).toEqual(['input.name']);
    expect(error.operationName).toBe('CreateOrganization');
  });

  it('NOT_FOUND, CONFLICT and FAILED_PRECONDITION', async () => {
    const client = server.client();
    const missing = Buffer.from('Organization:999999999').toString('base64url');
    expect((await rejection(client.mutate(UpdateOrganizationDocument, { input: { id: missing, unitName: 'x' } }))).code).toBe('NOT_FOUND');

    const created = (await client.mutate(CreateOrganizationDocument, { input: committee() })).createOrganization.organization;
    await client.mutate(UpdateOrganizationDocument, { input: { id: created.id, expectedVersion: 1, unitName: '第一次修改' } });
    const stale = await rejection(client.mutate(UpdateOrganizationDocument, { input: { id: created.id, expectedVersion: 1, unitName: '基于旧版本' } }));
    expect(stale.code).toBe('CONFLICT');

    await client.mutate(CreateOrganizationDocument, { input: { ...committee(), parentId: created.id, kind: 'GENERAL_BRANCH' } });
    const refused = await rejection(client.mutate(ArchiveOrganizationDocument, { input: { id: created.id, dissolvedAt: '2020-03-01' } }));
    expect(refused.is('FAILED_PRECONDITION') && refused.extensions.reason).toBe('HAS_CHILDREN');
  });

  it('INSUFFICIENT_FUNDS carries exact amounts', async () => {
    const client = server.client();
    const org = (await client.mutate(CreateOrganizationDocument, { input: committee() })).createOrganization.organization;
    const { account } = (
      await client.mutate(OpenFundAccountDocument, { input: { organizationId: org.id, name: `客户端测试账户${counter}`, kind: 'PARTY_FEE', openedAt: '2020-01-01' } })
    ).openFundAccount;
    await client.mutate(RecordPartyFeeDocument, { input: { accountId: account.id, amount: '100.10', counterparty: '支部', occurredAt: '2020-01-31', purpose: '党费' } });
    const branch = await client.mutate(CreateOrganizationDocument, { input: { ...committee(), parentId: org.id, kind: 'BRANCH' } });
    const error = await rejection(
      client.mutate(AllocateFundsDocument, {
        input: {
          accountId: account.id,
          amount: '100.11',
          targetOrganizationId: branch.createOrganization.organization.id,
          occurredAt: '2020-02-01',
          purpose: '慰问',
          approvalMeeting: '党委会',
          documentNumber: '文号',
        },
      }),
    );
    expect(isGraphQLRequestError(error, 'INSUFFICIENT_FUNDS')).toBe(true);
    if (error.is('INSUFFICIENT_FUNDS')) expect(error.extensions).toMatchObject({ balance: '100.10', requested: '100.11' });
  });

  it('GRAPHQL_VALIDATION_FAILED for a document the schema does not know', async () => {
    const bad = parse('query Bad { organizations { nonexistentField } }') as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await rejection(server.client().query(bad));
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  it('request() returns data and errors side by side instead of throwing', async () => {
    const result = await server.client().request(NodeDocument, { id: 'garbage' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toEqual({ node: null });
  });

  it('NETWORK_ERROR when nothing answers, after the configured retries', async () => {
    const { transport, requests } = recordingTransport();
    const client = createClient({ url: 'http://127.0.0.1:9/graphql', transport, retry: { attempts: 3, initialDelayMs: 10 } });
    const error = await rejection(client.query(OrganizationsDocument, { first: 1 }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.transient).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('NETWORK_ERROR with the status when a gateway answers with something that is not GraphQL', async () => {
    let hits = 0;
    const gateway = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const client = createClient({ url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`, retry: { attempts: 2, initialDelayMs: 10 } });
    const error = await rejection(client.query(OrganizationsDocument, { first: 1 }));
    gateway.close();
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 502 });
    expect(hits).toBe(2);
  });
});

describe('retries and idempotency', () => {
  it('retries a mutation whose response was lost with the same Idempotency-Key: applied once', async () => {
    let lose = true;
    const { transport, requests } = recordingTransport(async (request, send) => {
      const response = await send();
      if (lose && request.headers['idempotency-key']) {
        lose = false;
        throw new Error('socket hang up'); // the server committed, the client never heard back
      }
      return response;
    });
    const client = server.client({ transport, retry: { attempts: 3, initialDelayMs: 10 } });
    const input = committee();
    const before = await server.sql<{ count: string }>('select count(*) from change_event');
    const created = await client.mutate(CreateOrganizationDocument, { input });
    expect(requests).toHaveLength(2);
    expect(requests[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[1].headers['idempotency-key']).toBe(requests[0].headers['idempotency-key']);
    const after = await server.sql<{ count: string }>('select count(*) from change_event');
    expect(Number(after[0].count) - Number(before[0].count)).toBe(1);
    const found = await client.query(OrganizationsDocument, { filter: { nameContains: input.name }, first: 5 });
    expect(found.organizations.edges.map((edge) => edge.node.id)).toEqual([created.createOrganization.organization.id]);
  });

  it('each mutate call gets its own key; an explicit key makes separate calls one write', async () => {
    const { transport, requests } = recordingTransport();
    const client = server.client({ transport });
    await client.mutate(CreateOrganizationDocument, { input: committee() });
    await client.mutate(CreateOrganizationDocument, { input: committee() });
    expect(requests[0].headers['idempotency-key']).not.toBe(requests[1].headers['idempotency-key']);
    const input = committee();
    const a = await client.mutate(CreateOrganizationDocument, { input }, { idempotencyKey: `form-${input.code}` });
    const b = await client.mutate(CreateOrganizationDocument, { input }, { idempotencyKey: `form-${input.code}` });
    expect(b.createOrganization.organization.id).toBe(a.createOrganization.organization.id);
    await client.query(OrganizationsDocument, { first: 1 });
    expect(requests[requests.length - 1].headers['idempotency-key']).toBeUndefined();
  });
});

describe('credentials', () => {
  it('go out as headers over HTTP: Bearer token, API key, or a function called per request', async () => {
    const { transport, requests } = recordingTransport();
    let calls = 0;
    await createClient({ url: server.url, transport, auth: { token: 'abc.def.ghi' } }).request(OrganizationsDocument, { first: 1 });
    await createClient({ url: server.url, transport, auth: { apiKey: 'djk_test' } }).request(OrganizationsDocument, { first: 1 });
    const rotating = createClient({ url: server.url, transport, auth: () => ({ token: `token-${++calls}` }) });
    await rotating.request(OrganizationsDocument, { first: 1 });
    await rotating.request(OrganizationsDocument, { first: 1 });
    expect(requests.map((request) => [request.headers.authorization, request.headers['x-api-key']])).toEqual([
      ['Bearer abc.def.ghi', undefined],
      [undefined, 'djk_test'],
      ['Bearer token-1', undefined],
      ['Bearer token-2', undefined],
    ]);
  });

  it('go out in the graphql-ws connection_init payload over WebSocket', async () => {
    const payloads: unknown[] = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (socket) => {
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw));
        if (message.type === 'connection_init') {
          payloads.push(message.payload);
          socket.send(JSON.stringify({ type: 'connection_ack' }));
        }
        if (message.type === 'subscribe') socket.send(JSON.stringify({ id: message.id, type: 'complete' }));
      });
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    const port = (wss.address() as AddressInfo).port;
    for (const auth of [{ token: 'jwt-value' }, { apiKey: 'djk_key' }]) {
      const client = createClient({ url: `http://127.0.0.1:${port}/graphql`, auth, webSocketImpl: WebSocket });
      await new Promise<void>((resolve, reject) => client.subscribe(ChangesDocument, {}, { next: () => undefined, error: reject, complete: resolve }));
      await client.dispose();
    }
    await new Promise((resolve) => wss.close(resolve));
    expect(payloads).toEqual([{ authorization: 'Bearer jwt-value' }, { apiKey: 'djk_key' }]);
  });
});

describe('pagination', () => {
  it('paginatePages walks a connection with totalCount on every page and stops on abort', async () => {
    const controller = new AbortController();
    const pages: number[] = [];
    for await (const page of paginatePages(server.client(), { document: FundAccountsDocument, select: (data) => data.fundAccounts, pageSize: 2, signal: controller.signal })) {
      pages.push(page.edges.length);
      expect(page.totalCount).toBeGreaterThan(2);
      if (pages.length === 2) controller.abort();
    }
    expect(pages).toEqual([2, 2]);
  });
});
