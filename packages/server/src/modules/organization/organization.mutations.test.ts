import { startTestServer, type TestServer } from '../../test/harness';
import { lastChangeEvents } from '../../test/fixtures';

let server: TestServer;
let rootId: string;
beforeAll(async () => {
  server = await startTestServer();
  const root = await server.gql('{ organizations(first: 1, filter: { kinds: [CITY_COMMITTEE] }) { nodes { id } } }');
  rootId = root.data!.organizations.nodes[0].id;
});
afterAll(() => server.close());

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    clientMutationId
    organization { id name kind typeCode path: ancestors { id } depth version parent { id } }
    parent { id }
  }
}`;

let codeCounter = 0;
function orgInput(parentId: string, overrides: Record<string, unknown> = {}) {
  codeCounter += 1;
  return {
    parentId,
    name: `测试党委${codeCounter}`,
    code: `T-${Date.now()}-${codeCounter}`,
    kind: 'PARTY_COMMITTEE',
    unitName: `测试单位${codeCounter}`,
    unitType: 'ENTERPRISE',
    establishedAt: '2020-01-01',
    ...overrides,
  };
}

async function create(parentId: string, overrides: Record<string, unknown> = {}) {
  const result = await server.gql(CREATE, { input: orgInput(parentId, overrides) });
  expect(result.errors).toBeUndefined();
  return result.data!.createOrganization.organization as { id: string; depth: number; version: number };
}

async function eventCount(): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>('select count(*) from change_event');
  return Number(row.count);
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

describe('createOrganization', () => {
  it('creates an organization under its parent, echoes clientMutationId and logs one event', async () => {
    const before = await eventCount();
    const result = await server.gql(CREATE, { input: { ...orgInput(rootId), clientMutationId: 'abc' } });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.createOrganization;
    expect(payload.clientMutationId).toBe('abc');
    expect(payload.parent.id).toBe(rootId);
    expect(payload.organization).toMatchObject({ kind: 'PARTY_COMMITTEE', typeCode: '611', depth: 1, version: 1 });
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'Organization', entityId: payload.organization.id, operation: 'CREATE', mutation: 'createOrganization' });
    expect(event.organizationPath).toMatch(/^\/\d+\/\d+\/$/);
    expect(event.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', before: null, after: expect.stringMatching(/^测试党委/) });
  });

  it.each([
    ['a branch directly under the city committee', { kind: 'BRANCH' }, ['parentId']],
    ['a temporary branch without task and approval', { kind: 'TEMPORARY_BRANCH', parent: 'committee' }, ['task', 'approvalDocument']],
    ['an empty name', { name: '   ' }, ['input.name']],
    ['a future establishment date', { establishedAt: '2999-01-01' }, ['input.establishedAt']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const { parent, ...rest } = overrides as Record<string, unknown>;
    const parentId = parent === 'committee' ? (await create(rootId)).id : rootId;
    const before = await eventCount();
    const result = await server.gql(CREATE, { input: orgInput(parentId, rest) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a duplicate code with CONFLICT and leaves no event', async () => {
    const input = orgInput(rootId);
    expect((await server.gql(CREATE, { input })).errors).toBeUndefined();
    const before = await eventCount();
    const again = await server.gql(CREATE, { input: { ...input, name: '另一个名称' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await eventCount()).toBe(before);
  });
});

describe('updateOrganization', () => {
  const UPDATE = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { name version } } }`;

  it('applies a change naming the current version and bumps the version', async () => {
    const org = await create(rootId);
    const result = await server.gql(UPDATE, { input: { id: org.id, expectedVersion: 1, name: '改名后的党委' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateOrganization.organization).toEqual({ name: '改名后的党委', version: 2 });
    const [event] = await lastEvents(1);
    expect(event.changes).toEqual([{ field: 'name', before: expect.stringMatching(/^测试党委/), after: '改名后的党委' }]);
  });

  it('returns complete parent objects in the payload', async () => {
    const org = await create(rootId);
    const result = await server.gql(`mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { parent { id name } } }`, {
      input: { id: org.id, unitName: '新单位名称' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateOrganization.parent).toEqual({ id: rootId, name: '中共麻城市委员会' });
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const org = await create(rootId);
    await server.gql(UPDATE, { input: { id: org.id, expectedVersion: 1, name: '第一次修改' } });
    const before = await eventCount();
    const stale = await server.gql(UPDATE, { input: { id: org.id, expectedVersion: 1, name: '基于旧版本的修改' } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await eventCount()).toBe(before);
    const now = await server.gql('query($id: ID!) { organization(id: $id) { name version } }', { id: org.id });
    expect(now.data!.organization).toEqual({ name: '第一次修改', version: 2 });
  });
});

describe('moveOrganization', () => {
  const MOVE = `mutation($input: MoveOrganizationInput!) {
    moveOrganization(input: $input) {
      organization { id depth ancestors { id } }
      move { documentNumber reason movedAt fromParent { id } toParent { id } }
    }
  }`;

  it('moves a whole subtree atomically and records the move', async () => {
    const a = await create(rootId);
    const b = await create(rootId);
    const branch = await create(a.id, { kind: 'GENERAL_BRANCH' });
    const leaf = await create(branch.id, { kind: 'BRANCH' });
    const result = await server.gql(MOVE, {
      input: { id: branch.id, newParentId: b.id, movedAt: '2020-02-10', documentNumber: '麻组文〔2020〕8号', reason: '工作调整' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.moveOrganization.move).toEqual({
      documentNumber: '麻组文〔2020〕8号',
      reason: '工作调整',
      movedAt: '2020-02-10',
      fromParent: { id: a.id },
      toParent: { id: b.id },
    });
    const tree = await server.gql(
      `query($a: ID!, $b: ID!, $leaf: ID!) {
        a: organization(id: $a) { descendants { totalCount } }
        b: organization(id: $b) { descendants { nodes { id } } }
        leaf: organization(id: $leaf) { depth ancestors { id } }
      }`,
      { a: a.id, b: b.id, leaf: leaf.id },
    );
    expect(tree.data!.a.descendants.totalCount).toBe(0);
    expect(tree.data!.b.descendants.nodes.map((n: { id: string }) => n.id).sort()).toEqual([branch.id, leaf.id].sort());
    expect(tree.data!.leaf).toEqual({ depth: 3, ancestors: [{ id: rootId }, { id: b.id }, { id: branch.id }] });
  });

  it('refuses to move an organization under its own descendant', async () => {
    const top = await create(rootId);
    const child = await create(top.id, { kind: 'GENERAL_BRANCH' });
    const before = await eventCount();
    const result = await server.gql(MOVE, {
      input: { id: top.id, newParentId: child.id, movedAt: '2020-02-10', documentNumber: '文号', reason: '测试' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['newParentId'] });
    expect(await eventCount()).toBe(before);
  });
});

describe('archiveOrganization', () => {
  const ARCHIVE = `mutation($input: ArchiveOrganizationInput!) { archiveOrganization(input: $input) { organization { dissolvedAt } } }`;

  it('refuses while active children remain, then archives once they are gone', async () => {
    const parent = await create(rootId);
    const child = await create(parent.id, { kind: 'GENERAL_BRANCH' });
    const refused = await server.gql(ARCHIVE, { input: { id: parent.id, dissolvedAt: '2020-03-01' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'HAS_CHILDREN' });
    expect((await server.gql(ARCHIVE, { input: { id: child.id, dissolvedAt: '2020-03-01' } })).errors).toBeUndefined();
    const done = await server.gql(ARCHIVE, { input: { id: parent.id, dissolvedAt: '2020-03-01' } });
    expect(done.data!.archiveOrganization.organization.dissolvedAt).toBe('2020-03-01');
  });
});

describe('idempotency keys', () => {
  it('replays the first result for a retried mutation and writes nothing new', async () => {
    const input = { ...orgInput(rootId), idempotencyKey: `key-${Date.now()}` };
    const first = await server.gql(CREATE, { input });
    const before = await eventCount();
    const retry = await server.gql(CREATE, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.createOrganization.organization.id).toBe(first.data!.createOrganization.organization.id);
    expect(await eventCount()).toBe(before);
  });

  it('lets exactly one of many racing retries write (Idempotency-Key header)', async () => {
    const input = orgInput(rootId);
    const before = await eventCount();
    const key = `race-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => server.gql(CREATE, { input }, { 'idempotency-key': key })));
    const ids = new Set(results.map((r) => r.data?.createOrganization.organization.id));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await eventCount()).toBe(before + 1);
  });

  it('refuses to reuse a key for a different request', async () => {
    const key = `reuse-${Date.now()}`;
    await server.gql(CREATE, { input: { ...orgInput(rootId), idempotencyKey: key } });
    const other = await server.gql(CREATE, { input: { ...orgInput(rootId), idempotencyKey: key } });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['idempotencyKey'] });
  });
});
