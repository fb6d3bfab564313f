import { idCardCheckDigit } from '../../common/id-card';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
let branchId: string;
let otherBranchId: string;
let temporaryBranchId: string;
let villageId: string;

async function firstId(query: string): Promise<string> {
  const result = await server.gql(query);
  expect(result.errors).toBeUndefined();
  return (Object.values(result.data!)[0] as { nodes: Array<{ id: string }> }).nodes[0].id;
}

beforeAll(async () => {
  server = await startTestServer();
  branchId = await firstId('{ organizations(first: 1, filter: { kinds: [BRANCH], unitTypes: [GOVERNMENT_AGENCY] }) { nodes { id } } }');
  otherBranchId = await firstId('{ organizations(first: 1, filter: { kinds: [BRANCH], unitTypes: [ENTERPRISE] }) { nodes { id } } }');
  temporaryBranchId = await firstId('{ organizations(first: 1, filter: { kinds: [TEMPORARY_BRANCH] }) { nodes { id } } }');
  villageId = await firstId('{ organizations(first: 1, filter: { unitTypes: [VILLAGE] }) { nodes { id } } }');
});
afterAll(() => server.close());

let serial = 100;
/** A valid ID number (region 421181) for the birth date; odd sequence digits mean male. */
function idNumber(birthDate: string, male = true): string {
  serial += 2;
  const first17 = `421181${birthDate.replace(/-/g, '')}${String(male ? serial + 1 : serial).padStart(3, '0').slice(-3)}`;
  return first17 + idCardCheckDigit(first17);
}

function memberInput(overrides: Record<string, unknown> = {}) {
  const birthDate = (overrides.birthDate as string) ?? '1990-05-04';
  return {
    organizationId: branchId,
    name: '张测试',
    gender: 'MALE',
    birthDate,
    education: 'BACHELOR',
    joinedPartyAt: '2015-07-01',
    status: 'FULL',
    fullMemberAt: '2016-07-01',
    occupation: 'GOVERNMENT_CADRE',
    inService: true,
    idCardNumber: idNumber(birthDate),
    phone: '13900001234',
    address: '湖北省麻城市龙池桥街道某路 1 号',
    ...overrides,
  };
}

const ADD = `mutation($input: AddMemberInput!) {
  addMember(input: $input) { member { id name phone idCardNumber version organization { id } } organization { id } }
}`;

async function addMember(overrides: Record<string, unknown> = {}) {
  const result = await server.gql(ADD, { input: memberInput(overrides) });
  expect(result.errors).toBeUndefined();
  return result.data!.addMember.member as { id: string; version: number };
}

async function eventCount(): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>('select count(*) from change_event');
  return Number(row.count);
}

describe('addMember', () => {
  it('registers a member and keeps the sensitive values masked in the change log', async () => {
    const input = memberInput();
    const result = await server.gql(ADD, { input });
    expect(result.errors).toBeUndefined();
    const member = result.data!.addMember.member;
    expect(member.phone).toBe(input.phone);
    const masked = { phone: '139****1234', idCardNumber: `${input.idCardNumber.slice(0, 6)}********${input.idCardNumber.slice(14)}` };
    const events = await server.gql(`query($id: ID!) { changeEvents(filter: { entityId: $id }) { nodes { operation changes { field after } } } }`, { id: member.id });
    const [event] = events.data!.changeEvents.nodes;
    expect(event.operation).toBe('CREATE');
    const logged = Object.fromEntries(event.changes.map((c: { field: string; after: unknown }) => [c.field, c.after]));
    expect(logged.phone).toBe(masked.phone);
    expect(logged.idCardNumber).toBe(masked.idCardNumber);
    expect(JSON.stringify(event)).not.toContain(input.idCardNumber);
    expect(JSON.stringify(event)).not.toContain(input.phone);
  });

  it.each([
    ['a wrong ID check digit', { idCardNumber: '421181199005041230' }, ['input.idCardNumber']],
    ['an ID number whose birth date differs', { idCardNumber: idNumber('1991-01-01') }, ['idCardNumber', 'birthDate']],
    ['an ID number of the other gender', { gender: 'FEMALE' }, ['idCardNumber', 'gender']],
    ['a malformed phone', { phone: '1234567' }, ['input.phone']],
    ['joining before the 18th birthday', { joinedPartyAt: '2008-05-03', fullMemberAt: '2009-05-03' }, ['joinedPartyAt']],
    ['a future joining date', { joinedPartyAt: '2999-01-01' }, ['input.joinedPartyAt']],
    ['a probationary member with a full-membership date', { status: 'PROBATIONARY' }, ['fullMemberAt']],
    ['a blank name', { name: '  ' }, ['input.name']],
    ['an over-long name', { name: '名'.repeat(51) }, ['input.name']],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_label, overrides, fields) => {
    const before = await eventCount();
    const result = await server.gql(ADD, { input: memberInput(overrides) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a temporary branch as home organization', async () => {
    const result = await server.gql(ADD, { input: memberInput({ organizationId: temporaryBranchId }) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['organizationId'] });
  });

  it('refuses a second member with the same ID number as CONFLICT', async () => {
    const input = memberInput();
    expect((await server.gql(ADD, { input })).errors).toBeUndefined();
    const again = await server.gql(ADD, { input: { ...input, phone: '13900005678' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('transferMember', () => {
  const TRANSFER = `mutation($input: TransferMemberInput!) {
    transferMember(input: $input) { member { organization { id } version } transfer { reason transferredAt } fromOrganization { id } toOrganization { id } }
  }`;

  it('moves the home organization and keeps the transfer as history', async () => {
    const member = await addMember();
    const result = await server.gql(TRANSFER, {
      input: { memberId: member.id, toOrganizationId: otherBranchId, transferredAt: '2020-02-01', reason: '工作调动', expectedVersion: 1 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.transferMember).toEqual({
      member: { organization: { id: otherBranchId }, version: 2 },
      transfer: { reason: '工作调动', transferredAt: '2020-02-01' },
      fromOrganization: { id: branchId },
      toOrganization: { id: otherBranchId },
    });
    const history = await server.gql('query($id: ID!) { member(id: $id) { transfers { fromOrganization { id } toOrganization { id } } } }', { id: member.id });
    expect(history.data!.member.transfers).toEqual([{ fromOrganization: { id: branchId }, toOrganization: { id: otherBranchId } }]);
  });

  it('refuses a stale version with CONFLICT', async () => {
    const member = await addMember();
    const result = await server.gql(TRANSFER, {
      input: { memberId: member.id, toOrganizationId: otherBranchId, transferredAt: '2020-02-01', reason: '工作调动', expectedVersion: 7 },
    });
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('temporary branches', () => {
  const JOIN = `mutation($input: JoinTemporaryBranchInput!) { joinTemporaryBranch(input: $input) { membership { id leftAt } member { organization { id } } organization { id } } }`;
  const LEAVE = `mutation($input: LeaveTemporaryBranchInput!) { leaveTemporaryBranch(input: $input) { membership { leftAt } } }`;

  it('adds a second, time-boxed membership without touching the home organization', async () => {
    const member = await addMember();
    const joined = await server.gql(JOIN, { input: { memberId: member.id, organizationId: temporaryBranchId, joinedAt: '2020-01-26', role: '党员' } });
    expect(joined.errors).toBeUndefined();
    expect(joined.data!.joinTemporaryBranch.member.organization.id).toBe(branchId);
    const twice = await server.gql(JOIN, { input: { memberId: member.id, organizationId: temporaryBranchId, joinedAt: '2020-01-27' } });
    expect(twice.errors?.[0].extensions?.fields).toEqual(['memberId']);
    const left = await server.gql(LEAVE, { input: { membershipId: joined.data!.joinTemporaryBranch.membership.id, leftAt: '2020-03-01' } });
    expect(left.data!.leaveTemporaryBranch.membership.leftAt).toBe('2020-03-01');
  });

  it('refuses joining a permanent organization this way', async () => {
    const member = await addMember();
    const result = await server.gql(JOIN, { input: { memberId: member.id, organizationId: otherBranchId, joinedAt: '2020-01-26' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['organizationId'] });
  });
});

describe('reportToCommunity', () => {
  const REPORT = `mutation($input: ReportToCommunityInput!) { reportToCommunity(input: $input) { report { reportedAt duty } community { id } } }`;

  it('records an in-service member reporting to a village, once', async () => {
    const member = await addMember();
    const input = { memberId: member.id, communityId: villageId, reportedAt: '2020-02-01', duty: '卡口值守' };
    const result = await server.gql(REPORT, { input });
    expect(result.data!.reportToCommunity).toEqual({ report: { reportedAt: '2020-02-01', duty: '卡口值守' }, community: { id: villageId } });
    expect((await server.gql(REPORT, { input })).errors?.[0].extensions?.fields).toEqual(['communityId']);
  });

  it('refuses a report to an organization that is not a village or community', async () => {
    const member = await addMember();
    const result = await server.gql(REPORT, { input: { memberId: member.id, communityId: branchId, reportedAt: '2020-02-01' } });
    expect(result.errors?.[0].extensions?.fields).toEqual(['communityId']);
  });
});

describe('the change log', () => {
  it('hands out gap-free sequences in commit order under concurrent writes', async () => {
    const before = await server.gql('{ changeEvents(last: 1) { nodes { sequence } } }');
    const start = Number(before.data!.changeEvents.nodes[0]?.sequence ?? 0);
    const results = await Promise.all(Array.from({ length: 20 }, () => server.gql(ADD, { input: memberInput() })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const after = await server.gql(`{ changeEvents(last: 20) { nodes { sequence entityType } } }`);
    const sequences = after.data!.changeEvents.nodes.map((n: { sequence: string }) => Number(n.sequence));
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => start + 1 + i));
  });

  it('keeps neither the change nor its event when the commit itself fails', async () => {
    const member = await addMember({ name: '回滚测试' });
    const em = server.orm.em.fork();
    // A deferred trigger fails at COMMIT, after the entity row and its event were both written.
    await em.execute(`create function fail_commit() returns trigger language plpgsql as $$ begin raise exception 'commit refused'; end $$`);
    await em.execute(`create constraint trigger fail_commit after insert on change_event deferrable initially deferred
                      for each row when (new.mutation = 'updateMember') execute function fail_commit()`);
    try {
      const before = await eventCount();
      const result = await server.gql(`mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { name } } }`, {
        input: { id: member.id, name: '不应保存的名字' },
      });
      expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await eventCount()).toBe(before);
      const now = await server.gql('query($id: ID!) { member(id: $id) { name version } }', { id: member.id });
      expect(now.data!.member).toEqual({ name: '回滚测试', version: 1 });
    } finally {
      await em.execute('drop trigger fail_commit on change_event; drop function fail_commit()');
    }
  });
});
