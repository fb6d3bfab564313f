import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own: 测试捐赠党工委 → 测试工商联党组, 测试产业中心党组, 测试医院党委 → 测试发热门诊临时党支部.
 *
 *   商会甲  CASH      17159999.99  工商联 → 医院        01-25  (credited by a DONATION IN transaction)
 *   企业丙  MATERIAL  口罩 1000 个, 防护服 50 套  工商联 → 医院  01-27
 *   商会乙  CASH      0.01         工商联 → 发热门诊    01-28  (credited by a DONATION IN transaction)
 *   个人丁  MATERIAL  口罩 234 个, 口罩 3 箱      工商联 → 发热门诊  02-02
 *   企业戊  CASH      100.00       产业中心 → 医院      02-03
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const city = await fx.organization('测试捐赠党工委', undefined, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const chamber = await fx.organization('测试工商联党组', city, { kind: 'LEADING_GROUP', unit_type: 'SOCIAL_ORGANIZATION' });
  const industry = await fx.organization('测试产业中心党组', city, { kind: 'LEADING_GROUP', unit_type: 'PUBLIC_INSTITUTION' });
  const hospital = await fx.organization('测试医院党委', city, { kind: 'PARTY_COMMITTEE', unit_type: 'HOSPITAL' });
  const clinic = await fx.organization('测试发热门诊临时党支部', hospital, { kind: 'TEMPORARY_BRANCH', unit_type: 'HOSPITAL' });
  const account = await fx.insert('fund_account', { name: '测试商会捐赠账户', kind: 'DONATION', organization_id: chamber, opened_at: '2020-01-24' });
  const credit = (amount: string, occurred_at: string, counterparty: string) =>
    fx.insert('fund_transaction', {
      account_id: account,
      direction: 'IN',
      kind: 'DONATION',
      amount: amount.replace('.', ''),
      occurred_at,
      counterparty,
      purpose: '疫情防控捐款',
    });
  const donation = (donor_name: string, donor_type: string, mobilized_by_id: number, recipient_id: number, donated_at: string, fields: object) =>
    fx.insert('donation', { donor_name, donor_type, mobilized_by_id, recipient_id, donated_at, ...fields });
  const cash = (amount: string, fund_transaction_id: number | null = null) => ({ kind: 'CASH', amount: amount.replace('.', ''), fund_transaction_id });
  const item = (donation_id: number, name: string, quantity: number, unit: string) => fx.insert('donation_item', { donation_id, name, quantity, unit });
  const jia = await donation('测试商会甲', 'CHAMBER_OF_COMMERCE', chamber, hospital, '2020-01-25', cash('17159999.99', await credit('17159999.99', '2020-01-25', '测试商会甲')));
  const bing = await donation('测试企业丙', 'ENTERPRISE', chamber, hospital, '2020-01-27', { kind: 'MATERIAL', note: '医用物资' });
  await item(bing, '口罩', 1000, '个');
  await item(bing, '防护服', 50, '套');
  const yi = await donation('测试商会乙', 'CHAMBER_OF_COMMERCE', chamber, clinic, '2020-01-28', cash('0.01', await credit('0.01', '2020-01-28', '测试商会乙')));
  const ding = await donation('测试个人丁', 'INDIVIDUAL', chamber, clinic, '2020-02-02', { kind: 'MATERIAL' });
  await item(ding, '口罩', 234, '个');
  await item(ding, '口罩', 3, '箱');
  const wu = await donation('测试企业戊', 'ENTERPRISE', industry, hospital, '2020-02-03', cash('100.00'));
  Object.assign(ids, {
    city: globalId('Organization', city),
    chamber: globalId('Organization', chamber),
    industry: globalId('Organization', industry),
    hospital: globalId('Organization', hospital),
    jia: globalId('Donation', jia),
    bing: globalId('Donation', bing),
    yi: globalId('Donation', yi),
    ding: globalId('Donation', ding),
    wu: globalId('Donation', wu),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const DONATIONS = `query ($filter: DonationFilter, $orderBy: DonationOrder, $first: Int, $after: String) {
  donations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount nodes { donorName } pageInfo { hasNextPage endCursor } } }`;

async function donations(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const scoped = { recipient: { organizationId: ids.city }, ...filter };
  return dataOf(await server.gql(DONATIONS, { filter: scoped, ...extra })).donations;
}

async function donors(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  return (await donations(filter, extra)).nodes.map((node: { donorName: string }) => node.donorName.replace('测试', ''));
}

describe('donation lookup', () => {
  it('returns a cash donation with its organizations and the crediting transaction', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { donation(id: $id) { id donorName donorType kind amount donatedAt note
           mobilizedBy { name } recipient { name } items { name }
           fundTransaction { amount direction kind account { name } } } }`,
        { id: ids.jia },
      ),
    );
    expect(data.donation).toEqual({
      id: ids.jia,
      donorName: '测试商会甲',
      donorType: 'CHAMBER_OF_COMMERCE',
      kind: 'CASH',
      amount: '17159999.99',
      donatedAt: '2020-01-25',
      note: null,
      mobilizedBy: { name: '测试工商联党组' },
      recipient: { name: '测试医院党委' },
      items: [],
      fundTransaction: { amount: '17159999.99', direction: 'IN', kind: 'DONATION', account: { name: '测试商会捐赠账户' } },
    });
  });

  it('returns a material donation with its items and no amount', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { donation(id: $id) { kind amount note fundTransaction { id }
        items { name quantity unit donation { donorName } } } }`, { id: ids.bing }),
    );
    expect(data.donation).toEqual({
      kind: 'MATERIAL',
      amount: null,
      note: '医用物资',
      fundTransaction: null,
      items: [
        { name: '口罩', quantity: 1000, unit: '个', donation: { donorName: '测试企业丙' } },
        { name: '防护服', quantity: 50, unit: '套', donation: { donorName: '测试企业丙' } },
      ],
    });
  });

  it('reports NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const query = `query ($id: ID!) { donation(id: $id) { donorName } }`;
    expect(errorCodes(await server.gql(query, { id: globalId('Donation', 99999999) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(query, { id: 'Donation:1' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(query, { id: ids.city }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('donation list', () => {
  it('filters by the mobilizing organization and the recipient scope', async () => {
    expect(await donors({ mobilizedById: ids.chamber })).toEqual(['商会甲', '企业丙', '商会乙', '个人丁']);
    expect(await donors({ mobilizedById: ids.industry })).toEqual(['企业戊']);
    expect(await donors({ recipient: { organizationId: ids.hospital } })).toEqual(['商会甲', '企业丙', '商会乙', '个人丁', '企业戊']);
    expect(await donors({ recipient: { organizationId: ids.hospital, includeDescendants: false } })).toEqual(['商会甲', '企业丙', '企业戊']);
  });

  it('filters by kind, donor type, donor name and date range', async () => {
    expect(await donors({ kinds: ['MATERIAL'] })).toEqual(['企业丙', '个人丁']);
    expect(await donors({ donorTypes: ['CHAMBER_OF_COMMERCE', 'INDIVIDUAL'] })).toEqual(['商会甲', '商会乙', '个人丁']);
    expect(await donors({ donorNameContains: '企业' })).toEqual(['企业丙', '企业戊']);
    expect(await donors({ donatedAt: { from: '2020-01-26', to: '2020-01-31' } })).toEqual(['企业丙', '商会乙']);
  });

  it('rejects a malformed mobilizing organization id', async () => {
    const response = await server.gql(DONATIONS, { filter: { mobilizedById: ids.jia } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by amount, counting materials as zero, and pages through ties with cursors', async () => {
    const filter = { mobilizedById: ids.chamber };
    expect(await donors(filter, { orderBy: { field: 'AMOUNT', direction: 'DESC' } })).toEqual(['商会甲', '商会乙', '个人丁', '企业丙']);
    const orderBy = { field: 'AMOUNT', direction: 'ASC' };
    const first = await donations(filter, { orderBy, first: 1 });
    expect(first.nodes).toEqual([{ donorName: '测试企业丙' }]);
    expect(first.totalCount).toBe(4);
    const second = await donations(filter, { orderBy, first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual([{ donorName: '测试个人丁' }, { donorName: '测试商会乙' }]);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await donations(filter, { orderBy, first: 2, after: second.pageInfo.endCursor });
    expect(third.nodes).toEqual([{ donorName: '测试商会甲' }]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('orders by donation date, latest first', async () => {
    expect(await donors({}, { orderBy: { field: 'DONATED_AT', direction: 'DESC' } })).toEqual(['企业戊', '个人丁', '商会乙', '企业丙', '商会甲']);
  });
});

describe('donation totals', () => {
  const TOTALS = `query ($filter: DonationFilter) { donationTotals(filter: $filter) {
    cashTotal cashDonationCount donationCount materials { name unit quantity donationCount } } }`;

  it('sums cash to the fen and materials per name and unit, one statement each', async () => {
    const response = await server.gql(TOTALS, { filter: { mobilizedById: ids.chamber } });
    expect(dataOf(response).donationTotals).toEqual({
      cashTotal: '17160000.00',
      cashDonationCount: 2,
      donationCount: 4,
      materials: [
        { name: '口罩', unit: '个', quantity: 1234, donationCount: 2 },
        { name: '防护服', unit: '套', quantity: 50, donationCount: 1 },
        { name: '口罩', unit: '箱', quantity: 3, donationCount: 1 },
      ],
    });
    expect(response.extensions!.sqlStatements).toBe(2);
  });

  it('applies the whole filter and gives zeros when nothing matches', async () => {
    const scoped = { recipient: { organizationId: ids.city } };
    const all = dataOf(await server.gql(TOTALS, { filter: scoped })).donationTotals;
    expect(all).toMatchObject({ cashTotal: '17160100.00', cashDonationCount: 3, donationCount: 5 });
    const clinicOnly = dataOf(await server.gql(TOTALS, { filter: { ...scoped, kinds: ['MATERIAL'], donatedAt: { from: '2020-02-01' } } }));
    expect(clinicOnly.donationTotals.materials).toEqual([
      { name: '口罩', unit: '个', quantity: 234, donationCount: 1 },
      { name: '口罩', unit: '箱', quantity: 3, donationCount: 1 },
    ]);
    const none = dataOf(await server.gql(TOTALS, { filter: { ...scoped, donorNameContains: '不存在' } })).donationTotals;
    expect(none).toEqual({ cashTotal: '0.00', cashDonationCount: 0, donationCount: 0, materials: [] });
  });
});

describe('donation fields of an organization', () => {
  it('lists the donations an organization mobilized and received', async () => {
    const data = dataOf(
      await server.gql(
        `query ($chamber: ID!, $hospital: ID!) {
           chamber: organization(id: $chamber) {
             mobilizedDonations(filter: { kinds: [CASH] }, orderBy: { field: AMOUNT, direction: DESC }) { totalCount nodes { donorName amount } } }
           hospital: organization(id: $hospital) {
             receivedDonations { totalCount }
             subtree: receivedDonations(includeDescendants: true) { totalCount } } }`,
        { chamber: ids.chamber, hospital: ids.hospital },
      ),
    );
    expect(data.chamber.mobilizedDonations).toEqual({
      totalCount: 2,
      nodes: [
        { donorName: '测试商会甲', amount: '17159999.99' },
        { donorName: '测试商会乙', amount: '0.01' },
      ],
    });
    expect(data.hospital).toEqual({ receivedDonations: { totalCount: 3 }, subtree: { totalCount: 5 } });
  });
});

describe('statement counts of nested lists', () => {
  // The loaders' batching, on a service that runs resolvers: with compiled reads, a query whose
  // every field has an SQL form is one statement (common/compiled-read.test.ts).
  let resolvers: TestServer;
  beforeAll(async () => {
    resolvers = await startTestServer({ compiledReads: false }, server);
  });
  afterAll(() => resolvers.close());

  it('costs the same for one donation as for a page of donations with their relations and items', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      donations(first: $first, filter: { recipient: { organizationId: $scope } }) {
        nodes { donorName mobilizedBy { name } recipient { name } items { name quantity }
          fundTransaction { amount account { name } } } } }`;
    const statements = async (first: number) => {
      const response = await resolvers.gql(query, { first, scope: ids.city });
      dataOf(response);
      return response.extensions!.sqlStatements!;
    };
    // donations (with mobilizers, recipients and transactions), items, the transactions' accounts
    expect(await statements(1)).toBe(3);
    expect(await statements(5)).toBe(3);
  });
});

describe('demo dataset figures', () => {
  const fen = (money: string): bigint => BigInt(money.replace('.', ''));

  /** The seeded 党组 whose name contains `name`. */
  async function leadingGroup(name: string): Promise<string> {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!, $name: String) { organizations(filter: { within: { organizationId: $city }, kinds: [LEADING_GROUP], nameContains: $name }) {
           nodes { id } } }`,
        { city: await cityCommitteeId(server), name },
      ),
    );
    expect(data.organizations.nodes).toHaveLength(1);
    return data.organizations.nodes[0].id;
  }

  type CashDonation = { amount: string; fundTransaction: { direction: string; kind: string; amount: string } | null };

  /** Every cash donation an organization mobilized, paging through with cursors. */
  async function cashDonationsOf(mobilizedById: string): Promise<CashDonation[]> {
    const donations: CashDonation[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = dataOf(
        await server.gql(
          `query ($filter: DonationFilter, $after: String) { donations(filter: $filter, first: 100, after: $after) {
             nodes { amount fundTransaction { direction kind amount } } pageInfo { hasNextPage endCursor } } }`,
          { filter: { mobilizedById, kinds: ['CASH'] }, after },
        ),
      ).donations;
      donations.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return donations;
      after = page.pageInfo.endCursor;
    }
  }

  it('has 工商联党组 mobilize exactly 1716万元 in cash, each credited by a DONATION IN transaction', async () => {
    const federation = await leadingGroup('工商业联合会');
    const totals = dataOf(
      await server.gql(`query ($id: ID) { donationTotals(filter: { mobilizedById: $id, kinds: [CASH] }) { cashTotal cashDonationCount } }`, {
        id: federation,
      }),
    ).donationTotals;
    expect(totals.cashTotal).toBe('17160000.00');
    const donations = await cashDonationsOf(federation);
    expect(donations).toHaveLength(totals.cashDonationCount);
    for (const donation of donations) {
      expect(donation.fundTransaction).toEqual({ direction: 'IN', kind: 'DONATION', amount: donation.amount });
    }
    expect(donations.reduce((sum, donation) => sum + fen(donation.amount), 0n)).toBe(fen('17160000.00'));
  });

  it('has 工商联党组 mobilize 83万余个口罩', async () => {
    const federation = await leadingGroup('工商业联合会');
    const data = dataOf(await server.gql(`query ($id: ID) { donationTotals(filter: { mobilizedById: $id }) { materials { name unit quantity } } }`, { id: federation }));
    const masks = data.donationTotals.materials.filter((material: { name: string }) => material.name === '口罩');
    expect(masks).toHaveLength(1);
    expect(masks[0].unit).toBe('个');
    expect(masks[0].quantity).toBeGreaterThanOrEqual(830_000);
    expect(masks[0].quantity).toBeLessThanOrEqual(839_999);
  });

  it('has 产业中心党组 mobilize 1000余万元 from stone enterprises', async () => {
    const industry = await leadingGroup('产业发展中心');
    const data = dataOf(
      await server.gql(`query ($id: ID) { donationTotals(filter: { mobilizedById: $id, kinds: [CASH], donorTypes: [ENTERPRISE] }) { cashTotal } }`, {
        id: industry,
      }),
    );
    const total = fen(data.donationTotals.cashTotal);
    expect(total).toBeGreaterThanOrEqual(fen('10000000.00'));
    expect(total).toBeLessThanOrEqual(fen('10999999.99'));
  });

  it('lists the donations 工商联党组 mobilized on the organization itself', async () => {
    const federation = await leadingGroup('工商业联合会');
    const data = dataOf(
      await server.gql(`query ($id: ID!) { organization(id: $id) { name mobilizedDonations(filter: { kinds: [CASH] }) { totalCount } } }`, {
        id: federation,
      }),
    );
    const totals = dataOf(await server.gql(`query ($id: ID) { donationTotals(filter: { mobilizedById: $id }) { cashDonationCount } }`, { id: federation }));
    expect(data.organization.name).toBe('中共麻城市工商业联合会党组');
    expect(data.organization.mobilizedDonations.totalCount).toBe(totals.donationTotals.cashDonationCount);
  });
});
