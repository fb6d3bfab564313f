import { dataOf, errorCodes, Fixtures, globalId, lastChangeEvents } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
/** This file's fixture tree: 测试捐赠党组 (mobilizes) → 测试受赠医院党委 (receives); an unrelated 测试无关支部; their accounts. */
const fx: Record<string, number> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const fixtures = Fixtures.of(server);
  fx.group = await fixtures.organization('测试捐赠党组', undefined, { kind: 'LEADING_GROUP', unit_type: 'GOVERNMENT_AGENCY' });
  fx.hospital = await fixtures.organization('测试受赠医院党委', fx.group, { kind: 'PARTY_COMMITTEE', unit_type: 'HOSPITAL' });
  fx.other = await fixtures.organization('测试无关支部', undefined);
  const account = (name: string, kind: string, organization_id: number) =>
    fixtures.insert('fund_account', { name: `${name}${process.pid}`, kind, organization_id, opened_at: '2020-01-20' });
  fx.donationAccount = await account('测试商会捐赠账户', 'DONATION', fx.group);
  fx.partyFeeAccount = await account('测试党费账户', 'PARTY_FEE', fx.group);
  fx.otherAccount = await account('测试无关账户', 'DONATION', fx.other);
  for (const [key, id] of Object.entries(fx)) ids[key] = globalId(key.endsWith('Account') ? 'FundAccount' : 'Organization', id);
});
afterAll(() => server.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await server.orm.em.fork().execute<Array<{ count: string }>>(sql, params);
  return Number(row.count);
}

const eventCount = () => count('select count(*) from change_event');
const donationCount = () => count('select count(*) from donation');

async function pathOf(organizationId: number): Promise<string> {
  const [row] = await server.orm.em.fork().execute<Array<{ path: string }>>('select path from organization where id = ?', [organizationId]);
  return row.path;
}

const lastEvents = (n: number) => lastChangeEvents(server, n);

const RECORD = `mutation($input: RecordDonationInput!) {
  recordDonation(input: $input) {
    clientMutationId
    donation {
      id donorName donorType kind amount donatedAt note
      mobilizedBy { id } recipient { id }
      items { name quantity unit }
      fundTransaction { id direction kind amount counterparty purpose occurredAt account { id } }
    }
    account { id balance }
    recipient { id }
    mobilizedBy { id }
  }
}`;

function cashInput(overrides: Record<string, unknown> = {}) {
  return {
    mobilizedById: ids.group,
    recipientId: ids.group,
    donorName: '麻城市温州商会',
    donorType: 'CHAMBER_OF_COMMERCE',
    kind: 'CASH',
    donatedAt: '2020-01-28',
    amount: '1000000.00',
    accountId: ids.donationAccount,
    ...overrides,
  };
}

function materialInput(overrides: Record<string, unknown> = {}) {
  return {
    mobilizedById: ids.group,
    recipientId: ids.hospital,
    donorName: '麻城市石材商会',
    donorType: 'CHAMBER_OF_COMMERCE',
    kind: 'MATERIAL',
    donatedAt: '2020-01-30',
    items: [
      { name: '口罩', quantity: 83000, unit: '个' },
      { name: '防护服', quantity: 300, unit: '套' },
    ],
    ...overrides,
  };
}

const balanceOf = async (accountId: string): Promise<string> =>
  dataOf(await server.gql('query($id: ID!) { fundAccount(id: $id) { balance } }', { id: accountId })).fundAccount.balance;

describe('recordDonation: cash', () => {
  it('records the donation and credits the account with a linked DONATION transaction, in one transaction', async () => {
    const balanceBefore = await balanceOf(ids.donationAccount);
    const before = await eventCount();
    const input = { ...cashInput({ amount: '17160000.01', note: '  响应工商联党组倡议  ' }), clientMutationId: 'don-1' };
    const payload = dataOf(await server.gql(RECORD, { input })).recordDonation;
    expect(payload).toEqual({
      clientMutationId: 'don-1',
      donation: {
        id: expect.any(String),
        donorName: '麻城市温州商会',
        donorType: 'CHAMBER_OF_COMMERCE',
        kind: 'CASH',
        amount: '17160000.01',
        donatedAt: '2020-01-28',
        note: '响应工商联党组倡议',
        mobilizedBy: { id: ids.group },
        recipient: { id: ids.group },
        items: [],
        fundTransaction: {
          id: expect.any(String),
          direction: 'IN',
          kind: 'DONATION',
          amount: '17160000.01',
          counterparty: '麻城市温州商会',
          purpose: '响应工商联党组倡议',
          occurredAt: '2020-01-28',
          account: { id: ids.donationAccount },
        },
      },
      account: { id: ids.donationAccount, balance: expect.any(String) },
      recipient: { id: ids.group },
      mobilizedBy: { id: ids.group },
    });
    const credited = BigInt(payload.account.balance.replace('.', '')) - BigInt(balanceBefore.replace('.', ''));
    expect(credited).toBe(1716000001n);
    expect(await eventCount()).toBe(before + 2);
    const events = await lastEvents(2);
    expect(events.map((e) => [e.entityType, e.entityId, e.operation, e.mutation]).sort()).toEqual(
      [
        ['Donation', payload.donation.id, 'CREATE', 'recordDonation'],
        ['FundTransaction', payload.donation.fundTransaction.id, 'CREATE', 'recordDonation'],
      ].sort(),
    );
    const path = await pathOf(fx.group);
    expect(events.map((e) => e.organizationPath)).toEqual([path, path]);
  });

  it('accepts an account of the mobilizing organization for a donation received by another', async () => {
    const payload = dataOf(await server.gql(RECORD, { input: cashInput({ recipientId: ids.hospital, amount: '0.01' }) })).recordDonation;
    expect(payload.donation.recipient).toEqual({ id: ids.hospital });
    expect(payload.account.id).toBe(ids.donationAccount);
  });
});

describe('recordDonation: materials', () => {
  it('records the items, with no account and no transaction, each logged under the recipient', async () => {
    const before = await eventCount();
    const payload = dataOf(await server.gql(RECORD, { input: materialInput() })).recordDonation;
    expect(payload.donation).toMatchObject({
      kind: 'MATERIAL',
      amount: null,
      fundTransaction: null,
      items: expect.arrayContaining([
        { name: '口罩', quantity: 83000, unit: '个' },
        { name: '防护服', quantity: 300, unit: '套' },
      ]),
    });
    expect(payload.account).toBeNull();
    expect(payload.recipient).toEqual({ id: ids.hospital });
    expect(await eventCount()).toBe(before + 3);
    const events = await lastEvents(3);
    expect(events.map((e) => e.entityType).sort()).toEqual(['Donation', 'DonationItem', 'DonationItem']);
    const path = await pathOf(fx.hospital);
    expect(events.every((e) => e.organizationPath === path && e.operation === 'CREATE')).toBe(true);
    const totals = await server.gql(
      `query($id: ID!) { donationTotals(filter: { recipient: { organizationId: $id } }) { materials { name unit quantity } } }`,
      { id: ids.hospital },
    );
    expect(dataOf(totals).donationTotals.materials).toContainEqual({ name: '口罩', unit: '个', quantity: 83000 });
  });
});

describe('recordDonation: refusals write nothing', () => {
  const many = Array.from({ length: 51 }, (_, i) => ({ name: `物资${i}`, quantity: 1, unit: '个' }));
  it.each([
    ['cash without an amount', () => cashInput({ amount: null }), ['amount']],
    ['cash without amount and account', () => cashInput({ amount: null, accountId: null }), ['amount', 'accountId']],
    ['cash with items', () => cashInput({ items: [{ name: '口罩', quantity: 1, unit: '个' }] }), ['items']],
    ['cash of zero', () => cashInput({ amount: '0.00' }), ['input.amount']],
    ['cash into a 党费 account', () => cashInput({ accountId: 'partyFeeAccount' }), ['accountId']],
    ['cash into an unrelated organization’s account', () => cashInput({ accountId: 'otherAccount' }), ['accountId']],
    ['cash dated before the account was opened', () => cashInput({ donatedAt: '2020-01-19' }), ['donatedAt']],
    ['a future date', () => cashInput({ donatedAt: '2999-01-01' }), ['input.donatedAt']],
    ['materials with an amount', () => materialInput({ amount: '5.00' }), ['amount']],
    ['materials with an account', () => materialInput({ accountId: 'donationAccount' }), ['accountId']],
    ['materials without items', () => materialInput({ items: null }), ['items']],
    ['materials with an empty item list', () => materialInput({ items: [] }), ['input.items']],
    ['materials with 51 items', () => materialInput({ items: many }), ['input.items']],
    ['an item of quantity 0', () => materialInput({ items: [{ name: '口罩', quantity: 0, unit: '个' }] }), ['input.items.0.quantity']],
    ['an item without a name', () => materialInput({ items: [{ name: ' ', quantity: 1, unit: '个' }] }), ['input.items.0.name']],
    ['the same item twice', () => materialInput({ items: [{ name: '口罩', quantity: 1, unit: '个' }, { name: '口罩 ', quantity: 2, unit: '个' }] }), ['items']],
    ['a blank donor', () => materialInput({ donorName: '' }), ['input.donorName']],
  ])('refuses %s with BAD_USER_INPUT', async (_label, makeInput, fields) => {
    // Inputs are built when the test runs, after beforeAll has created the fixtures.
    const resolved = makeInput() as Record<string, unknown>;
    if (typeof resolved.accountId === 'string' && resolved.accountId in ids) resolved.accountId = ids[resolved.accountId];
    const before = await eventCount();
    const donations = await donationCount();
    const balance = await balanceOf(ids.donationAccount);
    const result = await server.gql(RECORD, { input: resolved });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(await eventCount()).toBe(before);
    expect(await donationCount()).toBe(donations);
    expect(await balanceOf(ids.donationAccount)).toBe(balance);
  });

  it('refuses an unknown account or recipient with NOT_FOUND', async () => {
    expect(errorCodes(await server.gql(RECORD, { input: cashInput({ accountId: globalId('FundAccount', 99999999) }) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(RECORD, { input: materialInput({ recipientId: globalId('Organization', 99999999) }) }))).toEqual(['NOT_FOUND']);
  });
});

describe('recordDonation: idempotent retries', () => {
  it('replays a retried cash donation and credits the account once', async () => {
    const input = { ...cashInput({ amount: '123.45' }), idempotencyKey: `don-${Date.now()}` };
    const first = dataOf(await server.gql(RECORD, { input })).recordDonation;
    const before = await eventCount();
    const donations = await donationCount();
    const retry = dataOf(await server.gql(RECORD, { input })).recordDonation;
    expect(retry.donation.id).toBe(first.donation.id);
    expect(retry.donation.fundTransaction.id).toBe(first.donation.fundTransaction.id);
    expect(retry.account.balance).toBe(await balanceOf(ids.donationAccount));
    expect(retry.account.balance).toBe(first.account.balance);
    expect(await eventCount()).toBe(before);
    expect(await donationCount()).toBe(donations);
  });
});
