import { dataOf, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};
/** Eleven further members of the grid branch, for the holder limit. */
let crowd: string[] = [];

/**
 * A fixture tree of its own: 街道党工委 → 社区党委 → 网格党支部, a dissolved branch under the
 * street, and an unrelated branch outside the tree.
 */
beforeAll(async () => {
  server = await startTestServer();
  const fx = Fixtures.of(server);
  const street = await fx.organization('岗位测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('岗位测试社区党委', street, { kind: 'PARTY_COMMITTEE', established_at: '2010-01-01' });
  const grid = await fx.organization('岗位测试网格党支部', community, { established_at: '2012-01-01' });
  const dissolved = await fx.organization('岗位测试已撤销党支部', street, { dissolved_at: '2019-12-31' });
  const other = await fx.organization('岗位测试其他党支部');
  const member = async (key: string, name: string, organization: number, fields: Record<string, unknown> = {}) => {
    ids[key] = globalId('Member', await fx.member(name, organization, fields));
  };
  await member('zhang', '张岗一', community);
  await member('li', '李岗二', community);
  await member('wang', '王岗三', grid);
  await member('outsider', '赵岗外', other);
  await member('suspended', '钱岗停', grid, { standing: 'SUSPENDED' });
  await member('newcomer', '孙岗新', grid, { joined_party_at: '2020-02-01', full_member_at: null, status: 'PROBATIONARY' });
  for (let i = 0; i < 11; i += 1) crowd.push(globalId('Member', await fx.member(`周岗${i}`, grid)));
  Object.assign(ids, {
    street: globalId('Organization', street),
    community: globalId('Organization', community),
    dissolved: globalId('Organization', dissolved),
  });
  paths.community = `/${street}/${community}/`;
});
afterAll(() => server.close());

const POST_FIELDS = 'id name kind duty establishedAt version holderCount holders { id since member { id } } organization { id }';

const CREATE = `mutation($input: CreatePostInput!) {
  createPost(input: $input) { clientMutationId post { ${POST_FIELDS} } organization { id } }
}`;
const UPDATE = `mutation($input: UpdatePostInput!) { updatePost(input: $input) { post { id name duty version } organization { id } } }`;
const ASSIGN = `mutation($input: AssignPostHolderInput!) {
  assignPostHolder(input: $input) { postHolder { id since post { id } member { id } } post { id holderCount } member { id } }
}`;
const REMOVE = `mutation($input: RemovePostHolderInput!) {
  removePostHolder(input: $input) { removedPostHolderId post { id holderCount holders { id } } member { id } }
}`;

let serial = 0;
function postInput(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    organizationId: ids.community,
    name: `测试先锋岗${serial}`,
    kind: 'VANGUARD',
    duty: '卡口值守、测温登记',
    establishedAt: '2020-01-28',
    holderIds: [ids.zhang, ids.wang],
    ...overrides,
  };
}

interface PostResult {
  id: string;
  version: number;
  holderCount: number;
  holders: Array<{ id: string; since: string; member: { id: string } }>;
}

async function createPost(overrides: Record<string, unknown> = {}): Promise<PostResult> {
  return dataOf(await server.gql(CREATE, { input: postInput(overrides) })).createPost.post;
}

/** Rows that a refused mutation must leave untouched. */
async function counts() {
  const [row] = await server.orm.em.fork().execute<Array<Record<string, string>>>(
    `select (select count(*) from change_event) as events, (select count(*) from post) as posts, (select count(*) from post_holder) as holders`,
  );
  return { events: Number(row.events), posts: Number(row.posts), holders: Number(row.holders) };
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

async function expectRefused(query: string, input: Record<string, unknown>, extensions: Record<string, unknown>) {
  const before = await counts();
  const result = await server.gql(query, { input });
  expect(result.errors?.[0].extensions).toMatchObject(extensions);
  expect(result.data ?? null).toBeNull();
  expect(await counts()).toEqual(before);
}

describe('createPost', () => {
  it('sets up a post with its holders, echoes clientMutationId and logs one event per row', async () => {
    const before = await counts();
    const result = await server.gql(CREATE, { input: { ...postInput({ name: '卡口值守先锋岗' }), clientMutationId: 'post-1' } });
    const payload = dataOf(result).createPost;
    expect(payload.clientMutationId).toBe('post-1');
    expect(payload.organization.id).toBe(ids.community);
    expect(payload.post).toMatchObject({
      name: '卡口值守先锋岗',
      kind: 'VANGUARD',
      duty: '卡口值守、测温登记',
      establishedAt: '2020-01-28',
      version: 1,
      holderCount: 2,
      organization: { id: ids.community },
    });
    expect(payload.post.holders.map((h: { member: { id: string }; since: string }) => [h.member.id, h.since]).sort()).toEqual(
      [[ids.zhang, '2020-01-28'], [ids.wang, '2020-01-28']].sort(),
    );
    expect(await counts()).toEqual({ events: before.events + 3, posts: before.posts + 1, holders: before.holders + 2 });
    const events = await lastEvents(3);
    expect(events.map((e) => [e.entityType, e.operation, e.mutation, e.organizationPath]).sort()).toEqual([
      ['Post', 'CREATE', 'createPost', paths.community],
      ['PostHolder', 'CREATE', 'createPost', paths.community],
      ['PostHolder', 'CREATE', 'createPost', paths.community],
    ]);
    const postEvent = events.find((e) => e.entityType === 'Post')!;
    expect(postEvent.entityId).toBe(payload.post.id);
    expect(postEvent.changes).toContainEqual({ field: 'name', before: null, after: '卡口值守先锋岗' });
    expect(events.filter((e) => e.entityType === 'PostHolder').map((e) => e.entityId).sort()).toEqual(
      payload.post.holders.map((h: { id: string }) => h.id).sort(),
    );
    const listed = dataOf(await server.gql('query($id: ID!) { organization(id: $id) { posts { nodes { id } } } }', { id: ids.community }));
    expect(listed.organization.posts.nodes).toContainEqual({ id: payload.post.id });
  });

  it('sets up a post without holders', async () => {
    const before = await counts();
    const { holderIds: _omitted, ...input } = postInput();
    const post = dataOf(await server.gql(CREATE, { input })).createPost.post;
    expect(post.holderCount).toBe(0);
    expect((await counts()).events).toBe(before.events + 1);
  });

  it('accepts exactly ten holders', async () => {
    const post = await createPost({ holderIds: crowd.slice(0, 10) });
    expect(post.holderCount).toBe(10);
  });

  it.each([
    ['an empty name', () => ({ name: '  ' }), ['input.name']],
    ['an empty duty', () => ({ duty: '' }), ['input.duty']],
    ['a future establishment date', () => ({ establishedAt: '2999-01-01' }), ['input.establishedAt']],
    ['more than ten holders', () => ({ holderIds: crowd }), ['input.holderIds']],
    ['a duplicate holder', () => ({ holderIds: [ids.zhang, ids.wang, ids.zhang] }), ['input.holderIds']],
    ['a holder outside the organization subtree', () => ({ holderIds: [ids.zhang, ids.outsider] }), ['holderIds.1']],
    ['a holder whose standing is suspended', () => ({ holderIds: [ids.suspended] }), ['holderIds.0']],
    ['a holder who joined the party after the post was set up', () => ({ holderIds: [ids.zhang, ids.newcomer] }), ['holderIds.1', 'establishedAt']],
    ['a malformed holder id', () => ({ holderIds: [ids.zhang, 'not-an-id'] }), ['holderIds.1']],
    ['an organization id of another type', () => ({ organizationId: ids.zhang }), ['organizationId']],
    ['a dissolved organization', () => ({ organizationId: ids.dissolved, holderIds: [] }), ['organizationId']],
    ['a date before the organization was established', () => ({ establishedAt: '2009-12-31' }), ['establishedAt']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const input = postInput(overrides());
    await expectRefused(CREATE, input, { code: 'BAD_USER_INPUT', fields });
  });

  it.each([
    ['an unknown organization', () => ({ organizationId: globalId('Organization', 987654321) })],
    ['an unknown holder', () => ({ holderIds: [ids.zhang, globalId('Member', 987654321)] })],
  ])('refuses %s with NOT_FOUND and writes nothing', async (_label, overrides) => {
    await expectRefused(CREATE, postInput(overrides()), { code: 'NOT_FOUND' });
  });
});

describe('updatePost', () => {
  it('applies a change naming the current version, bumps the version and logs the changed fields', async () => {
    const post = await createPost({ holderIds: [] });
    const before = await counts();
    const result = await server.gql(UPDATE, { input: { id: post.id, expectedVersion: 1, name: '改名后的先锋岗', duty: '新的职责' } });
    expect(dataOf(result).updatePost).toEqual({
      post: { id: post.id, name: '改名后的先锋岗', duty: '新的职责', version: 2 },
      organization: { id: ids.community },
    });
    expect((await counts()).events).toBe(before.events + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'Post', entityId: post.id, operation: 'UPDATE', mutation: 'updatePost', organizationPath: paths.community });
    expect(event.changes.sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'duty', before: '卡口值守、测温登记', after: '新的职责' },
      { field: 'name', before: expect.stringMatching(/^测试先锋岗/), after: '改名后的先锋岗' },
    ]);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const post = await createPost({ holderIds: [] });
    dataOf(await server.gql(UPDATE, { input: { id: post.id, expectedVersion: 1, name: '第一次修改' } }));
    const before = await counts();
    const stale = await server.gql(UPDATE, { input: { id: post.id, expectedVersion: 1, name: '基于旧版本的修改' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await counts()).toEqual(before);
    const now = dataOf(await server.gql('query($id: ID!) { post(id: $id) { name version } }', { id: post.id }));
    expect(now.post).toEqual({ name: '第一次修改', version: 2 });
  });

  it('refuses an empty name with BAD_USER_INPUT and an unknown post with NOT_FOUND', async () => {
    const post = await createPost({ holderIds: [] });
    await expectRefused(UPDATE, { id: post.id, name: ' ' }, { code: 'BAD_USER_INPUT', fields: ['input.name'] });
    await expectRefused(UPDATE, { id: globalId('Post', 987654321), name: '新名称' }, { code: 'NOT_FOUND' });
  });
});

describe('assignPostHolder', () => {
  it('puts a member on a post and logs one event in the post organization', async () => {
    const post = await createPost({ holderIds: [ids.zhang] });
    const before = await counts();
    const payload = dataOf(await server.gql(ASSIGN, { input: { postId: post.id, memberId: ids.li, since: '2020-02-03' } })).assignPostHolder;
    expect(payload).toMatchObject({
      postHolder: { since: '2020-02-03', post: { id: post.id }, member: { id: ids.li } },
      post: { id: post.id, holderCount: 2 },
      member: { id: ids.li },
    });
    expect(await counts()).toEqual({ ...before, events: before.events + 1, holders: before.holders + 1 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      entityType: 'PostHolder',
      entityId: payload.postHolder.id,
      operation: 'CREATE',
      mutation: 'assignPostHolder',
      organizationPath: paths.community,
    });
  });

  it.each([
    ['a member already on the post', () => ({ memberId: ids.zhang }), ['memberId']],
    ['a member outside the organization subtree', () => ({ memberId: ids.outsider }), ['memberId']],
    ['a date before the post was set up', () => ({ since: '2020-01-27' }), ['since']],
    ['a date before the member joined the party', () => ({ memberId: ids.newcomer, since: '2020-01-30' }), ['memberId', 'since']],
    ['a future date', () => ({ since: '2999-01-01' }), ['input.since']],
    ['a member id of another type', () => ({ memberId: ids.community }), ['memberId']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const post = await createPost({ holderIds: [ids.zhang] });
    await expectRefused(ASSIGN, { postId: post.id, memberId: ids.wang, since: '2020-02-03', ...overrides() }, { code: 'BAD_USER_INPUT', fields });
  });

  it('refuses an eleventh holder with FAILED_PRECONDITION', async () => {
    const post = await createPost({ holderIds: crowd.slice(0, 10) });
    await expectRefused(ASSIGN, { postId: post.id, memberId: crowd[10], since: '2020-02-03' }, { code: 'FAILED_PRECONDITION', reason: 'POST_FULL' });
  });

  it('refuses an unknown post with NOT_FOUND', async () => {
    await expectRefused(ASSIGN, { postId: globalId('Post', 987654321), memberId: ids.li, since: '2020-02-03' }, { code: 'NOT_FOUND' });
  });
});

describe('removePostHolder', () => {
  it('takes a member off a post and logs a DELETE event in the post organization', async () => {
    const post = await createPost();
    const holder = post.holders.find((h) => h.member.id === ids.wang)!;
    const before = await counts();
    const payload = dataOf(await server.gql(REMOVE, { input: { postHolderId: holder.id } })).removePostHolder;
    expect(payload.removedPostHolderId).toBe(holder.id);
    expect(payload.member).toEqual({ id: ids.wang });
    expect(payload.post.holderCount).toBe(1);
    expect(payload.post.holders.map((h: { id: string }) => h.id)).not.toContain(holder.id);
    expect(await counts()).toEqual({ ...before, events: before.events + 1, holders: before.holders - 1 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      entityType: 'PostHolder',
      entityId: holder.id,
      operation: 'DELETE',
      mutation: 'removePostHolder',
      organizationPath: paths.community,
    });
    await expectRefused(REMOVE, { postHolderId: holder.id }, { code: 'NOT_FOUND' });
  });

  it('lets exactly one of two concurrent removals delete', async () => {
    const post = await createPost();
    const before = await counts();
    const input = { postHolderId: post.holders[0].id };
    const results = await Promise.all([server.gql(REMOVE, { input }), server.gql(REMOVE, { input })]);
    expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['NOT_FOUND', 'OK']);
    expect((await counts()).events).toBe(before.events + 1);
  });
});

describe('idempotency keys', () => {
  it('replays the first createPost result for a retry and writes nothing new', async () => {
    const input = { ...postInput(), idempotencyKey: `post-key-${Date.now()}` };
    const before = await counts();
    const first = dataOf(await server.gql(CREATE, { input })).createPost;
    const retry = dataOf(await server.gql(CREATE, { input })).createPost;
    expect(retry.post.id).toBe(first.post.id);
    expect(retry.post.holderCount).toBe(2);
    expect(retry.organization.id).toBe(ids.community);
    expect(await counts()).toEqual({ events: before.events + 3, posts: before.posts + 1, holders: before.holders + 2 });
  });

  it('replays a removal after the row is gone', async () => {
    const post = await createPost();
    const input = { postHolderId: post.holders[0].id, idempotencyKey: `remove-key-${Date.now()}` };
    const first = dataOf(await server.gql(REMOVE, { input })).removePostHolder;
    const before = await counts();
    const retry = dataOf(await server.gql(REMOVE, { input })).removePostHolder;
    expect(retry).toEqual(first);
    expect(await counts()).toEqual(before);
  });

  it('refuses to reuse a key for a different request', async () => {
    const key = `post-reuse-${Date.now()}`;
    dataOf(await server.gql(CREATE, { input: { ...postInput(), idempotencyKey: key } }));
    await expectRefused(CREATE, { ...postInput(), idempotencyKey: key }, { code: 'BAD_USER_INPUT', fields: ['idempotencyKey'] });
  });
});
