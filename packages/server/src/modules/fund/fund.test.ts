import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/** A decimal yuan string as integer fen, for exact arithmetic in assertions. */
const fen = (money: string): bigint => BigInt(money.replace('.', ''));

/**
 * A fixture tree of its own: 测试党组 → 测试社区党委 → 测试网格党支部, one account each.
 * Account 甲 holds an amount above 2^53 fen, which a float could not represent.
 *
 *   甲 (党组, MANAGED_PARTY_FEE): +90071992547409.93  +0.10  −0.20 (慰问→社区)  −1000.00 (拨付→社区)
 *   乙 (社区, DONATION):          +500000.00  −30000.50 (奖励→网格)  −1999.99 (慰问→网格)
 *   丙 (网格, SPECIAL):           no transactions
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const group = await fx.organization('测试资金党组', undefined, { kind: 'LEADING_GROUP', unit_type: 'GOVERNMENT_AGENCY' });
  const community = await fx.organization('测试资金社区党委', group, { kind: 'PARTY_COMMITTEE' });
  const grid = await fx.organization('测试资金网格党支部', community);
  const clerk = await fx.member('钱测记', group);
  const account = (name: string, kind: string, organization_id: number, opened_at: string) =>
    fx.insert('fund_account', { name, kind, organization_id, opened_at });
  const jia = await account('测试账户甲（代管党费）', 'MANAGED_PARTY_FEE', group, '2020-01-01');
  const yi = await account('测试账户乙（爱心捐款）', 'DONATION', community, '2020-01-15');
  const bing = await account('测试账户丙（专项）', 'SPECIAL', grid, '2019-12-01');
  const tx = (account_id: number, direction: string, kind: string, amount: string, occurred_at: string, fields: object = {}) =>
    fx.insert('fund_transaction', {
      account_id,
      direction,
      kind,
      amount: fen(amount).toString(),
      occurred_at,
      counterparty: '测试对方',
      purpose: `${kind}测试`,
      recorded_by_id: clerk,
      ...fields,
    });
  const big = await tx(jia, 'IN', 'PARTY_FEE', '90071992547409.93', '2020-01-20', { counterparty: '各党委上缴' });
  await tx(jia, 'IN', 'PARTY_FEE', '0.10', '2020-01-21');
  const condolence = await tx(jia, 'OUT', 'CONDOLENCE', '0.20', '2020-02-01', { target_organization_id: community });
  const allocation = await tx(jia, 'OUT', 'ALLOCATION', '1000.00', '2020-02-05', {
    target_organization_id: community,
    approval_meeting: '部务会',
    document_number: '麻组测〔2020〕1号',
    recorded_by_id: null,
  });
  await tx(yi, 'IN', 'DONATION', '500000.00', '2020-01-25', { counterparty: '测试商会' });
  await tx(yi, 'OUT', 'AWARD', '30000.50', '2020-02-10', { target_organization_id: grid });
  await tx(yi, 'OUT', 'CONDOLENCE', '1999.99', '2020-02-12', { target_organization_id: grid });
  Object.assign(ids, {
    group: globalId('Organization', group),
    community: globalId('Organization', community),
    grid: globalId('Organization', grid),
    jia: globalId('FundAccount', jia),
    yi: globalId('FundAccount', yi),
    bing: globalId('FundAccount', bing),
    big: globalId('FundTransaction', big),
    condolence: globalId('FundTransaction', condolence),
    allocation: globalId('FundTransaction', allocation),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const ACCOUNTS = `query ($filter: FundAccountFilter, $orderBy: FundAccountOrder) {
  fundAccounts(filter: $filter, orderBy: $orderBy) { totalCount nodes { name } } }`;

async function accountNames(filter: Record<string, unknown>, orderBy?: Record<string, unknown>): Promise<string[]> {
  const data = dataOf(await server.gql(ACCOUNTS, { filter: { organization: { organizationId: ids.group }, ...filter }, orderBy }));
  expect(data.fundAccounts.totalCount).toBe(data.fundAccounts.nodes.length);
  return data.fundAccounts.nodes.map((node: { name: string }) => node.name);
}

const TRANSACTIONS = `query ($filter: FundTransactionFilter, $orderBy: FundTransactionOrder, $first: Int, $after: String, $last: Int, $before: String) {
  fundTransactions(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { amount }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

async function transactions(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const scoped = { organization: { organizationId: ids.group }, ...filter };
  return dataOf(await server.gql(TRANSACTIONS, { filter: scoped, ...extra })).fundTransactions;
}

async function amounts(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  return (await transactions(filter, extra)).nodes.map((node: { amount: string }) => node.amount);
}

describe('fund account lookup', () => {
  it('returns an account with its owner and ledger-derived totals, exact beyond 2^53 fen', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { fundAccount(id: $id) { id name kind openedAt organization { name } balance totalIn totalOut } }`,
        { id: ids.jia },
      ),
    );
    expect(data.fundAccount).toEqual({
      id: ids.jia,
      name: '测试账户甲（代管党费）',
      kind: 'MANAGED_PARTY_FEE',
      openedAt: '2020-01-01',
      organization: { name: '测试资金党组' },
      balance: '90071992546409.83',
      totalIn: '90071992547410.03',
      totalOut: '1000.20',
    });
  });

  it('gives an account without transactions zero totals', async () => {
    const data = dataOf(await server.gql(`query ($id: ID!) { fundAccount(id: $id) { balance totalIn totalOut } }`, { id: ids.bing }));
    expect(data.fundAccount).toEqual({ balance: '0.00', totalIn: '0.00', totalOut: '0.00' });
  });

  it('computes totals as of a date, counting that day', async () => {
    const query = `query ($id: ID!, $asOf: Date) { fundAccount(id: $id) { balance(asOf: $asOf) totalIn(asOf: $asOf) totalOut(asOf: $asOf) } }`;
    expect(dataOf(await server.gql(query, { id: ids.jia, asOf: '2020-01-20' })).fundAccount).toEqual({
      balance: '90071992547409.93',
      totalIn: '90071992547409.93',
      totalOut: '0.00',
    });
    expect(dataOf(await server.gql(query, { id: ids.yi, asOf: '2020-02-10' })).fundAccount).toEqual({
      balance: '469999.50',
      totalIn: '500000.00',
      totalOut: '30000.50',
    });
    expect(dataOf(await server.gql(query, { id: ids.yi, asOf: '2019-12-31' })).fundAccount.balance).toBe('0.00');
  });

  it('reports NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const query = `query ($id: ID!) { fundAccount(id: $id) { name } }`;
    expect(errorCodes(await server.gql(query, { id: globalId('FundAccount', 99999999) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(query, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(query, { id: ids.group }))).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects a malformed asOf date', async () => {
    const query = `query ($id: ID!, $asOf: Date) { fundAccount(id: $id) { balance(asOf: $asOf) } }`;
    const response = await server.gql(query, { id: ids.jia, asOf: '2020-02-30' });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('fund account list', () => {
  it('scopes by the owner organization, with or without its subtree', async () => {
    expect(await accountNames({})).toEqual(['测试账户丙（专项）', '测试账户乙（爱心捐款）', '测试账户甲（代管党费）']);
    expect(await accountNames({ organization: { organizationId: ids.community } })).toEqual([
      '测试账户丙（专项）',
      '测试账户乙（爱心捐款）',
    ]);
    expect(await accountNames({ organization: { organizationId: ids.community, includeDescendants: false } })).toEqual([
      '测试账户乙（爱心捐款）',
    ]);
  });

  it('filters by kinds and name', async () => {
    expect(await accountNames({ kinds: ['MANAGED_PARTY_FEE', 'SPECIAL'] })).toEqual(['测试账户丙（专项）', '测试账户甲（代管党费）']);
    expect(await accountNames({ nameContains: '爱心' })).toEqual(['测试账户乙（爱心捐款）']);
    expect(await accountNames({ nameContains: '100%' })).toEqual([]);
  });

  it('orders by opening date either way', async () => {
    expect(await accountNames({}, { field: 'OPENED_AT' })).toEqual(['测试账户丙（专项）', '测试账户甲（代管党费）', '测试账户乙（爱心捐款）']);
    expect(await accountNames({}, { field: 'OPENED_AT', direction: 'DESC' })).toEqual([
      '测试账户乙（爱心捐款）',
      '测试账户甲（代管党费）',
      '测试账户丙（专项）',
    ]);
  });

  it('derives every balance as total in minus total out, never negative', async () => {
    const data = dataOf(
      await server.gql(`query ($scope: ID!) { fundAccounts(first: 100, filter: { organization: { organizationId: $scope } }) {
        nodes { name balance totalIn totalOut } } }`, { scope: ids.group }),
    );
    const balances = Object.fromEntries(data.fundAccounts.nodes.map((node: { name: string; balance: string }) => [node.name, node.balance]));
    expect(balances).toEqual({
      '测试账户甲（代管党费）': '90071992546409.83',
      '测试账户乙（爱心捐款）': '467999.51',
      '测试账户丙（专项）': '0.00',
    });
    for (const node of data.fundAccounts.nodes) {
      expect(fen(node.balance)).toBe(fen(node.totalIn) - fen(node.totalOut));
      expect(fen(node.balance)).toBeGreaterThanOrEqual(0n);
    }
  });
});

describe('fund transactions', () => {
  it('returns a transaction with its account, recorder and target organization', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { fundTransaction(id: $id) { id direction kind amount counterparty purpose occurredAt
           approvalMeeting documentNumber account { name } recordedBy { name } targetOrganization { name } } }`,
        { id: ids.allocation },
      ),
    );
    expect(data.fundTransaction).toEqual({
      id: ids.allocation,
      direction: 'OUT',
      kind: 'ALLOCATION',
      amount: '1000.00',
      counterparty: '测试对方',
      purpose: 'ALLOCATION测试',
      occurredAt: '2020-02-05',
      approvalMeeting: '部务会',
      documentNumber: '麻组测〔2020〕1号',
      account: { name: '测试账户甲（代管党费）' },
      recordedBy: null,
      targetOrganization: { name: '测试资金社区党委' },
    });
    const big = dataOf(await server.gql(`query ($id: ID!) { fundTransaction(id: $id) { amount recordedBy { name } targetOrganization { name } } }`, { id: ids.big }));
    expect(big.fundTransaction).toEqual({ amount: '90071992547409.93', recordedBy: { name: '钱测记' }, targetOrganization: null });
  });

  it('reports NOT_FOUND and BAD_USER_INPUT like every lookup', async () => {
    const query = `query ($id: ID!) { fundTransaction(id: $id) { amount } }`;
    expect(errorCodes(await server.gql(query, { id: globalId('FundTransaction', 99999999) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(query, { id: '%%%' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by occurrence date by default and by amount on request', async () => {
    expect(await amounts({})).toEqual(['90071992547409.93', '0.10', '500000.00', '0.20', '1000.00', '30000.50', '1999.99']);
    expect(await amounts({}, { orderBy: { field: 'AMOUNT', direction: 'DESC' } })).toEqual([
      '90071992547409.93',
      '500000.00',
      '30000.50',
      '1999.99',
      '1000.00',
      '0.20',
      '0.10',
    ]);
  });

  it('filters by account, owner scope, direction, kind, date range, target organization and text', async () => {
    expect(await amounts({ accountIds: [ids.yi] })).toEqual(['500000.00', '30000.50', '1999.99']);
    expect(await amounts({ organization: { organizationId: ids.community } })).toEqual(['500000.00', '30000.50', '1999.99']);
    expect(await amounts({ directions: ['IN'] })).toEqual(['90071992547409.93', '0.10', '500000.00']);
    expect(await amounts({ kinds: ['CONDOLENCE', 'AWARD'] })).toEqual(['0.20', '30000.50', '1999.99']);
    expect(await amounts({ occurredAt: { from: '2020-01-21', to: '2020-02-01' } })).toEqual(['0.10', '500000.00', '0.20']);
    expect(await amounts({ targetOrganization: { organizationId: ids.community } })).toEqual(['0.20', '1000.00', '30000.50', '1999.99']);
    expect(await amounts({ targetOrganization: { organizationId: ids.community, includeDescendants: false } })).toEqual([
      '0.20',
      '1000.00',
    ]);
    expect(await amounts({ textContains: '麻组测' })).toEqual(['1000.00']);
    expect(await amounts({ textContains: '商会' })).toEqual(['500000.00']);
  });

  it('rejects a foreign account id and an inverted date range', async () => {
    expect(errorCodes(await server.gql(TRANSACTIONS, { filter: { accountIds: [ids.group] } }))).toEqual(['BAD_USER_INPUT']);
    const inverted = await server.gql(TRANSACTIONS, { filter: { occurredAt: { from: '2020-03-01', to: '2020-01-01' } } });
    expect(errorCodes(inverted)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages forward and backward with cursors, keeping the total', async () => {
    const orderBy = { field: 'AMOUNT', direction: 'ASC' };
    const first = await transactions({}, { orderBy, first: 3 });
    expect(first.nodes.map((n: { amount: string }) => n.amount)).toEqual(['0.10', '0.20', '1000.00']);
    expect(first.totalCount).toBe(7);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await transactions({}, { orderBy, first: 3, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n: { amount: string }) => n.amount)).toEqual(['1999.99', '30000.50', '500000.00']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = await transactions({}, { orderBy, first: 3, after: second.pageInfo.endCursor });
    expect(third.nodes.map((n: { amount: string }) => n.amount)).toEqual(['90071992547409.93']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = await transactions({}, { orderBy, last: 2, before: second.pageInfo.startCursor });
    expect(back.nodes.map((n: { amount: string }) => n.amount)).toEqual(['0.20', '1000.00']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('refuses a cursor from another ordering', async () => {
    const byAmount = await transactions({}, { orderBy: { field: 'AMOUNT' }, first: 1 });
    const response = await server.gql(TRANSACTIONS, { filter: {}, first: 1, after: byAmount.pageInfo.endCursor });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it("lists an account's own transactions, filtered and paged", async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { fundAccount(id: $id) {
           all: transactions { totalCount }
           out: transactions(filter: { directions: [OUT] }, orderBy: { field: AMOUNT, direction: DESC }, first: 1) {
             totalCount nodes { amount kind } pageInfo { hasNextPage } } } }`,
        { id: ids.yi },
      ),
    );
    expect(data.fundAccount.all.totalCount).toBe(3);
    expect(data.fundAccount.out).toEqual({ totalCount: 2, nodes: [{ amount: '30000.50', kind: 'AWARD' }], pageInfo: { hasNextPage: true } });
  });
});

describe('fund fields of an organization', () => {
  it('lists the accounts an organization owns and the allocations it received', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { organization(id: $id) {
           fundAccounts { name }
           receivedAllocations { totalCount nodes { amount kind account { name } } }
           subtree: receivedAllocations(includeDescendants: true, filter: { kinds: [CONDOLENCE] }) { nodes { amount } } } }`,
        { id: ids.community },
      ),
    );
    expect(data.organization).toEqual({
      fundAccounts: [{ name: '测试账户乙（爱心捐款）' }],
      receivedAllocations: {
        totalCount: 2,
        nodes: [
          { amount: '0.20', kind: 'CONDOLENCE', account: { name: '测试账户甲（代管党费）' } },
          { amount: '1000.00', kind: 'ALLOCATION', account: { name: '测试账户甲（代管党费）' } },
        ],
      },
      subtree: { nodes: [{ amount: '0.20' }, { amount: '1999.99' }] },
    });
  });
});

describe('fund summary', () => {
  it('totals in, out and net overall and by kind, to the fen, in one statement', async () => {
    const response = await server.gql(
      `query ($scope: ID!) { fundSummary(filter: { organization: { organizationId: $scope } }) {
         totalIn totalOut net transactionCount byKind { kind totalIn totalOut net transactionCount } } }`,
      { scope: ids.group },
    );
    expect(dataOf(response).fundSummary).toEqual({
      totalIn: '90071993047410.03',
      totalOut: '33000.69',
      net: '90071993014409.34',
      transactionCount: 7,
      byKind: [
        { kind: 'ALLOCATION', totalIn: '0.00', totalOut: '1000.00', net: '-1000.00', transactionCount: 1 },
        { kind: 'AWARD', totalIn: '0.00', totalOut: '30000.50', net: '-30000.50', transactionCount: 1 },
        { kind: 'CONDOLENCE', totalIn: '0.00', totalOut: '2000.19', net: '-2000.19', transactionCount: 2 },
        { kind: 'DONATION', totalIn: '500000.00', totalOut: '0.00', net: '500000.00', transactionCount: 1 },
        { kind: 'PARTY_FEE', totalIn: '90071992547410.03', totalOut: '0.00', net: '90071992547410.03', transactionCount: 2 },
      ],
    });
    expect(response.extensions!.sqlStatements).toBe(1);
  });

  it('is all zeros for a filter nothing matches', async () => {
    const data = dataOf(
      await server.gql(`query ($scope: ID!) { fundSummary(filter: { organization: { organizationId: $scope }, kinds: [AWARD], directions: [IN] }) {
        totalIn totalOut net transactionCount byKind { kind } } }`, { scope: ids.group }),
    );
    expect(data.fundSummary).toEqual({ totalIn: '0.00', totalOut: '0.00', net: '0.00', transactionCount: 0, byKind: [] });
  });
});

describe('statement counts of nested lists', () => {
  const statements = async (query: string, variables: Record<string, unknown>) => {
    const response = await server.gql(query, variables);
    dataOf(response);
    return response.extensions!.sqlStatements!;
  };

  it('costs the same for one account as for a page of accounts with balances, transactions and their relations', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      fundAccounts(first: $first, filter: { organization: { organizationId: $scope } }, orderBy: { field: OPENED_AT, direction: DESC }) {
        nodes { name balance totalIn totalOut old: balance(asOf: "2020-01-31")
          transactions(first: 5) { totalCount nodes { amount account { name } recordedBy { name }
            targetOrganization { name fundAccounts { name } } } } }
      } }`;
    const one = await statements(query, { first: 1, scope: ids.group });
    const all = await statements(query, { first: 3, scope: ids.group });
    // accounts, totals, totals as of, transactions (with accounts, recorders and target organizations), the target organizations' accounts
    expect(one).toBe(5);
    expect(all).toBe(one);
  });
});

describe('demo dataset figures', () => {
  const ACCOUNT_NAMES = ['代市委管理的党费', '驻太仓党委党员爱心捐款', '市工商联商会捐赠', '产业中心石材企业捐款'];

  async function accountByName(name: string): Promise<{ id: string; name: string; kind: string }> {
    const data = dataOf(await server.gql(`query ($name: String) { fundAccounts(filter: { nameContains: $name }) { nodes { id name kind } } }`, { name }));
    const [account] = data.fundAccounts.nodes.filter((node: { name: string }) => node.name === name);
    expect(account).toBeDefined();
    return account;
  }

  it('has the four named accounts, the first holding 代管党费', async () => {
    const accounts = await Promise.all(ACCOUNT_NAMES.map(accountByName));
    expect(accounts.map((account) => account.kind)).toEqual(['MANAGED_PARTY_FEE', 'DONATION', 'DONATION', 'DONATION']);
  });

  it('spent exactly 203万元 on 慰问 from 代管党费 and 驻太仓 donations', async () => {
    const accountIds = (await Promise.all(ACCOUNT_NAMES.slice(0, 2).map(accountByName))).map((account) => account.id);
    const response = await server.gql(
      `query ($accountIds: [ID!]) { fundSummary(filter: { accountIds: $accountIds, kinds: [CONDOLENCE], directions: [OUT] }) {
         totalOut transactionCount byKind { kind totalOut } } }`,
      { accountIds },
    );
    const summary = dataOf(response).fundSummary;
    expect(summary.totalOut).toBe('2030000.00');
    expect(summary.byKind).toEqual([{ kind: 'CONDOLENCE', totalOut: '2030000.00' }]);
    expect(response.extensions!.sqlStatements).toBe(1);
  });

  it('paid 4 money awards, each to an organization', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { fundTransactions(filter: { organization: { organizationId: $city }, kinds: [AWARD], directions: [OUT] }) {
           totalCount nodes { amount targetOrganization { name } } } }`,
        { city: await cityCommitteeId(server) },
      ),
    );
    expect(data.fundTransactions.totalCount).toBe(4);
    for (const node of data.fundTransactions.nodes) {
      expect(fen(node.amount)).toBeGreaterThan(0n);
      expect(node.targetOrganization).not.toBeNull();
    }
  });

  type Movement = { direction: string; amount: string; occurredAt: string };

  /** All of an account's transactions by date, paging through with cursors. */
  async function ledgerOf(accountId: string): Promise<Movement[]> {
    const movements: Movement[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = dataOf(
        await server.gql(
          `query ($accountIds: [ID!], $after: String) { fundTransactions(filter: { accountIds: $accountIds }, first: 100, after: $after) {
             nodes { direction amount occurredAt } pageInfo { hasNextPage endCursor } } }`,
          { accountIds: [accountId], after },
        ),
      ).fundTransactions;
      movements.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return movements;
      after = page.pageInfo.endCursor;
    }
  }

  it('keeps every account balance equal to in minus out and never below zero, at the end of any day', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { fundAccounts(first: 100, filter: { organization: { organizationId: $city } }) {
           totalCount nodes { id balance totalIn totalOut } } }`,
        { city: await cityCommitteeId(server) },
      ),
    );
    expect(data.fundAccounts.totalCount).toBeGreaterThanOrEqual(4);
    for (const account of data.fundAccounts.nodes) {
      expect(fen(account.balance)).toBe(fen(account.totalIn) - fen(account.totalOut));
      const movements = await ledgerOf(account.id);
      let running = 0n;
      movements.forEach((movement, index) => {
        running += movement.direction === 'IN' ? fen(movement.amount) : -fen(movement.amount);
        // Same-day movements have no order among themselves: only the end of a day counts.
        if (movements[index + 1]?.occurredAt !== movement.occurredAt) expect(running).toBeGreaterThanOrEqual(0n);
      });
      expect(running).toBe(fen(account.balance));
    }
  });
});
