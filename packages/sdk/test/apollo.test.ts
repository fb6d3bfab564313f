/**
 * createApolloClient against the real service: queries with the typed documents, fetchMore that
 * appends pages (edges or nodes), lookups served from the cache, possibleTypes for interfaces,
 * mutations retried with one idempotency key, subscriptions over graphql-ws, typed errors.
 */
import { gql, type ApolloClient, type ObservableQuery, type TypedDocumentNode } from '@apollo/client';
import WebSocket from 'ws';
import { createApolloClient, toGraphQLRequestError } from '../src/apollo.js';
import {
  ChangeEventsDocument,
  ChangesDocument,
  CommendationsDocument,
  CreateOrganizationDocument,
  OrganizationsDocument,
  UpdateOrganizationDocument,
  type ChangesSubscription,
} from '../src/index.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let client: ApolloClient;
let cityId: string;

beforeAll(async () => {
  server = await startTestServer();
  client = createApolloClient({ url: server.url, auth: { token: server.token }, webSocketImpl: WebSocket });
  const city = await client.query({ query: OrganizationsDocument, variables: { filter: { kinds: ['CITY_COMMITTEE'] }, first: 1 } });
  cityId = city.data!.organizations.edges[0].node.id;
});
afterAll(async () => {
  client?.stop();
  await server?.close();
});

function nextValue<T>(observable: { subscribe(observer: { next(value: T): void; error(error: unknown): void }): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const subscription = observable.subscribe({
      next: (value) => {
        if (done) return;
        done = true;
        queueMicrotask(() => subscription.unsubscribe());
        resolve(value);
      },
      error: reject,
    });
  });
}

/** Keeps a watched query active and resolves with its data once the network result is in. */
async function watch<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: NoInfer<TVariables>) {
  const observable = client.watchQuery({ query: document, variables } as never) as unknown as ObservableQuery<TData, TVariables>;
  const subscription = observable.subscribe({ next: () => undefined, error: () => undefined });
  const current = () => {
    const result = observable.getCurrentResult();
    return result.dataState === 'complete' ? (result.data as TData) : undefined;
  };
  const deadline = Date.now() + 10_000;
  while (!current()) {
    if (Date.now() > deadline) throw new Error('query did not complete');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  /** fetchMore resolves before the watched result is re-read from the cache: wait for it. */
  const until = async (condition: (data: TData) => boolean) => {
    const limit = Date.now() + 10_000;
    while (!condition(current()!)) {
      if (Date.now() > limit) throw new Error('the watched query did not update');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return current()!;
  };
  return { observable, current: () => current()!, until, stop: () => subscription.unsubscribe() };
}

describe('createApolloClient', () => {
  it('fetchMore appends the next page of a connection (relayStylePagination on every connection field)', async () => {
    const { observable, current, until, stop } = await watch(OrganizationsDocument, { filter: { kinds: ['BRANCH'] }, first: 10 });
    const page1 = current().organizations;
    expect(page1.edges).toHaveLength(10);
    await observable.fetchMore({ variables: { after: page1.pageInfo.endCursor } });
    const merged = (await until((data) => data.organizations.edges.length > 10)).organizations;
    expect(merged.edges).toHaveLength(20);
    expect(merged.edges.slice(0, 10)).toEqual(page1.edges);
    expect(new Set(merged.edges.map((edge) => edge.node.id)).size).toBe(20);
    expect(merged.totalCount).toBe(page1.totalCount);
    expect(merged.pageInfo.endCursor).not.toBe(page1.pageInfo.endCursor);
    // A different filter is a different list in the cache.
    const other = await client.query({ query: OrganizationsDocument, variables: { filter: { kinds: ['GENERAL_BRANCH' as const] }, first: 5 } });
    expect(other.data!.organizations.edges).toHaveLength(5);
    expect(current().organizations.edges).toHaveLength(20);
    stop();
  });

  it('also merges pages of a query that selects only `nodes`', async () => {
    const NODES: TypedDocumentNode<
      { organizations: { totalCount: number; nodes: Array<{ id: string; name: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
      { first: number; after?: string | null }
    > = gql`
      query VillagesNodes($first: Int, $after: String) {
        organizations(first: $first, after: $after, filter: { unitTypes: [VILLAGE] }) {
          totalCount
          nodes {
            id
            name
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `;
    const { observable, current, until, stop } = await watch(NODES, { first: 4 });
    const first = current().organizations;
    await observable.fetchMore({ variables: { after: first.pageInfo.endCursor } });
    const second = await until((data) => data.organizations.nodes.length > 4);
    await observable.fetchMore({ variables: { after: second.organizations.pageInfo.endCursor } });
    const merged = (await until((data) => data.organizations.nodes.length > 8)).organizations;
    expect(merged.nodes).toHaveLength(12);
    expect(merged.nodes.slice(0, 4)).toEqual(first.nodes);
    expect(new Set(merged.nodes.map((node) => node.id)).size).toBe(12);
    stop();
  });

  it('answers a lookup by id from objects already in the cache (every object has a global id)', async () => {
    const list = await client.query({ query: OrganizationsDocument, variables: { filter: { nameContains: '龙池桥' }, first: 3 } });
    const { id, name } = list.data!.organizations.edges[0].node;
    const NAME: TypedDocumentNode<{ organization: { id: string; name: string } | null }, { id: string }> = gql`
      query OrganizationName($id: ID!) {
        organization(id: $id) {
          id
          name
        }
      }
    `;
    const cached = await client.query({ query: NAME, variables: { id }, fetchPolicy: 'cache-only' });
    expect(cached.data!.organization).toEqual({ __typename: 'Organization', id, name });
  });

  it('knows union and interface members (possibleTypes): fragments on Node and on the recipient union match', async () => {
    const result = await client.query({ query: CommendationsDocument, variables: { filter: { hasAward: true }, first: 5 } });
    const recipients = result.data!.commendations.edges.map((edge) => edge.node.recipient);
    expect(recipients.every((recipient) => recipient.__typename === 'Organization' ? recipient.kind : recipient.occupation)).toBe(true);
    const org = recipients.find((recipient) => recipient.__typename === 'Organization')!;
    const fragment = gql`
      fragment AnyNode on Node {
        id
      }
    `;
    expect(client.readFragment({ id: client.cache.identify({ __typename: 'Organization', id: org.id }), fragment })).toEqual({ __typename: 'Organization', id: org.id });
  });

  it('retries a mutation whose response was lost, with the same Idempotency-Key, and writes once', async () => {
    const keys: string[] = [];
    let lose = true;
    const flaky = createApolloClient({
      url: server.url,
      auth: { token: server.token },
      wsUrl: false,
      retry: { attempts: 3, initialDelayMs: 10 },
      fetch: async (input, init) => {
        const headers = init?.headers as Record<string, string>;
        keys.push(headers['idempotency-key']);
        const response = await fetch(input, init);
        if (lose) {
          lose = false;
          throw new TypeError('fetch failed');
        }
        return response;
      },
    });
    const code = `SDK-APOLLO-${process.pid}`;
    const before = await server.sql<{ count: string }>('select count(*) from change_event');
    const result = await flaky.mutate({
      mutation: CreateOrganizationDocument,
      variables: { input: { parentId: cityId, kind: 'PARTY_COMMITTEE', name: 'Apollo测试党委', code, unitName: 'Apollo测试', unitType: 'ENTERPRISE', establishedAt: '2020-01-01' } },
    });
    expect(result.data!.createOrganization.organization.code).toBe(code);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const after = await server.sql<{ count: string }>('select count(*) from change_event');
    expect(Number(after[0].count) - Number(before[0].count)).toBe(1);
    flaky.stop();
  });

  it('reports server errors as the typed GraphQLRequestError', async () => {
    const missing = Buffer.from('Organization:999999999').toString('base64url');
    const error = await client.mutate({ mutation: UpdateOrganizationDocument, variables: { input: { id: missing, unitName: 'x' } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const typed = toGraphQLRequestError(error);
    expect(typed?.code).toBe('NOT_FOUND');
    expect(typed?.is('NOT_FOUND') && typed.extensions.id).toBe(missing);
  });

  it('subscribes over graphql-ws with the credentials in connection_init', async () => {
    const log = await client.query({ query: ChangeEventsDocument, variables: { last: 1 }, fetchPolicy: 'network-only' });
    const cursor = log.data!.changeEvents.edges[0].node.cursor;
    const events = client.subscribe({ query: ChangesDocument, variables: { after: cursor } });
    const next = nextValue<{ data?: ChangesSubscription }>(events);
    await client.mutate({ mutation: UpdateOrganizationDocument, variables: { input: { id: cityId, unitName: '麻城市委（Apollo 订阅测试）' } } });
    const event = (await next).data!.changes;
    expect(event).toMatchObject({ entityType: 'Organization', entityId: cityId, operation: 'UPDATE' });
  });
});
