import { dataOf, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};
/** Fifty-one further members of the grid branch, for the size limit. */
const crowd: string[] = [];
/** A leaderless squad (as imported data may have) with a single member. */
let loneMembershipId: string;

/**
 * A fixture tree of its own: 街道党工委 → 社区党委 → 网格党支部, a dissolved branch under the
 * street, and an unrelated branch outside the tree.
 */
beforeAll(async () => {
  server = await startTestServer();
  const fx = Fixtures.of(server);
  const street = await fx.organization('突击队测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('突击队测试社区党委', street, { kind: 'PARTY_COMMITTEE', established_at: '2010-01-01' });
  const grid = await fx.organization('突击队测试网格党支部', community);
  const dissolved = await fx.organization('突击队测试已撤销党支部', street, { dissolved_at: '2019-12-31' });
  const other = await fx.organization('突击队测试其他党支部');
  const member = async (key: string, name: string, organization: number, fields: Record<string, unknown> = {}) => {
    const id = await fx.member(name, organization, fields);
    ids[key] = globalId('Member', id);
    return id;
  };
  await member('zhang', '张队一', community);
  await member('li', '李队二', community);
  await member('wang', '王队三', grid);
  await member('outsider', '赵队外', other);
  await member('suspended', '钱队停', grid, { standing: 'SUSPENDED' });
  await member('newcomer', '孙队新', grid, { joined_party_at: '2020-02-01', full_member_at: null, status: 'PROBATIONARY' });
  const lone = await member('lone', '吴队独', grid);
  for (let i = 0; i < 51; i += 1) crowd.push(globalId('Member', await fx.member(`郑队${i}`, grid)));
  const leaderless = await fx.insert('squad', { name: '无队长突击队', organization_id: grid, formed_at: '2020-01-25', leader_id: null, mission: '消杀' });
  loneMembershipId = globalId('SquadMember', await fx.insert('squad_member', { squad_id: leaderless, member_id: lone, joined_at: '2020-01-25' }));
  Object.assign(ids, {
    community: globalId('Organization', community),
    grid: globalId('Organization', grid),
    dissolved: globalId('Organization', dissolved),
  });
  paths.community = `/${street}/${community}/`;
  paths.grid = `/${street}/${community}/${grid}/`;
});
afterAll(() => server.close());

const SQUAD_FIELDS = 'id name mission formedAt version leader { id } memberCount memberships { id joinedAt member { id } } organization { id }';

const CREATE = `mutation($input: CreateSquadInput!) {
  createSquad(input: $input) { clientMutationId squad { ${SQUAD_FIELDS} } organization { id } }
}`;
const ADD = `mutation($input: AddSquadMemberInput!) {
  addSquadMember(input: $input) { squadMember { id joinedAt squad { id } member { id } } squad { id memberCount } member { id } }
}`;
const REMOVE = `mutation($input: RemoveSquadMemberInput!) {
  removeSquadMember(input: $input) { removedSquadMemberId squad { id memberCount memberships { id } } member { id } }
}`;

let serial = 0;
function squadInput(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    organizationId: ids.community,
    name: `测试突击队${serial}`,
    mission: '卡口值守、物资配送',
    formedAt: '2020-01-26',
    leaderId: ids.zhang,
    memberIds: [ids.zhang, ids.li, ids.wang],
    ...overrides,
  };
}

interface SquadResult {
  id: string;
  memberCount: number;
  memberships: Array<{ id: string; joinedAt: string; member: { id: string } }>;
}

async function createSquad(overrides: Record<string, unknown> = {}): Promise<SquadResult> {
  return dataOf(await server.gql(CREATE, { input: squadInput(overrides) })).createSquad.squad;
}

/** Rows that a refused mutation must leave untouched. */
async function counts() {
  const [row] = await server.orm.em.fork().execute<Array<Record<string, string>>>(
    `select (select count(*) from change_event) as events, (select count(*) from squad) as squads, (select count(*) from squad_member) as members`,
  );
  return { events: Number(row.events), squads: Number(row.squads), members: Number(row.members) };
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

async function expectRefused(query: string, input: Record<string, unknown>, extensions: Record<string, unknown>) {
  const before = await counts();
  const result = await server.gql(query, { input });
  expect(result.errors?.[0].extensions).toMatchObject(extensions);
  expect(result.data ?? null).toBeNull();
  expect(await counts()).toEqual(before);
}

describe('createSquad', () => {
  it('forms a squad with its leader and members, echoes clientMutationId and logs one event per row', async () => {
    const before = await counts();
    const result = await server.gql(CREATE, { input: { ...squadInput({ name: '社区防控突击队' }), clientMutationId: 'squad-1' } });
    const payload = dataOf(result).createSquad;
    expect(payload.clientMutationId).toBe('squad-1');
    expect(payload.organization.id).toBe(ids.community);
    expect(payload.squad).toMatchObject({
      name: '社区防控突击队',
      mission: '卡口值守、物资配送',
      formedAt: '2020-01-26',
      version: 1,
      leader: { id: ids.zhang },
      memberCount: 3,
      organization: { id: ids.community },
    });
    expect(payload.squad.memberships.map((m: { member: { id: string }; joinedAt: string }) => [m.member.id, m.joinedAt]).sort()).toEqual(
      [[ids.zhang, '2020-01-26'], [ids.li, '2020-01-26'], [ids.wang, '2020-01-26']].sort(),
    );
    expect(await counts()).toEqual({ events: before.events + 4, squads: before.squads + 1, members: before.members + 3 });
    const events = await lastEvents(4);
    expect(events.map((e) => [e.entityType, e.operation, e.mutation, e.organizationPath]).sort()).toEqual([
      ['Squad', 'CREATE', 'createSquad', paths.community],
      ['SquadMember', 'CREATE', 'createSquad', paths.community],
      ['SquadMember', 'CREATE', 'createSquad', paths.community],
      ['SquadMember', 'CREATE', 'createSquad', paths.community],
    ]);
    expect(events.find((e) => e.entityType === 'Squad')!.entityId).toBe(payload.squad.id);
    const squads = dataOf(await server.gql('query($id: ID!) { member(id: $id) { squads { id } } }', { id: ids.wang }));
    expect(squads.member.squads).toContainEqual({ id: payload.squad.id });
  });

  it('accepts a squad of one (its leader) and one of fifty', async () => {
    expect((await createSquad({ memberIds: [ids.zhang] })).memberCount).toBe(1);
    expect((await createSquad({ leaderId: crowd[0], memberIds: crowd.slice(0, 50) })).memberCount).toBe(50);
  });

  it.each([
    ['an empty name', () => ({ name: '' }), ['input.name']],
    ['an empty mission', () => ({ mission: '   ' }), ['input.mission']],
    ['a future formation date', () => ({ formedAt: '2999-01-01' }), ['input.formedAt']],
    ['no members', () => ({ memberIds: [] }), ['input.memberIds']],
    ['more than fifty members', () => ({ leaderId: crowd[0], memberIds: crowd }), ['input.memberIds']],
    ['a duplicate member', () => ({ memberIds: [ids.zhang, ids.li, ids.zhang] }), ['input.memberIds']],
    ['a leader who is not among the members', () => ({ leaderId: ids.wang, memberIds: [ids.zhang, ids.li] }), ['leaderId']],
    ['a malformed leader id', () => ({ leaderId: 'nonsense' }), ['leaderId']],
    ['a member outside the organization subtree', () => ({ memberIds: [ids.zhang, ids.li, ids.outsider] }), ['memberIds.2']],
    ['a member whose standing is suspended', () => ({ memberIds: [ids.zhang, ids.suspended] }), ['memberIds.1']],
    ['a member who joined the party after the squad was formed', () => ({ memberIds: [ids.zhang, ids.newcomer] }), ['memberIds.1', 'formedAt']],
    ['a dissolved organization', () => ({ organizationId: ids.dissolved }), ['organizationId']],
    ['a date before the organization was established', () => ({ formedAt: '2009-12-31' }), ['formedAt']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    await expectRefused(CREATE, squadInput(overrides()), { code: 'BAD_USER_INPUT', fields });
  });

  it.each([
    ['an unknown organization', () => ({ organizationId: globalId('Organization', 987654321) })],
    ['an unknown member', () => ({ memberIds: [ids.zhang, globalId('Member', 987654321)] })],
  ])('refuses %s with NOT_FOUND and writes nothing', async (_label, overrides) => {
    await expectRefused(CREATE, squadInput(overrides()), { code: 'NOT_FOUND' });
  });
});

describe('addSquadMember', () => {
  it('adds a member and logs one event in the squad organization', async () => {
    const squad = await createSquad({ memberIds: [ids.zhang] });
    const before = await counts();
    const payload = dataOf(await server.gql(ADD, { input: { squadId: squad.id, memberId: ids.wang, joinedAt: '2020-02-01' } })).addSquadMember;
    expect(payload).toMatchObject({
      squadMember: { joinedAt: '2020-02-01', squad: { id: squad.id }, member: { id: ids.wang } },
      squad: { id: squad.id, memberCount: 2 },
      member: { id: ids.wang },
    });
    expect(await counts()).toEqual({ ...before, events: before.events + 1, members: before.members + 1 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      entityType: 'SquadMember',
      entityId: payload.squadMember.id,
      operation: 'CREATE',
      mutation: 'addSquadMember',
      organizationPath: paths.community,
    });
  });

  it.each([
    ['a member already in the squad', () => ({ memberId: ids.zhang }), ['memberId']],
    ['a member outside the organization subtree', () => ({ memberId: ids.outsider }), ['memberId']],
    ['a member whose standing is suspended', () => ({ memberId: ids.suspended }), ['memberId']],
    ['a date before the squad was formed', () => ({ joinedAt: '2020-01-25' }), ['joinedAt']],
    ['a future date', () => ({ joinedAt: '2999-01-01' }), ['input.joinedAt']],
    ['a malformed member id', () => ({ memberId: 'nonsense' }), ['memberId']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const squad = await createSquad({ memberIds: [ids.zhang] });
    await expectRefused(ADD, { squadId: squad.id, memberId: ids.wang, joinedAt: '2020-02-01', ...overrides() }, { code: 'BAD_USER_INPUT', fields });
  });

  it('refuses a fifty-first member with FAILED_PRECONDITION', async () => {
    const squad = await createSquad({ leaderId: crowd[0], memberIds: crowd.slice(0, 50) });
    await expectRefused(ADD, { squadId: squad.id, memberId: crowd[50], joinedAt: '2020-02-01' }, { code: 'FAILED_PRECONDITION', reason: 'SQUAD_FULL' });
  });

  it('refuses an unknown squad with NOT_FOUND', async () => {
    await expectRefused(ADD, { squadId: globalId('Squad', 987654321), memberId: ids.wang, joinedAt: '2020-02-01' }, { code: 'NOT_FOUND' });
  });
});

describe('removeSquadMember', () => {
  it('removes a member and logs a DELETE event in the squad organization', async () => {
    const squad = await createSquad();
    const membership = squad.memberships.find((m) => m.member.id === ids.li)!;
    const before = await counts();
    const payload = dataOf(await server.gql(REMOVE, { input: { squadMemberId: membership.id } })).removeSquadMember;
    expect(payload.removedSquadMemberId).toBe(membership.id);
    expect(payload.member).toEqual({ id: ids.li });
    expect(payload.squad.memberCount).toBe(2);
    expect(payload.squad.memberships.map((m: { id: string }) => m.id)).not.toContain(membership.id);
    expect(await counts()).toEqual({ ...before, events: before.events + 1, members: before.members - 1 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({
      entityType: 'SquadMember',
      entityId: membership.id,
      operation: 'DELETE',
      mutation: 'removeSquadMember',
      organizationPath: paths.community,
    });
    await expectRefused(REMOVE, { squadMemberId: membership.id }, { code: 'NOT_FOUND' });
  });

  it('refuses to remove the leader with FAILED_PRECONDITION and writes nothing', async () => {
    const squad = await createSquad();
    const leader = squad.memberships.find((m) => m.member.id === ids.zhang)!;
    await expectRefused(REMOVE, { squadMemberId: leader.id }, { code: 'FAILED_PRECONDITION', reason: 'IS_LEADER' });
  });

  it('refuses to remove the last member of a squad with FAILED_PRECONDITION', async () => {
    await expectRefused(REMOVE, { squadMemberId: loneMembershipId }, { code: 'FAILED_PRECONDITION', reason: 'LAST_MEMBER' });
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    await expectRefused(REMOVE, { squadMemberId: ids.zhang }, { code: 'BAD_USER_INPUT', fields: ['squadMemberId'] });
  });

  it('logs membership changes of a lower organization squad under that organization', async () => {
    const squad = await createSquad({ organizationId: ids.grid, leaderId: ids.wang, memberIds: [ids.wang] });
    const added = dataOf(await server.gql(ADD, { input: { squadId: squad.id, memberId: crowd[1], joinedAt: '2020-02-01' } })).addSquadMember;
    dataOf(await server.gql(REMOVE, { input: { squadMemberId: added.squadMember.id } }));
    const events = await lastEvents(2);
    expect(events.map((e) => [e.entityType, e.operation, e.organizationPath])).toEqual([
      ['SquadMember', 'CREATE', paths.grid],
      ['SquadMember', 'DELETE', paths.grid],
    ]);
  });
});

describe('idempotency keys', () => {
  it('replays the first createSquad result for a retry and writes nothing new', async () => {
    const input = { ...squadInput(), idempotencyKey: `squad-key-${Date.now()}` };
    const before = await counts();
    const first = dataOf(await server.gql(CREATE, { input })).createSquad;
    const retry = dataOf(await server.gql(CREATE, { input })).createSquad;
    expect(retry.squad.id).toBe(first.squad.id);
    expect(retry.squad.memberCount).toBe(3);
    expect(await counts()).toEqual({ events: before.events + 4, squads: before.squads + 1, members: before.members + 3 });
  });

  it('replays addSquadMember instead of refusing the retry as a duplicate', async () => {
    const squad = await createSquad({ memberIds: [ids.zhang] });
    const input = { squadId: squad.id, memberId: ids.wang, joinedAt: '2020-02-01', idempotencyKey: `add-key-${Date.now()}` };
    const first = dataOf(await server.gql(ADD, { input })).addSquadMember;
    const before = await counts();
    const retry = dataOf(await server.gql(ADD, { input })).addSquadMember;
    expect(retry.squadMember.id).toBe(first.squadMember.id);
    expect(await counts()).toEqual(before);
  });
});
