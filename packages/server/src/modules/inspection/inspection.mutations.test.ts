import { dataOf, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};
const cadres: string[] = [];

/**
 * A fixture tree of its own: 测试市委 → 测试街道 (一村 with 8 塆组, 社区, a company) and 外街道 (外村),
 * a dissolved 撤销街道, and 测试组织部 with twelve cadres.
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const knex = server.orm.em.getKnex();
  const city = await fx.organization('测试市委', undefined, { kind: 'CITY_COMMITTEE', unit_type: 'CITY' });
  const street = await fx.organization('测试街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const village = await fx.organization('测试一村党支部', street, { unit_type: 'VILLAGE', village_group_count: 8 });
  const community = await fx.organization('测试社区党支部', street, { unit_type: 'COMMUNITY' });
  const company = await fx.organization('测试公司党支部', street, { unit_type: 'ENTERPRISE' });
  const otherStreet = await fx.organization('外街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const otherVillage = await fx.organization('外村党支部', otherStreet, { unit_type: 'VILLAGE' });
  const dissolved = await fx.organization('撤销街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT', dissolved_at: '2019-12-31' });
  const department = await fx.organization('测试组织部', city, { kind: 'WORKING_DEPARTMENT', unit_type: 'GOVERNMENT_AGENCY' });
  for (let i = 1; i <= 12; i += 1) cadres.push(globalId('Member', await fx.member(`督查干部${i}`, department)));
  const named = { city, street, village, community, company, otherStreet, otherVillage, dissolved, department };
  for (const [name, id] of Object.entries(named)) {
    ids[name] = globalId('Organization', id);
    paths[name] = (await knex('organization').where('id', id).first('path')).path;
  }
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

async function eventCount(): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>('select count(*) from change_event');
  return Number(row.count);
}


const lastEvents = (n: number) => lastChangeEvents(server, n);

const FORM = `mutation($input: FormInspectionTeamInput!) {
  formInspectionTeam(input: $input) {
    clientMutationId
    team { id name number formedAt version area { id } organizer { id } members { id role servedFrom servedTo member { id } } }
    area { id inspectionTeams { totalCount } }
  }
}`;

let teamNumber = 800;
function teamInput(overrides: Record<string, unknown> = {}) {
  teamNumber += 1;
  return {
    name: `第${teamNumber}督查专班`,
    number: teamNumber,
    areaId: ids.street,
    organizerId: ids.department,
    formedAt: '2020-01-27',
    members: [
      { memberId: cadres[0], role: 'LEADER', servedFrom: '2020-01-27' },
      { memberId: cadres[1], role: 'MEMBER', servedFrom: '2020-01-27' },
      { memberId: cadres[2], role: 'MEMBER', servedFrom: '2020-01-25' },
    ],
    ...overrides,
  };
}

async function formTeam(overrides: Record<string, unknown> = {}) {
  const result = await server.gql(FORM, { input: teamInput(overrides) });
  return dataOf(result).formInspectionTeam.team as { id: string; members: Array<{ id: string; role: string; member: { id: string } }> };
}

/** A member entry; the id is read when the request is sent, since test tables are built before the fixtures exist. */
const member = (index: number, role = 'MEMBER', servedFrom = '2020-01-27') => ({
  get memberId() {
    return cadres[index];
  },
  role,
  servedFrom,
});

describe('formInspectionTeam', () => {
  it('forms a team with its members, returns the area, and logs one event per row under the area', async () => {
    const input = { ...teamInput(), clientMutationId: 'team-1' };
    const before = await eventCount();
    const payload = dataOf(await server.gql(FORM, { input })).formInspectionTeam;
    expect(payload.clientMutationId).toBe('team-1');
    expect(payload.team).toMatchObject({ name: input.name, number: input.number, formedAt: '2020-01-27', version: 1, area: { id: ids.street }, organizer: { id: ids.department } });
    expect(payload.team.members.map((m: { role: string; servedFrom: string; servedTo: null; member: { id: string } }) => [m.role, m.member.id, m.servedFrom, m.servedTo])).toEqual([
      ['LEADER', cadres[0], '2020-01-27', null],
      ['MEMBER', cadres[1], '2020-01-27', null],
      ['MEMBER', cadres[2], '2020-01-25', null],
    ]);
    expect(payload.area.id).toBe(ids.street);
    expect(payload.area.inspectionTeams.totalCount).toBeGreaterThanOrEqual(1);
    expect(await eventCount()).toBe(before + 4);
    const events = await lastEvents(4);
    expect(events.map(({ entityType, operation, mutation, organizationPath }) => ({ entityType, operation, mutation, organizationPath }))).toEqual([
      { entityType: 'InspectionTeam', operation: 'CREATE', mutation: 'formInspectionTeam', organizationPath: paths.street },
      ...Array.from({ length: 3 }, () => ({ entityType: 'InspectionTeamMember', operation: 'CREATE', mutation: 'formInspectionTeam', organizationPath: paths.street })),
    ]);
    expect(events[0].entityId).toBe(payload.team.id);
    expect(events.slice(1).map((e) => e.entityId).sort()).toEqual(payload.team.members.map((m: { id: string }) => m.id).sort());
  });

  it.each([
    ['no leader', { members: [member(0), member(1)] }, ['members']],
    ['two leaders', { members: [member(0, 'LEADER'), member(1, 'LEADER'), member(2)] }, ['members.0.role', 'members.1.role']],
    ['a member listed twice', { members: [member(0, 'LEADER'), member(1), member(1)] }, ['members.2.memberId']],
    ['a malformed member id', { members: [member(0, 'LEADER'), { ...member(1), memberId: 'nonsense' }] }, ['members.1.memberId']],
    ['an organization id as member id', { members: [member(0, 'LEADER'), { ...member(1), memberId: globalId('Organization', 1) }] }, ['members.1.memberId']],
    ['no members at all', { members: [] }, ['input.members']],
    ['eleven members', { members: [member(0, 'LEADER'), ...Array.from({ length: 10 }, (_, i) => member(i + 1))] }, ['input.members']],
    ['a future servedFrom', { members: [member(0, 'LEADER'), member(1, 'MEMBER', '2999-01-01')] }, ['input.members.1.servedFrom']],
    ['a blank name', { name: '   ' }, ['input.name']],
    ['a team number of 0', { number: 0 }, ['input.number']],
    ['a future formation date', { formedAt: '2999-01-01' }, ['input.formedAt']],
    ['a dissolved area', { area: 'dissolved' }, ['areaId']],
    ['an area id that is no organization', { areaId: globalId('Member', 1) }, ['areaId']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const { area, ...rest } = overrides as Record<string, unknown>;
    const before = await eventCount();
    const result = await server.gql(FORM, { input: teamInput({ ...rest, ...(area ? { areaId: ids[area as string] } : {}) }) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect(result.data?.formInspectionTeam ?? null).toBeNull();
    expect(await eventCount()).toBe(before);
  });

  it('refuses a team number already in use with CONFLICT and leaves no event', async () => {
    const input = teamInput();
    await formTeam({ number: input.number, name: input.name });
    const before = await eventCount();
    const again = await server.gql(FORM, { input: { ...input, name: '另一个专班' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['number'] });
    expect(await eventCount()).toBe(before);
  });

  it('reports an unknown member as NOT_FOUND and writes nothing', async () => {
    const before = await eventCount();
    const result = await server.gql(FORM, { input: teamInput({ members: [member(0, 'LEADER'), { ...member(1), memberId: globalId('Member', 999999999) }] }) });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await eventCount()).toBe(before);
  });

  it('replays the first result for a retry with the same idempotency key and writes nothing new', async () => {
    const input = { ...teamInput(), idempotencyKey: `team-${Date.now()}` };
    const first = dataOf(await server.gql(FORM, { input })).formInspectionTeam;
    const before = await eventCount();
    const retry = dataOf(await server.gql(FORM, { input })).formInspectionTeam;
    expect(retry.team.id).toBe(first.team.id);
    expect(retry.team.members).toEqual(first.team.members);
    expect(retry.area.id).toBe(ids.street);
    expect(await eventCount()).toBe(before);
  });
});

const ADD = `mutation($input: AddInspectionTeamMemberInput!) {
  addInspectionTeamMember(input: $input) { teamMember { id role servedFrom servedTo } team { id members { member { id } } } member { id inspectionTeamMemberships { team { id } } } }
}`;
const END = `mutation($input: EndInspectionTeamServiceInput!) {
  endInspectionTeamService(input: $input) { teamMember { id servedFrom servedTo daysOnDuty version } team { id } member { id } }
}`;

describe('addInspectionTeamMember and endInspectionTeamService', () => {
  it('adds a member once, ends the service, and logs both under the team area', async () => {
    const team = await formTeam();
    const added = dataOf(await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[5], role: 'MEMBER', servedFrom: '2020-02-01' } })).addInspectionTeamMember;
    expect(added.teamMember).toMatchObject({ role: 'MEMBER', servedFrom: '2020-02-01', servedTo: null });
    expect(added.team.members.map((m: { member: { id: string } }) => m.member.id)).toContain(cadres[5]);
    expect(added.member.inspectionTeamMemberships.map((m: { team: { id: string } }) => m.team.id)).toContain(team.id);
    const [createEvent] = await lastEvents(1);
    expect(createEvent).toMatchObject({ entityType: 'InspectionTeamMember', entityId: added.teamMember.id, operation: 'CREATE', mutation: 'addInspectionTeamMember', organizationPath: paths.street });

    const twice = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[5], role: 'MEMBER', servedFrom: '2020-02-02' } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['memberId'] });

    const before = await eventCount();
    const early = await server.gql(END, { input: { teamMemberId: added.teamMember.id, servedTo: '2020-01-31' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['servedTo'] });
    expect(await eventCount()).toBe(before);

    const ended = dataOf(await server.gql(END, { input: { teamMemberId: added.teamMember.id, servedTo: '2020-02-20' } })).endInspectionTeamService;
    expect(ended).toEqual({
      teamMember: { id: added.teamMember.id, servedFrom: '2020-02-01', servedTo: '2020-02-20', daysOnDuty: 20, version: 2 },
      team: { id: team.id },
      member: { id: cadres[5] },
    });
    const [updateEvent] = await lastEvents(1);
    expect(updateEvent).toMatchObject({ entityType: 'InspectionTeamMember', operation: 'UPDATE', mutation: 'endInspectionTeamService', organizationPath: paths.street });
    expect(updateEvent.changes).toEqual([{ field: 'servedTo', before: null, after: '2020-02-20' }]);

    const again = await server.gql(END, { input: { teamMemberId: added.teamMember.id, servedTo: '2020-02-21' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['teamMemberId'] });

    const overlapping = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[5], role: 'MEMBER', servedFrom: '2020-02-15' } });
    expect(overlapping.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['servedFrom'] });
    const back = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[5], role: 'MEMBER', servedFrom: '2020-02-21' } });
    expect(back.errors).toBeUndefined();
  });

  it('refuses a second leader while one is on duty, and accepts one after the leader left', async () => {
    const team = await formTeam();
    const before = await eventCount();
    const refused = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[6], role: 'LEADER', servedFrom: '2020-02-01' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['role'] });
    expect(await eventCount()).toBe(before);
    const leader = team.members.find((m) => m.role === 'LEADER')!;
    dataOf(await server.gql(END, { input: { teamMemberId: leader.id, servedTo: '2020-02-10' } }));
    const accepted = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[6], role: 'LEADER', servedFrom: '2020-02-11' } });
    expect(accepted.errors).toBeUndefined();
  });

  it('refuses an eleventh member on duty with FAILED_PRECONDITION', async () => {
    const team = await formTeam({ members: [member(0, 'LEADER'), ...Array.from({ length: 9 }, (_, i) => member(i + 1))] });
    const before = await eventCount();
    const result = await server.gql(ADD, { input: { teamId: team.id, memberId: cadres[10], role: 'MEMBER', servedFrom: '2020-02-01' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'TEAM_FULL' });
    expect(await eventCount()).toBe(before);
  });

  it('reports NOT_FOUND for an unknown team', async () => {
    const result = await server.gql(ADD, { input: { teamId: globalId('InspectionTeam', 999999999), memberId: cadres[0], role: 'MEMBER', servedFrom: '2020-02-01' } });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

const RECORD = `mutation($input: RecordInspectionInput!) {
  recordInspection(input: $input) {
    record { id round inspectedAt findings problems problemCount rectificationStatus rectifiedAt groupsVisited version }
    team { id recordCount }
    organization { id inspections { totalCount } }
  }
}`;

let sharedTeamId: string;
async function sharedTeam(): Promise<string> {
  sharedTeamId ??= (await formTeam()).id;
  return sharedTeamId;
}

async function recordInput(overrides: Record<string, unknown> = {}) {
  return {
    teamId: await sharedTeam(),
    organizationId: ids.village,
    inspectedAt: '2020-02-03',
    round: 7,
    findings: '卡口值守、入户排查落实到位',
    problems: '夜间卡口存在脱岗现象；返乡人员台账不全',
    problemCount: 2,
    groupsVisited: 8,
    ...overrides,
  };
}

async function record(overrides: Record<string, unknown> = {}) {
  return dataOf(await server.gql(RECORD, { input: await recordInput(overrides) })).recordInspection.record as { id: string; version: number; rectificationStatus: string };
}

describe('recordInspection', () => {
  it('records a visit with problems as pending rectification, returning the team and village', async () => {
    const input = await recordInput();
    const before = await eventCount();
    const payload = dataOf(await server.gql(RECORD, { input })).recordInspection;
    expect(payload.record).toMatchObject({
      round: 7,
      inspectedAt: '2020-02-03',
      problems: '夜间卡口存在脱岗现象；返乡人员台账不全',
      problemCount: 2,
      rectificationStatus: 'PENDING',
      rectifiedAt: null,
      groupsVisited: 8,
      version: 1,
    });
    expect(payload.team.id).toBe(sharedTeamId);
    expect(payload.team.recordCount).toBeGreaterThanOrEqual(1);
    expect(payload.organization.id).toBe(ids.village);
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'InspectionRecord', entityId: payload.record.id, operation: 'CREATE', mutation: 'recordInspection', organizationPath: paths.village });
  });

  it('records a visit without problems as needing no rectification, also for a community', async () => {
    const recorded = await record({ organizationId: ids.community, problems: null, problemCount: 0, groupsVisited: null });
    expect(recorded.rectificationStatus).toBe('NOT_REQUIRED');
    const [event] = await lastEvents(1);
    expect(event.organizationPath).toBe(paths.community);
  });

  it.each([
    ['an organization that is no village or community', { org: 'company' }, ['organizationId']],
    ['a village outside the team area', { org: 'otherVillage' }, ['organizationId']],
    ['the area itself (a street, not a village)', { org: 'street' }, ['organizationId']],
    ['round 0', { round: 0 }, ['input.round']],
    ['a negative problem count', { problemCount: -1 }, ['input.problemCount']],
    ['problems counted but not described', { problems: null }, ['problems']],
    ['problems counted but blank', { problems: '   ' }, ['input.problems']],
    ['problems described but counted as none', { problemCount: 0 }, ['problems', 'problemCount']],
    ['more groups visited than the village has', { groupsVisited: 9 }, ['groupsVisited']],
    ['a negative number of groups visited', { groupsVisited: -1 }, ['input.groupsVisited']],
    ['a visit before the team was formed', { inspectedAt: '2020-01-20' }, ['inspectedAt']],
    ['a future visit', { inspectedAt: '2999-01-01' }, ['input.inspectedAt']],
    ['blank findings', { findings: ' ' }, ['input.findings']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const { org, ...rest } = overrides as Record<string, unknown>;
    const input = await recordInput({ ...rest, ...(org ? { organizationId: ids[org as string] } : {}) });
    const before = await eventCount();
    const result = await server.gql(RECORD, { input });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect(await eventCount()).toBe(before);
  });
});

const RECTIFY = `mutation($input: RectifyInspectionFindingInput!) {
  rectifyInspectionFinding(input: $input) { record { id rectificationStatus rectifiedAt version } }
}`;

describe('rectifyInspectionFinding', () => {
  it('marks a pending record rectified, bumps its version and logs the change under the village', async () => {
    const pending = await record();
    const result = dataOf(await server.gql(RECTIFY, { input: { recordId: pending.id, expectedVersion: 1, rectifiedAt: '2020-02-05' } }));
    expect(result.rectifyInspectionFinding.record).toEqual({ id: pending.id, rectificationStatus: 'RECTIFIED', rectifiedAt: '2020-02-05', version: 2 });
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'InspectionRecord', entityId: pending.id, operation: 'UPDATE', mutation: 'rectifyInspectionFinding', organizationPath: paths.village });
    expect(event.changes).toEqual(
      expect.arrayContaining([
        { field: 'rectificationStatus', before: 'PENDING', after: 'RECTIFIED' },
        { field: 'rectifiedAt', before: null, after: '2020-02-05' },
      ]),
    );
    expect(event.changes).toHaveLength(2);

    const again = await server.gql(RECTIFY, { input: { recordId: pending.id, expectedVersion: 2, rectifiedAt: '2020-02-06' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'ALREADY_RECTIFIED' });
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const pending = await record();
    const before = await eventCount();
    const stale = await server.gql(RECTIFY, { input: { recordId: pending.id, expectedVersion: 5, rectifiedAt: '2020-02-05' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect(await eventCount()).toBe(before);
    const now = await server.gql('query($id: ID!) { inspectionRecord(id: $id) { rectificationStatus version } }', { id: pending.id });
    expect(dataOf(now).inspectionRecord).toEqual({ rectificationStatus: 'PENDING', version: 1 });
  });

  it('refuses a record without problems with FAILED_PRECONDITION', async () => {
    const clean = await record({ problems: null, problemCount: 0 });
    const before = await eventCount();
    const result = await server.gql(RECTIFY, { input: { recordId: clean.id, expectedVersion: 1, rectifiedAt: '2020-02-05' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'NOTHING_TO_RECTIFY' });
    expect(await eventCount()).toBe(before);
  });

  it.each([
    ['a rectification before the inspection', '2020-02-02', ['rectifiedAt']],
    ['a future rectification', '2999-01-01', ['input.rectifiedAt']],
  ])('refuses %s with BAD_USER_INPUT', async (_label, rectifiedAt, fields) => {
    const pending = await record();
    const before = await eventCount();
    const result = await server.gql(RECTIFY, { input: { recordId: pending.id, expectedVersion: 1, rectifiedAt } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(await eventCount()).toBe(before);
  });

  it('replays a retried rectification with the same idempotency key', async () => {
    const pending = await record();
    const input = { recordId: pending.id, expectedVersion: 1, rectifiedAt: '2020-02-05', idempotencyKey: `rectify-${Date.now()}` };
    const first = dataOf(await server.gql(RECTIFY, { input })).rectifyInspectionFinding.record;
    const before = await eventCount();
    const retry = dataOf(await server.gql(RECTIFY, { input })).rectifyInspectionFinding.record;
    expect(retry).toEqual(first);
    expect(await eventCount()).toBe(before);
  });
});
