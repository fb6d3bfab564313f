import { dataOf, errorCodes, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
/** Numeric ids of this file's fixture tree: 测试拨付党组 → 测试拨付党委 → 测试拨付支部, a temporary branch, a clerk. */
const fx: Record<string, number> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const fixtures = Fixtures.of(server);
  fx.group = await fixtures.organization('测试拨付党组', undefined, { kind: 'LEADING_GROUP', unit_type: 'GOVERNMENT_AGENCY' });
  fx.committee = await fixtures.organization('测试拨付党委', fx.group, { kind: 'PARTY_COMMITTEE', established_at: '2010-01-01' });
  fx.branch = await fixtures.organization('测试拨付支部', fx.committee);
  fx.temporary = await fixtures.organization('测试临时党支部', fx.committee, { kind: 'TEMPORARY_BRANCH' });
  fx.clerk = await fixtures.member('孙记账', fx.group);
  for (const [key, id] of Object.entries(fx)) ids[key] = globalId(key === 'clerk' ? 'Member' : 'Organization', id);
});
afterAll(() => server.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>(sql, params);
  return Number(row.count);
}

const eventCount = () => count('select count(*) from change_event');

async function pathOf(organizationId: number): Promise<string> {
  const [row] = await server.orm.em.fork().execute<Array<{ path: string }>>('select path from organization where id = ?', [organizationId]);
  return row.path;
}

const lastEvents = (n: number) => lastChangeEvents(server, n, 'entityType entityId operation mutation organizationPath changes { field after }');

const OPEN = `mutation($input: OpenFundAccountInput!) {
  openFundAccount(input: $input) { clientMutationId account { id name kind openedAt description balance organization { id } } organization { id } }
}`;

let accountCounter = 0;
function accountInput(overrides: Record<string, unknown> = {}) {
  accountCounter += 1;
  return { organizationId: ids.group, name: `测试账户${process.pid}-${accountCounter}`, kind: 'MANAGED_PARTY_FEE', openedAt: '2020-01-01', ...overrides };
}

async function openAccount(overrides: Record<string, unknown> = {}): Promise<string> {
  return dataOf(await server.gql(OPEN, { input: accountInput(overrides) })).openFundAccount.account.id;
}

const PARTY_FEE = `mutation($input: RecordPartyFeeInput!) {
  recordPartyFee(input: $input) {
    transaction { id direction kind amount counterparty purpose occurredAt recordedBy { id } account { id } }
    account { id balance totalIn totalOut }
  }
}`;

function feeInput(accountId: string, amount: string, overrides: Record<string, unknown> = {}) {
  return { accountId, amount, counterparty: '全市各基层党委', occurredAt: '2020-01-25', purpose: '2020年1月上缴党费', ...overrides };
}

async function recordFee(accountId: string, amount: string, overrides: Record<string, unknown> = {}) {
  return dataOf(await server.gql(PARTY_FEE, { input: feeInput(accountId, amount, overrides) })).recordPartyFee;
}

const ALLOCATE = `mutation($input: AllocateFundsInput!) {
  allocateFunds(input: $input) {
    clientMutationId
    transaction { id direction kind amount counterparty purpose occurredAt approvalMeeting documentNumber targetOrganization { id } account { id } }
    account { id balance totalOut }
    targetOrganization { id }
  }
}`;

function allocationInput(accountId: string, amount: string, overrides: Record<string, unknown> = {}) {
  return {
    accountId,
    targetOrganizationId: ids.committee,
    amount,
    purpose: '下拨用于采购防疫物资',
    occurredAt: '2020-02-10',
    approvalMeeting: '测试部务会议',
    documentNumber: '麻组测〔2020〕9号',
    ...overrides,
  };
}

const balanceOf = async (accountId: string): Promise<string> =>
  dataOf(await server.gql('query($id: ID!) { fundAccount(id: $id) { balance } }', { id: accountId })).fundAccount.balance;

describe('openFundAccount', () => {
  it('opens an account with a zero balance and logs it in its organization’s subtree', async () => {
    const before = await eventCount();
    const input = { ...accountInput({ description: '  代管党费，专款专用  ' }), clientMutationId: 'open-1' };
    const payload = dataOf(await server.gql(OPEN, { input })).openFundAccount;
    expect(payload).toEqual({
      clientMutationId: 'open-1',
      account: {
        id: expect.any(String),
        name: input.name,
        kind: 'MANAGED_PARTY_FEE',
        openedAt: '2020-01-01',
        description: '代管党费，专款专用',
        balance: '0.00',
        organization: { id: ids.group },
      },
      organization: { id: ids.group },
    });
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'FundAccount', entityId: payload.account.id, operation: 'CREATE', mutation: 'openFundAccount' });
    expect(event.organizationPath).toBe(await pathOf(fx.group));
  });

  it.each([
    ['a 党费 account for a temporary branch', { organizationId: 'temporary', kind: 'PARTY_FEE' }, ['organizationId', 'kind']],
    ['an opening date before the organization was established', { organizationId: 'committee', openedAt: '2009-12-31' }, ['openedAt']],
    ['a future opening date', { openedAt: '2999-01-01' }, ['input.openedAt']],
    ['a blank name', { name: '  ' }, ['input.name']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const { organizationId, ...rest } = overrides as Record<string, unknown>;
    const before = await eventCount();
    const result = await server.gql(OPEN, { input: accountInput({ ...rest, ...(organizationId ? { organizationId: ids[organizationId as string] } : {}) }) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(await eventCount()).toBe(before);
  });

  it('lets a temporary branch open a donation account', async () => {
    expect(await openAccount({ organizationId: ids.temporary, kind: 'DONATION' })).toEqual(expect.any(String));
  });

  it('refuses a duplicate account name with CONFLICT', async () => {
    const input = accountInput();
    dataOf(await server.gql(OPEN, { input }));
    const before = await eventCount();
    expect(errorCodes(await server.gql(OPEN, { input }))).toEqual(['CONFLICT']);
    expect(await eventCount()).toBe(before);
  });
});

describe('recordPartyFee', () => {
  it('books an IN 党费 transaction, exact to the fen beyond 2^53 fen, logged under the account’s organization', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '90071992547409.93');
    const before = await eventCount();
    const payload = await recordFee(accountId, '0.10', { recordedById: ids.clerk, counterparty: ' 测试支部 ' });
    expect(payload.transaction).toEqual({
      id: expect.any(String),
      direction: 'IN',
      kind: 'PARTY_FEE',
      amount: '0.10',
      counterparty: '测试支部',
      purpose: '2020年1月上缴党费',
      occurredAt: '2020-01-25',
      recordedBy: { id: ids.clerk },
      account: { id: accountId },
    });
    expect(payload.account).toEqual({ id: accountId, balance: '90071992547410.03', totalIn: '90071992547410.03', totalOut: '0.00' });
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'FundTransaction', entityId: payload.transaction.id, operation: 'CREATE', mutation: 'recordPartyFee' });
    expect(event.organizationPath).toBe(await pathOf(fx.group));
    expect(event.changes).toEqual(expect.arrayContaining([{ field: 'amount', after: '10' }, { field: 'direction', after: 'IN' }]));
  });

  it.each([
    ['a zero amount', { amount: '0.00' }, ['input.amount']],
    ['a negative amount', { amount: '-5.00' }, ['input.amount']],
    ['a date before the account was opened', { occurredAt: '2019-12-31' }, ['occurredAt']],
    ['a future date', { occurredAt: '2999-01-01' }, ['input.occurredAt']],
    ['a blank payer', { counterparty: ' ' }, ['input.counterparty']],
    ['a donation account', { kind: 'DONATION' }, ['accountId']],
    ['an unknown recorder', { recordedById: globalId('Member', 99999999) }, undefined],
  ])('refuses %s and writes nothing', async (_label, overrides, fields) => {
    const { kind, ...rest } = overrides as Record<string, unknown>;
    const accountId = await openAccount(kind ? { kind } : {});
    const before = await eventCount();
    const result = await server.gql(PARTY_FEE, { input: feeInput(accountId, '100.00', rest) });
    expect(result.errors?.[0].extensions?.code).toBe(fields ? 'BAD_USER_INPUT' : 'NOT_FOUND');
    if (fields) expect(result.errors?.[0].extensions?.fields).toEqual(fields);
    expect(await eventCount()).toBe(before);
    expect(await balanceOf(accountId)).toBe('0.00');
  });

  it('refuses an amount with more than two decimals or written as a number', async () => {
    const accountId = await openAccount();
    expect(errorCodes(await server.gql(PARTY_FEE, { input: feeInput(accountId, '1.001') }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(PARTY_FEE, { input: { ...feeInput(accountId, '1'), amount: 1.5 } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(PARTY_FEE, { input: feeInput(globalId('FundAccount', 99999999), '1.00') }))).toEqual(['NOT_FOUND']);
  });
});

describe('allocateFunds', () => {
  it('books an OUT 下拨 with meeting and 文号 and returns the new balance, exact to the fen', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '955000.00');
    const before = await eventCount();
    const result = await server.gql(ALLOCATE, { input: { ...allocationInput(accountId, '0.01'), clientMutationId: 'alloc-1' } });
    expect(dataOf(result).allocateFunds).toEqual({
      clientMutationId: 'alloc-1',
      transaction: {
        id: expect.any(String),
        direction: 'OUT',
        kind: 'ALLOCATION',
        amount: '0.01',
        counterparty: '测试拨付党委',
        purpose: '下拨用于采购防疫物资',
        occurredAt: '2020-02-10',
        approvalMeeting: '测试部务会议',
        documentNumber: '麻组测〔2020〕9号',
        targetOrganization: { id: ids.committee },
        account: { id: accountId },
      },
      account: { id: accountId, balance: '954999.99', totalOut: '0.01' },
      targetOrganization: { id: ids.committee },
    });
    expect(await eventCount()).toBe(before + 1);
    const [event] = await lastEvents(1);
    expect(event).toMatchObject({ entityType: 'FundTransaction', operation: 'CREATE', mutation: 'allocateFunds' });
    expect(event.organizationPath).toBe(await pathOf(fx.group));
    const received = await server.gql('query($id: ID!) { organization(id: $id) { receivedAllocations { nodes { amount kind } } } }', { id: ids.committee });
    expect(dataOf(received).organization.receivedAllocations.nodes).toContainEqual({ amount: '0.01', kind: 'ALLOCATION' });
  });

  it('books a 慰问 allocation, which may go to the account’s own organization', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '100.00');
    const payload = dataOf(
      await server.gql(ALLOCATE, { input: allocationInput(accountId, '99.99', { kind: 'CONDOLENCE', targetOrganizationId: ids.group }) }),
    ).allocateFunds;
    expect(payload.transaction).toMatchObject({ kind: 'CONDOLENCE', direction: 'OUT', amount: '99.99' });
    expect(payload.account.balance).toBe('0.01');
  });

  it('spends a balance down to exactly zero and refuses the next fen with INSUFFICIENT_FUNDS, writing nothing', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '10.00');
    expect(dataOf(await server.gql(ALLOCATE, { input: allocationInput(accountId, '10.00') })).allocateFunds.account.balance).toBe('0.00');
    const before = await eventCount();
    const outRows = await count('select count(*) from fund_transaction');
    const refused = await server.gql(ALLOCATE, { input: allocationInput(accountId, '0.01') });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions).toEqual({ code: 'INSUFFICIENT_FUNDS', fields: ['amount'], accountId, balance: '0.00', available: '0.00', requested: '0.01' });
    expect(refused.errors![0].message).toContain('余额不足');
    expect(await eventCount()).toBe(before);
    expect(await count('select count(*) from fund_transaction')).toBe(outRows);
    expect(await balanceOf(accountId)).toBe('0.00');
  });

  it('refuses a backdated payment that would have taken the balance below zero on an earlier day', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '100.00', { occurredAt: '2020-02-01' });
    await recordFee(accountId, '100.00', { occurredAt: '2020-02-20' });
    const refused = await server.gql(ALLOCATE, { input: allocationInput(accountId, '150.00', { occurredAt: '2020-02-10' }) });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', balance: '200.00', available: '100.00', requested: '150.00' });
    const allowed = await server.gql(ALLOCATE, { input: allocationInput(accountId, '150.00', { occurredAt: '2020-02-20' }) });
    expect(dataOf(allowed).allocateFunds.account.balance).toBe('50.00');
    // Now even 60.00 on 02-05 would leave 02-20 at −10.00 after the 150.00 paid that day.
    const later = await server.gql(ALLOCATE, { input: allocationInput(accountId, '60.00', { occurredAt: '2020-02-05' }) });
    expect(later.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', balance: '50.00', available: '50.00' });
  });

  it.each([
    ['a 下拨 to the account’s own organization', { targetOrganizationId: 'group' }, ['targetOrganizationId']],
    ['a zero amount', { amount: '0.00' }, ['input.amount']],
    ['a date before the account was opened', { occurredAt: '2019-06-30' }, ['occurredAt']],
    ['a missing 文号', { documentNumber: '' }, ['input.documentNumber']],
    ['an organization id given as the account', { accountId: 'group' }, ['accountId']],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, fields) => {
    const accountId = await openAccount();
    await recordFee(accountId, '500.00');
    const input = allocationInput(accountId, '1.00', overrides);
    for (const key of ['targetOrganizationId', 'accountId'] as const) {
      if (key in overrides) input[key] = ids[(overrides as Record<string, string>)[key]];
    }
    const before = await eventCount();
    const result = await server.gql(ALLOCATE, { input });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(await eventCount()).toBe(before);
    expect(await balanceOf(accountId)).toBe('500.00');
  });

  it('refuses an unknown target organization with NOT_FOUND', async () => {
    const accountId = await openAccount();
    const result = await server.gql(ALLOCATE, { input: allocationInput(accountId, '1.00', { targetOrganizationId: globalId('Organization', 99999999) }) });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('closeFundAccount', () => {
  const CLOSE = `mutation($input: CloseFundAccountInput!) { closeFundAccount(input: $input) { account { id closedAt balance } } }`;

  it('refuses to close an account with a balance, closes it at zero, then refuses further entries', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '10.00');
    const before = await eventCount();
    const refused = await server.gql(CLOSE, { input: { accountId, closedAt: '2020-02-20' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'HAS_BALANCE' });
    expect(await eventCount()).toBe(before);
    dataOf(await server.gql(ALLOCATE, { input: allocationInput(accountId, '10.00') }));
    const closed = dataOf(await server.gql(CLOSE, { input: { accountId, closedAt: '2020-02-20' } })).closeFundAccount.account;
    expect(closed).toMatchObject({ closedAt: '2020-02-20', balance: '0.00' });
    const late = await server.gql(PARTY_FEE, { input: feeInput(accountId, '1.00') });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'ACCOUNT_CLOSED' });
  });
});

describe('idempotent retries', () => {
  it('replays a retried allocation with the same key and debits the account once', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '100.00');
    const input = { ...allocationInput(accountId, '30.00'), idempotencyKey: `alloc-${Date.now()}` };
    const first = dataOf(await server.gql(ALLOCATE, { input })).allocateFunds;
    const before = await eventCount();
    const retry = dataOf(await server.gql(ALLOCATE, { input })).allocateFunds;
    expect(retry.transaction.id).toBe(first.transaction.id);
    expect(retry.account.balance).toBe('70.00');
    expect(await eventCount()).toBe(before);
  });

  it('lets exactly one of many racing retries write (Idempotency-Key header)', async () => {
    const accountId = await openAccount();
    await recordFee(accountId, '100.00');
    const before = await eventCount();
    const key = `fee-race-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => server.gql(ALLOCATE, { input: allocationInput(accountId, '40.00') }, { 'idempotency-key': key })),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.data!.allocateFunds.transaction.id)).size).toBe(1);
    expect(await balanceOf(accountId)).toBe('60.00');
    expect(await eventCount()).toBe(before + 1);
  });
});

describe('the ledger under concurrent payments', () => {
  it('lets exactly as many of 250 concurrent 7.33 payments from 1000.00 succeed as the balance covers', async () => {
    const accountId = await openAccount();
    const accountRowId = Number(Buffer.from(accountId, 'base64url').toString().split(':')[1]);
    await recordFee(accountId, '1000.00');
    const eventsBefore = await eventCount();
    const requests = 250;
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        server.gql(ALLOCATE, { input: allocationInput(accountId, '7.33', { purpose: `并发拨付 ${i}` }) }),
      ),
    );
    const elapsed = Date.now() - started;
    console.log(`${requests} concurrent allocateFunds requests over HTTP took ${elapsed} ms`);

    const succeeded = results.filter((r) => r.errors === undefined);
    const failed = results.filter((r) => r.errors !== undefined);
    expect(succeeded).toHaveLength(136); // floor(1000.00 / 7.33)
    expect(failed).toHaveLength(requests - 136);
    for (const result of failed) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'INSUFFICIENT_FUNDS', balance: '3.12', requested: '7.33' });
    }
    // A payload's balance is read after its commit, so later payments may already show in it; it is
    // always 1000.00 − k × 7.33 for some 1 ≤ k ≤ 136, never a state between two payments.
    for (const result of succeeded) {
      const spent = 100000n - BigInt(result.data!.allocateFunds.account.balance.replace('.', ''));
      expect(spent % 733n).toBe(0n);
      expect(spent / 733n).toBeGreaterThanOrEqual(1n);
      expect(spent / 733n).toBeLessThanOrEqual(136n);
    }

    expect(await balanceOf(accountId)).toBe('3.12'); // 1000.00 − 136 × 7.33
    expect(await count(`select count(*) from fund_transaction where account_id = ? and direction = 'OUT'`, [accountRowId])).toBe(136);
    expect(await count(`select count(*) from fund_transaction where account_id = ? and direction = 'IN'`, [accountRowId])).toBe(1);
    expect(await eventCount()).toBe(eventsBefore + 136);
    expect(
      await count(`select count(*) from change_event where mutation = 'allocateFunds' and entity_type = 'FundTransaction' and entity_id in
                   (select id from fund_transaction where account_id = ?)`, [accountRowId]),
    ).toBe(136);
  });
});
