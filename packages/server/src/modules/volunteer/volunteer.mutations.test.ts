import { dataOf, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};

/**
 * A fixture tree of its own (街道党工委 → 社区党委), a temporary branch dissolved with its task,
 * and an unrelated branch whose member volunteers in the community (在职党员到社区报到).
 */
beforeAll(async () => {
  server = await startTestServer();
  const fx = Fixtures.of(server);
  const street = await fx.organization('志愿测试街道党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const community = await fx.organization('志愿测试社区党委', street, { kind: 'PARTY_COMMITTEE', established_at: '2010-01-01' });
  const temporary = await fx.organization('志愿测试临时党支部', street, {
    kind: 'TEMPORARY_BRANCH',
    established_at: '2020-01-25',
    dissolved_at: '2020-03-31',
  });
  const other = await fx.organization('志愿测试机关党支部', undefined, { unit_type: 'GOVERNMENT_AGENCY' });
  ids.zhang = globalId('Member', await fx.member('张志一', community));
  ids.li = globalId('Member', await fx.member('李志二', community));
  ids.cadre = globalId('Member', await fx.member('王机关', other));
  Object.assign(ids, {
    community: globalId('Organization', community),
    temporary: globalId('Organization', temporary),
  });
  paths.community = `/${street}/${community}/`;
  paths.temporary = `/${street}/${temporary}/`;
});
afterAll(() => server.close());

const RECORD = `mutation($input: RecordVolunteerServiceInput!) {
  recordVolunteerService(input: $input) {
    clientMutationId
    service { id content location servedAt durationMinutes hours version participantCount participants { nodes { id } } organization { id } }
    organization { id }
  }
}`;

let serial = 0;
function serviceInput(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    organizationId: ids.community,
    content: `上门送菜送药${serial}`,
    location: '西畈社区',
    servedAt: '2020-02-10',
    durationMinutes: 150,
    participantIds: [ids.zhang, ids.li, ids.cadre],
    ...overrides,
  };
}

/** Rows that a refused mutation must leave untouched. */
async function counts() {
  const [row] = await server.orm.em.fork().execute<Array<Record<string, string>>>(
    `select (select count(*) from change_event) as events, (select count(*) from volunteer_service) as services,
            (select count(*) from volunteer_participation) as participations`,
  );
  return { events: Number(row.events), services: Number(row.services), participations: Number(row.participations) };
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

async function expectRefused(input: Record<string, unknown>, extensions: Record<string, unknown>) {
  const before = await counts();
  const result = await server.gql(RECORD, { input });
  expect(result.errors?.[0].extensions).toMatchObject(extensions);
  expect(result.data ?? null).toBeNull();
  expect(await counts()).toEqual(before);
}

describe('recordVolunteerService', () => {
  it('records a service with its volunteers (from any organization), echoes clientMutationId and logs one event per row', async () => {
    const before = await counts();
    const result = await server.gql(RECORD, { input: { ...serviceInput({ content: '为居家隔离户送菜' }), clientMutationId: 'vs-1' } });
    const payload = dataOf(result).recordVolunteerService;
    expect(payload.clientMutationId).toBe('vs-1');
    expect(payload.organization.id).toBe(ids.community);
    expect(payload.service).toMatchObject({
      content: '为居家隔离户送菜',
      location: '西畈社区',
      servedAt: '2020-02-10',
      durationMinutes: 150,
      hours: 2.5,
      version: 1,
      participantCount: 3,
      organization: { id: ids.community },
    });
    expect(payload.service.participants.nodes.map((n: { id: string }) => n.id).sort()).toEqual([ids.zhang, ids.li, ids.cadre].sort());
    expect(await counts()).toEqual({ events: before.events + 4, services: before.services + 1, participations: before.participations + 3 });
    const events = await lastEvents(4);
    expect(events.map((e) => [e.entityType, e.operation, e.mutation, e.organizationPath]).sort()).toEqual([
      ['VolunteerParticipation', 'CREATE', 'recordVolunteerService', paths.community],
      ['VolunteerParticipation', 'CREATE', 'recordVolunteerService', paths.community],
      ['VolunteerParticipation', 'CREATE', 'recordVolunteerService', paths.community],
      ['VolunteerService', 'CREATE', 'recordVolunteerService', paths.community],
    ]);
    const serviceEvent = events.find((e) => e.entityType === 'VolunteerService')!;
    expect(serviceEvent.entityId).toBe(payload.service.id);
    expect(serviceEvent.changes).toContainEqual({ field: 'durationMinutes', before: null, after: 150 });
    const served = dataOf(await server.gql('query($id: ID!) { member(id: $id) { volunteerServices { nodes { id } } } }', { id: ids.cadre }));
    expect(served.member.volunteerServices.nodes).toContainEqual({ id: payload.service.id });
  });

  it('accepts the boundaries: one minute, a whole day, one volunteer', async () => {
    const short = dataOf(await server.gql(RECORD, { input: serviceInput({ durationMinutes: 1, participantIds: [ids.zhang] }) }));
    expect(short.recordVolunteerService.service).toMatchObject({ durationMinutes: 1, participantCount: 1 });
    const long = dataOf(await server.gql(RECORD, { input: serviceInput({ durationMinutes: 1440 }) }));
    expect(long.recordVolunteerService.service.durationMinutes).toBe(1440);
  });

  it('records a past service of a temporary branch dissolved since, in that branch', async () => {
    const payload = dataOf(await server.gql(RECORD, { input: serviceInput({ organizationId: ids.temporary, servedAt: '2020-03-31' }) }));
    expect(payload.recordVolunteerService.organization.id).toBe(ids.temporary);
    const events = await lastEvents(4);
    expect(events.every((e) => e.organizationPath === paths.temporary)).toBe(true);
  });

  const many = () => Array.from({ length: 201 }, (_, i) => globalId('Member', 900000 + i));

  it.each([
    ['a duration of zero', () => ({ durationMinutes: 0 }), ['input.durationMinutes']],
    ['a duration beyond a day', () => ({ durationMinutes: 1441 }), ['input.durationMinutes']],
    ['no volunteers', () => ({ participantIds: [] }), ['input.participantIds']],
    ['more than 200 volunteers', () => ({ participantIds: many() }), ['input.participantIds']],
    ['a duplicate volunteer', () => ({ participantIds: [ids.zhang, ids.li, ids.zhang] }), ['input.participantIds']],
    ['an empty content', () => ({ content: ' ' }), ['input.content']],
    ['an empty location', () => ({ location: '' }), ['input.location']],
    ['a future date', () => ({ servedAt: '2999-01-01' }), ['input.servedAt']],
    ['a malformed volunteer id', () => ({ participantIds: [ids.zhang, ids.community] }), ['participantIds.1']],
    ['a date before the organization was established', () => ({ servedAt: '2009-12-31' }), ['servedAt']],
    ['a date after the organization was dissolved', () => ({ organizationId: ids.temporary, servedAt: '2020-04-01' }), ['organizationId', 'servedAt']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    await expectRefused(serviceInput(overrides()), { code: 'BAD_USER_INPUT', fields });
  });

  it.each([
    ['an unknown organization', () => ({ organizationId: globalId('Organization', 987654321) })],
    ['an unknown volunteer', () => ({ participantIds: [ids.zhang, globalId('Member', 987654321)] })],
  ])('refuses %s with NOT_FOUND and writes nothing', async (_label, overrides) => {
    await expectRefused(serviceInput(overrides()), { code: 'NOT_FOUND' });
  });
});

describe('idempotency keys', () => {
  it('replays the first result for a retry and writes nothing new', async () => {
    const input = { ...serviceInput(), idempotencyKey: `vs-key-${Date.now()}` };
    const before = await counts();
    const first = dataOf(await server.gql(RECORD, { input })).recordVolunteerService;
    const retry = dataOf(await server.gql(RECORD, { input })).recordVolunteerService;
    expect(retry.service.id).toBe(first.service.id);
    expect(retry.service.participantCount).toBe(3);
    expect(retry.organization.id).toBe(ids.community);
    expect(await counts()).toEqual({ events: before.events + 4, services: before.services + 1, participations: before.participations + 3 });
  });

  it('lets exactly one of many racing retries write (Idempotency-Key header)', async () => {
    const input = serviceInput();
    const before = await counts();
    const key = `vs-race-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => server.gql(RECORD, { input }, { 'idempotency-key': key })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.data?.recordVolunteerService.service.id)).size).toBe(1);
    expect((await counts()).events).toBe(before.events + 4);
  });

  it('refuses to reuse a key for a different request', async () => {
    const key = `vs-reuse-${Date.now()}`;
    dataOf(await server.gql(RECORD, { input: { ...serviceInput(), idempotencyKey: key } }));
    await expectRefused({ ...serviceInput(), idempotencyKey: key }, { code: 'BAD_USER_INPUT', fields: ['idempotencyKey'] });
  });
});
