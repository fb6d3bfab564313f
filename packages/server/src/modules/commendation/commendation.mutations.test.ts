import { dataOf, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};
const paths: Record<string, string> = {};

/**
 * A fixture tree of its own: 测试市委 → 测试组织部 (issuer; members 甲, 乙), 测试医院 (丙), 测试街道 →
 * 测试一村, 测试社区; a dissolved 撤销党委. Fund accounts of 测试组织部: 充足账户 with 10000.00 in,
 * 短缺账户 with 100.00 in, and one more 10000.00 account per test that needs a balance of its own.
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const knex = server.orm.em.getKnex();
  const city = await fx.organization('测试市委', undefined, { kind: 'CITY_COMMITTEE', unit_type: 'CITY' });
  const department = await fx.organization('测试组织部', city, { kind: 'WORKING_DEPARTMENT', unit_type: 'GOVERNMENT_AGENCY' });
  const hospital = await fx.organization('测试医院党支部', city, { unit_type: 'HOSPITAL' });
  const street = await fx.organization('测试街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const village = await fx.organization('测试一村党支部', street, { unit_type: 'VILLAGE' });
  const community = await fx.organization('测试社区党支部', street, { unit_type: 'COMMUNITY' });
  const dissolved = await fx.organization('撤销党委', city, { kind: 'PARTY_COMMITTEE', unit_type: 'ENTERPRISE', dissolved_at: '2019-12-31' });
  const organizations = { city, department, hospital, street, village, community, dissolved };
  for (const [name, id] of Object.entries(organizations)) {
    ids[name] = globalId('Organization', id);
    paths[name] = (await knex('organization').where('id', id).first('path')).path;
  }
  ids.jia = globalId('Member', await fx.member('表彰甲', department));
  ids.yi = globalId('Member', await fx.member('表彰乙', department));
  ids.bing = globalId('Member', await fx.member('表彰丙', hospital));
  ids.departmentId = String(department);
}

/** A fresh account of 测试组织部 holding `fen` (one IN transaction), so each test sees its own balance. */
let accountCounter = 0;
async function account(fen: number): Promise<{ id: string; rowId: number }> {
  const fx = Fixtures.of(server);
  accountCounter += 1;
  const rowId = await fx.insert('fund_account', {
    name: `测试奖励账户${process.pid}-${accountCounter}`,
    kind: 'SPECIAL',
    organization_id: Number(ids.departmentId),
    opened_at: '2020-01-01',
  });
  await fx.insert('fund_transaction', {
    account_id: rowId,
    direction: 'IN',
    kind: 'DONATION',
    amount: fen,
    counterparty: '测试捐赠人',
    purpose: '奖励基金',
    occurred_at: '2020-01-20',
  });
  return { id: globalId('FundAccount', rowId), rowId };
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>(sql, params);
  return Number(row.count);
}
const eventCount = () => count('select count(*) from change_event');


const lastEvents = (n: number) => lastChangeEvents(server, n, 'entityType entityId operation mutation organizationPath');

async function balance(accountId: string): Promise<string> {
  return dataOf(await server.gql('query($id: ID!) { fundAccount(id: $id) { balance } }', { id: accountId })).fundAccount.balance;
}

const ISSUE = `mutation($input: IssueCommendationBatchInput!) {
  issueCommendationBatch(input: $input) {
    clientMutationId
    batch { id title issuedAt documentNumber version issuer { id } countsByCategory { category count } commendations { totalCount } }
    issuer { id issuedCommendationBatches { totalCount } }
    commendations {
      id category reason awardAmount recipientKind
      recipient { __typename ... on Member { id } ... on Organization { id } }
      awardTransaction { id direction kind amount counterparty purpose occurredAt documentNumber account { id } targetOrganization { id } }
    }
  }
}`;

let batchCounter = 0;
function batchInput(overrides: Record<string, unknown> = {}) {
  batchCounter += 1;
  return {
    title: `测试第${batchCounter}批通报表扬`,
    issuerId: ids.department,
    issuedAt: '2020-02-16',
    documentNumber: `麻组通〔2020〕${batchCounter}号`,
    commendations: [
      { recipientMemberId: ids.jia, category: 'FRONTLINE_MEMBER', reason: '坚守一线二十余天' },
      { recipientMemberId: ids.bing, category: 'MEDICAL_WORKER', reason: '救治患者' },
      { recipientOrganizationId: ids.village, category: 'ADVANCED_UNIT', reason: '防控工作成效显著' },
    ],
    ...overrides,
  };
}

type Commendation = { id: string; category: string; awardAmount: string | null; recipient: { __typename: string; id: string }; awardTransaction: Record<string, any> | null };

describe('issueCommendationBatch', () => {
  it('issues a batch without awards, returns issuer and commendations, and logs each row under its organization', async () => {
    const input = { ...batchInput(), clientMutationId: 'batch-1' };
    const before = await eventCount();
    const payload = dataOf(await server.gql(ISSUE, { input })).issueCommendationBatch;
    expect(payload.clientMutationId).toBe('batch-1');
    expect(payload.batch).toMatchObject({
      title: input.title,
      issuedAt: '2020-02-16',
      documentNumber: input.documentNumber,
      version: 1,
      issuer: { id: ids.department },
      commendations: { totalCount: 3 },
    });
    expect(payload.batch.countsByCategory).toEqual(
      expect.arrayContaining([
        { category: 'FRONTLINE_MEMBER', count: 1 },
        { category: 'MEDICAL_WORKER', count: 1 },
        { category: 'ADVANCED_UNIT', count: 1 },
      ]),
    );
    expect(payload.issuer).toEqual({ id: ids.department, issuedCommendationBatches: { totalCount: 1 } });
    expect(payload.commendations.map((c: Commendation) => [c.category, c.recipient, c.awardAmount, c.awardTransaction])).toEqual([
      ['FRONTLINE_MEMBER', { __typename: 'Member', id: ids.jia }, null, null],
      ['MEDICAL_WORKER', { __typename: 'Member', id: ids.bing }, null, null],
      ['ADVANCED_UNIT', { __typename: 'Organization', id: ids.village }, null, null],
    ]);
    expect(await eventCount()).toBe(before + 4);
    const events = await lastEvents(4);
    expect(events).toEqual([
      { entityType: 'CommendationBatch', entityId: payload.batch.id, operation: 'CREATE', mutation: 'issueCommendationBatch', organizationPath: paths.department },
      // A member recipient belongs to the member's home organization; an organization recipient to itself.
      { entityType: 'Commendation', entityId: payload.commendations[0].id, operation: 'CREATE', mutation: 'issueCommendationBatch', organizationPath: paths.department },
      { entityType: 'Commendation', entityId: payload.commendations[1].id, operation: 'CREATE', mutation: 'issueCommendationBatch', organizationPath: paths.hospital },
      { entityType: 'Commendation', entityId: payload.commendations[2].id, operation: 'CREATE', mutation: 'issueCommendationBatch', organizationPath: paths.village },
    ]);
  });

  it('pays every award from the account as AWARD OUT transactions in the same transaction, linked to the commendations', async () => {
    const { id: accountId } = await account(1000000);
    const input = batchInput({
      commendations: [
        { recipientOrganizationId: ids.village, category: 'ADVANCED_UNIT', reason: '防控工作成效显著', awardAmount: '5000.00' },
        { recipientMemberId: ids.jia, category: 'GRASSROOTS_CADRE', reason: '坚守一线', awardAmount: '1234.56' },
        { recipientMemberId: ids.yi, category: 'VOLUNTEER', reason: '志愿服务' },
      ],
      awardAccountId: accountId,
    });
    const before = await eventCount();
    const payload = dataOf(await server.gql(ISSUE, { input })).issueCommendationBatch;
    const [village, jia, yi] = payload.commendations as Commendation[];
    expect(village.awardAmount).toBe('5000.00');
    expect(village.awardTransaction).toMatchObject({
      direction: 'OUT',
      kind: 'AWARD',
      amount: '5000.00',
      counterparty: '测试一村党支部',
      purpose: `表彰奖励：${input.title}`,
      occurredAt: '2020-02-16',
      documentNumber: input.documentNumber,
      account: { id: accountId },
      targetOrganization: { id: ids.village },
    });
    expect(jia.awardTransaction).toMatchObject({ direction: 'OUT', kind: 'AWARD', amount: '1234.56', counterparty: '表彰甲', account: { id: accountId }, targetOrganization: null });
    expect(yi).toMatchObject({ awardAmount: null, awardTransaction: null });
    // 10000.00 − 5000.00 − 1234.56, to the fen.
    expect(await balance(accountId)).toBe('3765.44');

    expect(await eventCount()).toBe(before + 6);
    const events = await lastEvents(6);
    const summary = events.map(({ entityType, entityId, operation, organizationPath }) => ({ entityType, entityId, operation, organizationPath }));
    expect(summary).toEqual([
      // The ledger rows belong to the account's organization.
      { entityType: 'FundTransaction', entityId: village.awardTransaction!.id, operation: 'CREATE', organizationPath: paths.department },
      { entityType: 'FundTransaction', entityId: jia.awardTransaction!.id, operation: 'CREATE', organizationPath: paths.department },
      { entityType: 'CommendationBatch', entityId: payload.batch.id, operation: 'CREATE', organizationPath: paths.department },
      { entityType: 'Commendation', entityId: village.id, operation: 'CREATE', organizationPath: paths.village },
      { entityType: 'Commendation', entityId: jia.id, operation: 'CREATE', organizationPath: paths.department },
      { entityType: 'Commendation', entityId: yi.id, operation: 'CREATE', organizationPath: paths.department },
    ]);
    expect(events.every((event) => event.mutation === 'issueCommendationBatch')).toBe(true);
  });

  it('refuses the whole batch with INSUFFICIENT_FUNDS when the account cannot cover the sum, writing nothing', async () => {
    const { id: accountId, rowId } = await account(10000);
    const input = batchInput({
      commendations: [
        { recipientMemberId: ids.jia, category: 'FRONTLINE_MEMBER', reason: '坚守一线', awardAmount: '60.00' },
        { recipientMemberId: ids.yi, category: 'VOLUNTEER', reason: '志愿服务', awardAmount: '40.01' },
      ],
      awardAccountId: accountId,
    });
    const before = {
      events: await eventCount(),
      batches: await count('select count(*) from commendation_batch'),
      commendations: await count('select count(*) from commendation'),
      transactions: await count('select count(*) from fund_transaction'),
    };
    const result = await server.gql(ISSUE, { input });
    expect(result.data?.issueCommendationBatch ?? null).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      fields: ['commendations.1.awardAmount'],
      batchTotal: '100.01',
    });
    expect(result.errors?.[0].message).toContain('100.01');
    expect({
      events: await eventCount(),
      batches: await count('select count(*) from commendation_batch'),
      commendations: await count('select count(*) from commendation'),
      transactions: await count('select count(*) from fund_transaction'),
    }).toEqual(before);
    expect(await count('select count(*) from commendation_batch where title = ?', [input.title])).toBe(0);
    expect(await count('select count(*) from fund_transaction where account_id = ?', [rowId])).toBe(1);
    expect(await balance(accountId)).toBe('100.00');
    // Exactly the balance is enough.
    const exact = await server.gql(ISSUE, {
      input: { ...input, commendations: [input.commendations[0], { ...input.commendations[1], awardAmount: '40.00' }] },
    });
    expect(exact.errors).toBeUndefined();
    expect(await balance(accountId)).toBe('0.00');
  });

  it('lets only one of two racing batches spend the same money (the account row lock queues them)', async () => {
    const { id: accountId } = await account(10000);
    const inputs = [ids.jia, ids.yi].map((recipientMemberId) =>
      batchInput({ commendations: [{ recipientMemberId, category: 'VOLUNTEER', reason: '志愿服务', awardAmount: '60.00' }], awardAccountId: accountId }),
    );
    const results = await Promise.all(inputs.map((input) => server.gql(ISSUE, { input })));
    expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['INSUFFICIENT_FUNDS', 'OK']);
    expect(await balance(accountId)).toBe('40.00');
    const titles = inputs.map((input) => input.title);
    expect(await count('select count(*) from commendation_batch where title in (?, ?)', titles)).toBe(1);
  });

  const entry = {
    member: (id: string, category = 'VOLUNTEER') => ({ recipientMemberId: id, category, reason: '表现突出' }),
    organization: (id: string, category = 'ADVANCED_UNIT') => ({ recipientOrganizationId: id, category, reason: '表现突出' }),
  };

  /** Test tables are built before the fixtures exist: `$name` stands for ids[name]. */
  function resolve(value: unknown): unknown {
    if (typeof value === 'string' && value.startsWith('$')) return ids[value.slice(1)];
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  }

  it.each([
    ['both a member and an organization as recipient', { commendations: [{ ...entry.member('$jia'), recipientOrganizationId: '$village' }] }, ['commendations.0.recipientMemberId', 'commendations.0.recipientOrganizationId']],
    ['no recipient', { commendations: [entry.member('$jia'), { category: 'VOLUNTEER', reason: '表现突出' }] }, ['commendations.1.recipientMemberId', 'commendations.1.recipientOrganizationId']],
    ['先进单位 for a member', { commendations: [entry.member('$jia'), entry.member('$yi', 'ADVANCED_UNIT')] }, ['commendations.1.category']],
    ['a member category for an organization', { commendations: [entry.member('$jia'), entry.member('$yi'), entry.member('$bing'), entry.organization('$village', 'VOLUNTEER')] }, ['commendations.3.category']],
    ['the same member twice', { commendations: [entry.member('$jia'), entry.member('$jia', 'FRONTLINE_MEMBER')] }, ['commendations.1.recipientMemberId']],
    ['an organization id given as member id', { commendations: [entry.member('$village')] }, ['commendations.0.recipientMemberId']],
    ['a malformed recipient id', { commendations: [entry.organization('not-an-id')] }, ['commendations.0.recipientOrganizationId']],
    ['an award without an award account', { commendations: [{ ...entry.member('$jia'), awardAmount: '100.00' }] }, ['awardAccountId']],
    ['an award account without any award', { awardAccountId: '$awardAccount' }, ['awardAccountId']],
    ['a zero award', { commendations: [{ ...entry.member('$jia'), awardAmount: '0.00' }] }, ['input.commendations.0.awardAmount']],
    ['a negative award', { commendations: [entry.member('$yi'), { ...entry.member('$jia'), awardAmount: '-5.00' }] }, ['input.commendations.1.awardAmount']],
    ['a blank reason', { commendations: [{ ...entry.member('$jia'), reason: '  ' }] }, ['input.commendations.0.reason']],
    ['no commendations', { commendations: [] }, ['input.commendations']],
    ['201 commendations', { commendations: Array.from({ length: 201 }, () => entry.member('$jia')) }, ['input.commendations']],
    ['a blank title', { title: ' ' }, ['input.title']],
    ['a future issue date', { issuedAt: '2999-01-01' }, ['input.issuedAt']],
    ['a dissolved issuer', { issuerId: '$dissolved' }, ['issuerId']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    ids.awardAccount ??= (await account(1000000)).id;
    const before = { events: await eventCount(), batches: await count('select count(*) from commendation_batch') };
    const result = await server.gql(ISSUE, { input: batchInput(resolve(overrides) as Record<string, unknown>) });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect({ events: await eventCount(), batches: await count('select count(*) from commendation_batch') }).toEqual(before);
  });

  it('reports an unknown recipient as NOT_FOUND and writes nothing', async () => {
    const before = await eventCount();
    const result = await server.gql(ISSUE, { input: batchInput({ commendations: [{ recipientMemberId: globalId('Member', 999999999), category: 'VOLUNTEER', reason: '表现突出' }] }) });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await eventCount()).toBe(before);
  });

  it('replays a retried batch with the same idempotency key: same objects, awards paid once, no new events', async () => {
    const { id: accountId } = await account(1000000);
    const input = {
      ...batchInput({
        commendations: [
          { recipientMemberId: ids.jia, category: 'FRONTLINE_MEMBER', reason: '坚守一线', awardAmount: '0.01' },
          { recipientOrganizationId: ids.community, category: 'ADVANCED_UNIT', reason: '防控有力', awardAmount: '2000.00' },
        ],
        awardAccountId: accountId,
      }),
      idempotencyKey: `batch-${Date.now()}`,
    };
    const first = dataOf(await server.gql(ISSUE, { input })).issueCommendationBatch;
    expect(await balance(accountId)).toBe('7999.99');
    const before = await eventCount();
    const retry = dataOf(await server.gql(ISSUE, { input })).issueCommendationBatch;
    expect(retry.batch.id).toBe(first.batch.id);
    expect(retry.issuer.id).toBe(ids.department);
    expect(retry.commendations).toEqual(first.commendations);
    expect(await eventCount()).toBe(before);
    expect(await balance(accountId)).toBe('7999.99');
  });
});
