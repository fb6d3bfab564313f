import { Client as PgClient } from 'pg';
import { Role } from './auth/roles';
import { dataOf, Fixtures, globalId } from '../test/fixtures';
import { startTestServer, tokenFor, type GraphQLResponse, type TestServer } from '../test/harness';
import { EVENT_FIELDS, subscribe } from '../test/ws-client';

/**
 * One-statement creates (recordCareVisit's common case) against the ORM path they stand in for:
 * `direct` is the service as deployed, `orm` the same code with directWrites off, on one database.
 */
let direct: TestServer;
let orm: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Without polling, subscribers hear of direct writes only through their commit signal.
  direct = await startTestServer({ changeFeedPollMs: 60_000 });
  orm = await startTestServer({ directWrites: false }, direct);
  const fixtures = Fixtures.of(direct);
  const committee = await fixtures.organization('直写测试党委', undefined, { kind: 'PARTY_COMMITTEE' });
  const branch = await fixtures.organization('直写测试支部', committee);
  const dissolved = await fixtures.organization('直写测试已撤销支部', committee, { dissolved_at: '2021-06-30' });
  const outsider = await fixtures.organization('直写测试外单位');
  Object.assign(ids, {
    committee: globalId('Organization', committee),
    branch: globalId('Organization', branch),
    dissolved: globalId('Organization', dissolved),
    outsider: globalId('Organization', outsider),
    visitor: globalId('Member', await fixtures.member('郑走访', branch)),
    resident: globalId('Member', await fixtures.member('王困难', branch)),
    outsiderMember: globalId('Member', await fixtures.member('外单位党员', outsider)),
  });
});
afterAll(async () => {
  await orm.close();
  await direct.close();
});

const RECORD = `mutation($input: RecordCareVisitInput!) {
  recordCareVisit(input: $input) {
    clientMutationId
    careVisit { id recipientName recipientCategory method visitedAt note organization { id name } visitor { id name } recipientMember { id } fundTransaction { id } }
    organization { id name }
    account { id }
  }
}`;
const LEAN = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';

function input(overrides: Record<string, unknown> = {}) {
  return { organizationId: ids.branch, recipientName: '困难群众李某', recipientCategory: 'NEEDY_RESIDENT', method: 'VISIT', visitedAt: '2024-01-20', ...overrides };
}

const record = (server: TestServer, variables: Record<string, unknown>, headers?: Record<string, string>, query = RECORD) =>
  server.gql(query, { input: variables }, headers);

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return direct.orm.em.fork().execute(sql, params);
}

/** The stored row and its change events, without what differs between two creations (ids, times). */
async function stored(globalCareVisitId: string) {
  const id = Number(Buffer.from(globalCareVisitId, 'base64url').toString().split(':')[1]);
  const [row] = await rows(
    `select organization_id, visitor_id, recipient_member_id, recipient_name, recipient_category, method, visited_at::text, note,
            fund_transaction_id, version from care_visit where id = ?`,
    [id],
  );
  const events = await rows(
    `select entity_type, operation, organization_id, organization_path, actor, request_id is not null as has_request, mutation, changes
     from change_event where entity_type = 'CareVisit' and entity_id = ?`,
    [id],
  );
  return { row, events };
}

const withoutVisitId = (response: GraphQLResponse) => {
  const payload = dataOf(response).recordCareVisit;
  return { ...payload, careVisit: { ...payload.careVisit, id: undefined } };
};

const counts = async () => (await rows<{ visits: string; events: string }>(
  'select (select count(*) from care_visit) as visits, (select count(*) from change_event) as events',
))[0];

/**
 * Backends running a care visit insert, by whether they wait for a lock. Read in autocommit: within
 * a transaction PostgreSQL shows one snapshot of pg_stat_activity, taken at its first read.
 */
async function insertsInDatabase(): Promise<{ active: number; waitingForLock: number[] }> {
  const found = await rows<{ pid: number; lock: boolean }>(
    `select pid, wait_event_type = 'Lock' as lock from pg_stat_activity where query like '%insert into "care_visit"%' and state = 'active' and pid <> pg_backend_pid()`,
  );
  return { active: found.length, waitingForLock: found.filter((row) => row.lock).map((row) => row.pid) };
}

/** Holds the branch's row so that writes to it wait in the database; released by the returned function. */
async function holdBranch(): Promise<() => Promise<void>> {
  const client = new PgClient({ connectionString: direct.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from organization where id = $1 for update', [Number(Buffer.from(ids.branch, 'base64url').toString().split(':')[1])]);
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

/** The backends of care visit inserts waiting for a lock, once there are `count` of them (or after 2 s). */
async function untilWaitingForLock(count: number): Promise<number[]> {
  let pids: number[] = [];
  for (let i = 0; i < 100 && pids.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    pids = (await insertsInDatabase()).waitingForLock;
  }
  return pids;
}

/** A metric's value (a series without labels) as the service reports it. */
async function metric(name: string): Promise<number> {
  const text = await (await fetch(direct.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

describe('one-statement recordCareVisit', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a visit to a resident', {}],
    ['a call by a member to a member, with a note', { method: 'PHONE', visitorId: 'visitor', recipientMemberId: 'resident', recipientName: ' 王困难 ', recipientCategory: 'NEEDY_MEMBER', note: '  电话问候  ', clientMutationId: 'c-1' }],
    ['a visit on the day before the organization was dissolved', { organizationId: 'dissolved', visitedAt: '2021-06-30' }],
    ['a name and a note with quotes, backslashes, braces and commas', { recipientName: '李"某\\甲', note: '{送去 "米,油"}\\n NULL' }],
  ];
  it.each(cases)('writes what the ORM path writes, in one statement: %s', async (_name, overrides) => {
    const values = input(Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, typeof value === 'string' && ids[value] ? ids[value] : value])));
    const viaOrm = await record(orm, values);
    const viaDirect = await record(direct, values);
    expect(viaDirect.errors).toBeUndefined();
    expect(withoutVisitId(viaDirect)).toEqual(withoutVisitId(viaOrm));
    const [expected, actual] = [await stored(dataOf(viaOrm).recordCareVisit.careVisit.id), await stored(dataOf(viaDirect).recordCareVisit.careVisit.id)];
    expect(actual.events).toHaveLength(1);
    expect(actual).toEqual(expected);
    expect(viaDirect.extensions?.sqlStatements).toBeLessThan(viaOrm.extensions?.sqlStatements as number);

    const lean = await record(direct, values, undefined, LEAN);
    expect(lean.extensions?.sqlStatements).toBe(1);
    expect((await stored(dataOf(lean).recordCareVisit.careVisit.id)).events).toHaveLength(1);
  });

  const refusals: Array<[string, Record<string, unknown>]> = [
    ['an organization dissolved before the visit', { organizationId: 'dissolved', visitedAt: '2021-07-01' }],
    ['an organization that does not exist', { organizationId: globalId('Organization', 99_999_999) }],
    ['an id too large for any row', { organizationId: globalId('Organization', 9_999_999_999_999) }],
    ['a malformed id', { organizationId: 'not-an-id' }],
    ['an id of another type', { organizationId: 'visitor' }],
    ['a recipient whose name is not the member\'s', { recipientMemberId: 'resident', recipientName: '别人' }],
    ['the same member as visitor and recipient', { visitorId: 'resident', recipientMemberId: 'resident', recipientName: '王困难' }],
    ['a visitor who does not exist', { visitorId: globalId('Member', 99_999_999) }],
  ];
  it('counts its outcomes for operators: written, declined by a check, rejected by the database', async () => {
    const metrics = async () => {
      const text = await (await fetch(direct.url.replace(/\/graphql$/, '/metrics'))).text();
      const count = (outcome: string) => Number(new RegExp(`dangjian_direct_writes_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
      return { written: count('written'), declined: count('declined'), rejected: count('rejected') };
    };
    const before = await metrics();
    await record(direct, input(), undefined, LEAN);
    await record(direct, input({ organizationId: ids.dissolved, visitedAt: '2021-07-01' }), undefined, LEAN);
    await record(direct, input({ organizationId: globalId('Organization', 9_999_999_999_999) }), undefined, LEAN);
    expect(await metrics()).toEqual({ written: before.written + 1, declined: before.declined + 1, rejected: before.rejected + 1 });
  });

  it.each(refusals)('refuses exactly as the ORM path does, writing nothing: %s', async (_name, overrides) => {
    const values = input(Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, typeof value === 'string' && ids[value] ? ids[value] : value])));
    const before = await counts();
    const [viaOrm, viaDirect] = [await record(orm, values), await record(direct, values)];
    expect(viaDirect.errors?.[0].extensions?.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
    expect(viaDirect.errors).toEqual(viaOrm.errors);
    expect(viaDirect.data).toEqual(viaOrm.data);
    expect(await counts()).toEqual(before);
  });

  it('keeps a scoped administrator inside their subtree and records them as the actor', async () => {
    const headers = { authorization: `Bearer ${await tokenFor(Role.ORG_ADMIN, ids.committee, 'direct-scope-admin')}` };
    await direct.gql('{ __typename }', {}, headers); // resolves (and caches) the token's subtree
    const inside = await record(direct, input(), headers, LEAN);
    expect(inside.extensions?.sqlStatements).toBe(1);
    const { events } = await stored(dataOf(inside).recordCareVisit.careVisit.id);
    expect(events).toMatchObject([{ actor: 'direct-scope-admin', mutation: 'recordCareVisit' }]);

    for (const values of [input({ organizationId: ids.outsider }), input({ visitorId: ids.outsiderMember })]) {
      const before = await counts();
      const [viaOrm, viaDirect] = [await record(orm, values, headers), await record(direct, values, headers)];
      expect(viaDirect.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(viaDirect.errors).toEqual(viaOrm.errors);
      expect(await counts()).toEqual(before);
    }
  });

  it('leaves a mutation with an idempotency key to the ORM path, which replays it', async () => {
    const values = input({ idempotencyKey: `direct-${process.pid}` });
    const first = await record(direct, values, undefined, LEAN);
    const again = await record(direct, values, undefined, LEAN);
    expect(first.extensions?.sqlStatements).toBeGreaterThan(1);
    expect(dataOf(again).recordCareVisit.careVisit.id).toBe(dataOf(first).recordCareVisit.careVisit.id);
  });

  it('keeps the change log gap-free and complete under concurrent direct and ORM writes', async () => {
    const [{ last }] = await rows<{ last: string }>('select max(sequence) as last from change_event');
    const writes = Array.from({ length: 60 }, (_, i) =>
      record(i % 4 === 0 ? orm : direct, input({ recipientName: `并发慰问${i}` }), undefined, LEAN).then((response) => dataOf(response).recordCareVisit.careVisit.id as string),
    );
    const created = await Promise.all(writes);
    const logged = await rows<{ sequence: string; entity_id: number }>(
      `select sequence, entity_id from change_event where sequence > ? order by sequence`,
      [last],
    );
    expect(logged.map((event) => Number(event.sequence))).toEqual(Array.from({ length: 60 }, (_, i) => Number(last) + 1 + i));
    const createdIds = created.map((id) => Number(Buffer.from(id, 'base64url').toString().split(':')[1])).sort((a, b) => a - b);
    expect(logged.map((event) => event.entity_id).sort((a, b) => a - b)).toEqual(createdIds);
  });

  it('never retries a write whose connection the server ended: it may have committed, so the caller is told to retry', async () => {
    const releaseBranch = await holdBranch();
    try {
      const pending = record(direct, input({ recipientName: '连接被终止' }), undefined, LEAN);
      const [waiting] = await untilWaitingForLock(1);
      expect(waiting).toBeDefined();
      await rows('select pg_terminate_backend(?)', [waiting]);
      const response = await pending;
      expect(response.status).toBe(503);
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      // The one statement, not followed by the ORM path.
      expect(response.extensions?.sqlStatements).toBe(1);
    } finally {
      await releaseBranch();
    }
    expect(await rows(`select id from care_visit where recipient_name = '连接被终止'`)).toEqual([]);
    // The ended connection left the pool: the next writes get working ones.
    for (let i = 0; i < 12; i++) expect((await record(direct, input({ recipientName: `终止之后${i}` }), undefined, LEAN)).errors).toBeUndefined();
  });

  /** Waits until `count` one-statement writes wait in the process. */
  async function untilWaiting(count: number): Promise<number> {
    let queued = 0;
    for (let i = 0; i < 100 && queued < count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      queued = await metric('dangjian_direct_writes_waiting');
    }
    return queued;
  }

  it('sends the writes that arrive while a statement is in the database together, as one statement and one commit', async () => {
    const releaseBranch = await holdBranch();
    const before = { batches: await metric('dangjian_direct_write_batch_rows_count'), rows: await metric('dangjian_direct_write_batch_rows_sum') };
    let writes: Array<Promise<GraphQLResponse>> = [];
    try {
      writes = Array.from({ length: 12 }, (_, i) => record(direct, input({ recipientName: `合并写入${i}` }), undefined, LEAN));
      // DIRECT_WRITE_CONCURRENCY is 1: one statement in the database, the rest wait in the process.
      expect(await untilWaiting(11)).toBe(11);
      expect((await insertsInDatabase()).active).toBe(1);
    } finally {
      await releaseBranch();
    }
    const responses = await Promise.all(writes);
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(responses.map((response) => response.extensions?.sqlStatements)).toEqual(Array(12).fill(1));
    expect(await metric('dangjian_direct_write_batch_rows_count')).toBe(before.batches + 2);
    expect(await metric('dangjian_direct_write_batch_rows_sum')).toBe(before.rows + 12);
    expect(await metric('dangjian_direct_writes_waiting')).toBe(0);
    // Every write got its own row, and each row one change event, numbered without a gap.
    const created = responses.map((response) => Number(Buffer.from(dataOf(response).recordCareVisit.careVisit.id, 'base64url').toString().split(':')[1]));
    const visits = await rows<{ id: number; recipient_name: string }>(`select id, recipient_name from care_visit where recipient_name like '合并写入%' order by id`);
    expect(visits.map((visit) => visit.id)).toEqual([...created].sort((a, b) => a - b));
    expect(new Map(visits.map((visit) => [visit.id, visit.recipient_name]))).toEqual(new Map(created.map((id, i) => [id, `合并写入${i}`])));
    const events = await rows<{ sequence: string; entity_id: number }>(
      `select sequence, entity_id from change_event where entity_type = 'CareVisit' and entity_id in (${created.map(() => '?').join(', ')}) order by sequence`,
      created,
    );
    expect(events.map((event) => event.entity_id).sort((a, b) => a - b)).toEqual([...created].sort((a, b) => a - b));
    const sequences = events.map((event) => Number(event.sequence));
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0] + i));
  });

  it('sends each write of a batch the database refused alone: the others are written, the refused ones answered as the ORM path answers them', async () => {
    const releaseBranch = await holdBranch();
    const refusedInput = input({ recipientName: '合并被拒', organizationId: globalId('Organization', 9_999_999_999_999) });
    const declinedInput = input({ recipientName: '合并被拒', organizationId: ids.dissolved, visitedAt: '2021-07-01' });
    let writes: Array<Promise<GraphQLResponse>> = [];
    try {
      const first = record(direct, input({ recipientName: '合并前一条' }), undefined, LEAN);
      expect(await untilWaitingForLock(1)).toHaveLength(1);
      const batch = [input({ recipientName: '合并同批甲' }), refusedInput, declinedInput, input({ recipientName: '合并同批乙' })];
      writes = [first, ...batch.map((values) => record(direct, values, undefined, LEAN))];
      expect(await untilWaiting(4)).toBe(4);
    } finally {
      await releaseBranch();
    }
    const [first, written, refused, declined, alsoWritten] = await Promise.all(writes);
    for (const response of [first, written, alsoWritten]) expect(response.errors).toBeUndefined();
    // The batch, then each alone.
    expect([written, alsoWritten].map((response) => response.extensions?.sqlStatements)).toEqual([2, 2]);
    expect(refused.errors).toEqual((await record(orm, refusedInput, undefined, LEAN)).errors);
    expect(declined.errors).toEqual((await record(orm, declinedInput, undefined, LEAN)).errors);
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const stored = await rows(`select recipient_name from care_visit where recipient_name in ('合并前一条', '合并同批甲', '合并被拒', '合并同批乙') order by id`);
    expect(stored).toEqual(['合并前一条', '合并同批甲', '合并同批乙'].map((name) => ({ recipient_name: name })));
  });

  it('does not deadlock with ORM transactions that lock the referenced row before the change log', async () => {
    // updateOrganization locks the organization row, then the sequence counter; a direct insert
    // must take its reference's key lock before the counter too.
    const RENAME = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }';
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? record(direct, input({ recipientName: `锁顺序${i}` }), undefined, LEAN)
          : orm.gql(RENAME, { input: { id: ids.branch, unitName: `锁顺序单位${i}` } }),
      ),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
  });

  it('hands direct writes to subscribers live, in log order, and starts a new subscriber after them', async () => {
    const CHANGES = `subscription { changes { ${EVENT_FIELDS} } }`;
    const unseen = await Promise.all([1, 2, 3].map((i) => record(direct, input({ recipientName: `无人订阅${i}` }), undefined, LEAN)));
    const [{ last }] = await rows<{ last: string }>('select max(sequence) as last from change_event');
    // With nobody subscribed the hub moved past these events without reading them.
    expect(direct.app.changeFeed.hub.lastSequence).toBe(Number(last));
    expect(unseen.every((response) => response.errors === undefined)).toBe(true);

    const subscriber = subscribe(direct.wsUrl, CHANGES);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const written = [];
    for (let i = 0; i < 5; i++) written.push(dataOf(await record(direct, input({ recipientName: `有人订阅${i}` }), undefined, LEAN)).recordCareVisit.careVisit.id);
    await subscriber.waitFor(5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(subscriber.events.map((event) => event.entityId)).toEqual(written);
    expect(subscriber.events.map((event) => Number(event.sequence))).toEqual([1, 2, 3, 4, 5].map((i) => Number(last) + i));
    await subscriber.close();
  });
});
