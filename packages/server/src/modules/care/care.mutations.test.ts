import { dataOf, errorCodes, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
/** This file's fixture tree: 测试慰问党委 → 测试慰问医院支部, two members, a 代管党费 account of 5000.00. */
const fx: Record<string, number> = {};
const ids: Record<string, string> = {};
const TYPES: Record<string, string> = { visitor: 'Member', nurse: 'Member', account: 'FundAccount', emptyAccount: 'FundAccount' };

beforeAll(async () => {
  server = await startTestServer();
  const fixtures = Fixtures.of(server);
  fx.committee = await fixtures.organization('测试慰问党委', undefined, { kind: 'PARTY_COMMITTEE', unit_type: 'GOVERNMENT_AGENCY' });
  fx.hospital = await fixtures.organization('测试慰问医院支部', fx.committee, { unit_type: 'HOSPITAL' });
  fx.visitor = await fixtures.member('周慰问', fx.committee);
  fx.nurse = await fixtures.member('吴护士', fx.hospital);
  fx.account = await fixtures.insert('fund_account', { name: `测试慰问经费${process.pid}`, kind: 'MANAGED_PARTY_FEE', organization_id: fx.committee, opened_at: '2020-01-01' });
  fx.emptyAccount = await fixtures.insert('fund_account', { name: `测试空账户${process.pid}`, kind: 'SPECIAL', organization_id: fx.committee, opened_at: '2020-01-01' });
  await fixtures.insert('fund_transaction', {
    account_id: fx.account, direction: 'IN', kind: 'PARTY_FEE', amount: '500000', occurred_at: '2020-01-25', counterparty: '测试', purpose: '测试党费',
  });
  for (const [key, id] of Object.entries(fx)) ids[key] = globalId(TYPES[key] ?? 'Organization', id);
});
afterAll(() => server.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>(sql, params);
  return Number(row.count);
}

const eventCount = () => count('select count(*) from change_event');
const visitCount = () => count('select count(*) from care_visit');

async function pathOf(organizationId: number): Promise<string> {
  const [row] = await server.orm.em.fork().execute<Array<{ path: string }>>('select path from organization where id = ?', [organizationId]);
  return row.path;
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

const RECORD = `mutation($input: RecordCareVisitInput!) {
  recordCareVisit(input: $input) {
    clientMutationId
    careVisit {
      id recipientName recipientCategory method visitedAt note
      organization { id } visitor { id } recipientMember { id }
      fundTransaction { id direction kind amount counterparty occurredAt targetOrganization { id } account { id } }
    }
    organization { id }
    account { id balance }
  }
}`;

function visitInput(overrides: Record<string, unknown> = {}) {
  return {
    organizationId: ids.hospital,
    visitorId: ids.visitor,
    recipientMemberId: ids.nurse,
    recipientName: '吴护士',
    recipientCategory: 'MEDICAL_STAFF',
    method: 'VISIT',
    visitedAt: '2020-02-06',
    note: '送去慰问金和生活物资',
    ...overrides,
  };
}

const balanceOf = async (accountId: string): Promise<string> =>
  dataOf(await server.gql('query($id: ID!) { fundAccount(id: $id) { balance } }', { id: accountId })).fundAccount.balance;

describe('recordCareVisit', () => {
  it('reads back only the payload fields the operation selects, in a fixed number of statements', async () => {
    const input = visitInput({ visitorId: null, recipientMemberId: null, recipientName: '只选记录', method: 'PHONE' });
    const lean = await server.gql('mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }', { input });
    expect(dataOf(lean).recordCareVisit.careVisit.id).toBeTruthy();
    // Without 慰问金: one statement checks, inserts and logs, and returns the visit (common/direct-insert.ts).
    expect(lean.extensions?.sqlStatements).toBe(1);
    const full = await server.gql('mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } organization { id } } }', { input });
    expect(dataOf(full).recordCareVisit.organization.id).toBe(ids.hospital);
    expect(full.extensions?.sqlStatements).toBe(2);
  });

  it('records a phone call without money: one event under the organization', async () => {
    const before = await eventCount();
    const input = visitInput({ visitorId: null, recipientMemberId: null, recipientName: '某村党支部书记', recipientCategory: 'ORGANIZATION_SECRETARY', method: 'PHONE', note: null });
    const payload = dataOf(await server.gql(RECORD, { input: { ...input, clientMutationId: 'care-1' } })).recordCareVisit;
    expect(payload).toEqual({
      clientMutationId: 'care-1',
      careVisit: {
        id: expect.any(String),
        recipientName: '某村党支部书记',
        recipientCategory: 'ORGANIZATION_SECRETARY',
        method: 'PHONE',
        visitedAt: '2020-02-06',
        note: null,
        organization: { id: ids.hospital },
        visitor: null,
        recipientMember: null,
        fundTransaction: null,
      },
      organization: { id: ids.hospital },
      account: null,
    });
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'CareVisit', entityId: payload.careVisit.id, operation: 'CREATE', mutation: 'recordCareVisit' });
    expect(event.organizationPath).toBe(await pathOf(fx.hospital));
  });

  it('pays 慰问金 as a linked CONDOLENCE OUT transaction in the same transaction', async () => {
    const balanceBefore = BigInt((await balanceOf(ids.account)).replace('.', ''));
    const before = await eventCount();
    const payload = dataOf(await server.gql(RECORD, { input: visitInput({ payment: { accountId: ids.account, amount: '500.01' } }) })).recordCareVisit;
    expect(payload.careVisit).toMatchObject({
      visitor: { id: ids.visitor },
      recipientMember: { id: ids.nurse },
      fundTransaction: {
        direction: 'OUT',
        kind: 'CONDOLENCE',
        amount: '500.01',
        counterparty: '吴护士',
        occurredAt: '2020-02-06',
        targetOrganization: { id: ids.hospital },
        account: { id: ids.account },
      },
    });
    expect(payload.account.id).toBe(ids.account);
    expect(BigInt(payload.account.balance.replace('.', ''))).toBe(balanceBefore - 50001n);
    expect(await eventCount()).toBe(before + 2);
    const events = await lastEvents(2);
    expect(events.map((e) => [e.entityType, e.organizationPath]).sort()).toEqual(
      [
        ['CareVisit', await pathOf(fx.hospital)],
        ['FundTransaction', await pathOf(fx.committee)],
      ].sort(),
    );
    const received = await server.gql('query($id: ID!) { member(id: $id) { careVisitsReceived { id } } }', { id: ids.nurse });
    expect(dataOf(received).member.careVisitsReceived).toContainEqual({ id: payload.careVisit.id });
  });

  it('refuses 慰问金 the account cannot cover with INSUFFICIENT_FUNDS and records no visit', async () => {
    const before = await eventCount();
    const visits = await visitCount();
    const result = await server.gql(RECORD, { input: visitInput({ payment: { accountId: ids.emptyAccount, amount: '0.01' } }) });
    expect(result.errors?.[0].extensions).toEqual({
      code: 'INSUFFICIENT_FUNDS',
      accountId: ids.emptyAccount,
      balance: '0.00',
      available: '0.00',
      requested: '0.01',
      fields: ['payment.amount'],
    });
    expect(await eventCount()).toBe(before);
    expect(await visitCount()).toBe(visits);
  });

  it.each([
    ['a recipient name that differs from the member', { recipientName: '别人' }, ['recipientMemberId', 'recipientName']],
    ['a member visiting themself', { visitorId: 'nurse' }, ['visitorId', 'recipientMemberId']],
    ['a zero payment', { payment: { accountId: 'account', amount: '0.00' } }, ['input.payment.amount']],
    ['a payment dated before the account was opened', { visitedAt: '2019-12-31', payment: { accountId: 'account', amount: '1.00' } }, ['visitedAt']],
    ['a payment account given as a member id', { payment: { accountId: 'nurse', amount: '1.00' } }, ['payment.accountId']],
    ['a future date', { visitedAt: '2999-01-01' }, ['input.visitedAt']],
    ['a blank recipient name', { recipientName: ' ' }, ['input.recipientName']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const input = visitInput(overrides) as Record<string, any>;
    if (input.visitorId in ids) input.visitorId = ids[input.visitorId];
    if (input.payment) input.payment = { ...input.payment, accountId: ids[input.payment.accountId] };
    const before = await eventCount();
    const visits = await visitCount();
    const balance = await balanceOf(ids.account);
    const result = await server.gql(RECORD, { input });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(await eventCount()).toBe(before);
    expect(await visitCount()).toBe(visits);
    expect(await balanceOf(ids.account)).toBe(balance);
  });

  it('refuses unknown ids with NOT_FOUND', async () => {
    expect(errorCodes(await server.gql(RECORD, { input: visitInput({ visitorId: globalId('Member', 99999999) }) }))).toEqual(['NOT_FOUND']);
    const payment = { accountId: globalId('FundAccount', 99999999), amount: '1.00' };
    expect(errorCodes(await server.gql(RECORD, { input: visitInput({ payment }) }))).toEqual(['NOT_FOUND']);
  });

  it('replays a retried visit with payment and pays once', async () => {
    const input = { ...visitInput({ payment: { accountId: ids.account, amount: '200.00' } }), idempotencyKey: `care-${Date.now()}` };
    const first = dataOf(await server.gql(RECORD, { input })).recordCareVisit;
    const before = await eventCount();
    const retry = dataOf(await server.gql(RECORD, { input })).recordCareVisit;
    expect(retry.careVisit.id).toBe(first.careVisit.id);
    expect(retry.careVisit.fundTransaction.id).toBe(first.careVisit.fundTransaction.id);
    expect(retry.account.balance).toBe(first.account.balance);
    expect(await eventCount()).toBe(before);
  });

  it('never overdraws under concurrent 慰问金 payments', async () => {
    const accountId = ids.emptyAccount;
    await server.orm.em.fork().execute(
      `insert into fund_transaction (account_id, direction, kind, amount, occurred_at, counterparty, purpose) values (?, 'IN', 'DONATION', 10000, '2020-01-25', '测试', '测试捐款')`,
      [fx.emptyAccount],
    );
    const before = await eventCount();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => server.gql(RECORD, { input: visitInput({ payment: { accountId, amount: '7.00' } }) })),
    );
    const ok = results.filter((r) => !r.errors).length;
    expect(ok).toBe(14); // floor(100.00 / 7.00)
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'INSUFFICIENT_FUNDS')).toHaveLength(16);
    expect(await balanceOf(accountId)).toBe('2.00');
    expect(await eventCount()).toBe(before + 2 * 14);
  });
});
