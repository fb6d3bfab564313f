import { cityCommitteeId, dataOf, errorCodes, Fixtures, globalId } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own: 测试慰问党委 → 测试慰问社区党支部, 测试慰问医院党支部.
 *
 *   02-01  党委      PHONE  ORGANIZATION_SECRETARY  书记甲 (member)   by 部长丙
 *   02-02  社区支部  PHONE  ORGANIZATION_SECRETARY  书记甲 (member)   by 部长丙
 *   02-03  医院支部  VISIT  MEDICAL_STAFF_FAMILY    医生乙家属        by 部长丙, 慰问金 2000.00
 *   02-04  医院支部  VISIT  MEDICAL_STAFF           医生乙 (member)   no visitor recorded
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const committee = await fx.organization('测试慰问党委', undefined, { kind: 'PARTY_COMMITTEE' });
  const community = await fx.organization('测试慰问社区党支部', committee);
  const hospital = await fx.organization('测试慰问医院党支部', committee, { unit_type: 'HOSPITAL' });
  const secretary = await fx.member('书记甲', community, { occupation: 'VILLAGE_CADRE' });
  const doctor = await fx.member('医生乙', hospital, { occupation: 'MEDICAL_STAFF' });
  const minister = await fx.member('部长丙', committee, { occupation: 'GOVERNMENT_CADRE' });
  const account = await fx.insert('fund_account', { name: '测试慰问账户', kind: 'PARTY_FEE', organization_id: committee, opened_at: '2020-01-01' });
  const payment = await fx.insert('fund_transaction', {
    account_id: account,
    direction: 'OUT',
    kind: 'CONDOLENCE',
    amount: '200000',
    occurred_at: '2020-02-03',
    counterparty: '医生乙家属',
    purpose: '慰问隔离病区医务人员家属',
    target_organization_id: hospital,
  });
  const visit = (organization_id: number, method: string, recipient_category: string, visited_at: string, recipient_name: string, fields: object) =>
    fx.insert('care_visit', { organization_id, method, recipient_category, visited_at, recipient_name, ...fields });
  const first = await visit(committee, 'PHONE', 'ORGANIZATION_SECRETARY', '2020-02-01', '书记甲', { recipient_member_id: secretary, visitor_id: minister });
  await visit(community, 'PHONE', 'ORGANIZATION_SECRETARY', '2020-02-02', '书记甲', { recipient_member_id: secretary, visitor_id: minister });
  const family = await visit(hospital, 'VISIT', 'MEDICAL_STAFF_FAMILY', '2020-02-03', '医生乙家属', {
    visitor_id: minister,
    fund_transaction_id: payment,
    note: '送去慰问金和生活物资',
  });
  await visit(hospital, 'VISIT', 'MEDICAL_STAFF', '2020-02-04', '医生乙', { recipient_member_id: doctor });
  Object.assign(ids, {
    committee: globalId('Organization', committee),
    hospital: globalId('Organization', hospital),
    secretary: globalId('Member', secretary),
    doctor: globalId('Member', doctor),
    minister: globalId('Member', minister),
    first: globalId('CareVisit', first),
    family: globalId('CareVisit', family),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const VISITS = `query ($filter: CareVisitFilter, $orderBy: CareVisitOrder, $first: Int, $after: String, $last: Int, $before: String) {
  careVisits(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { visitedAt } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

async function visits(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const scoped = { organization: { organizationId: ids.committee }, ...filter };
  return dataOf(await server.gql(VISITS, { filter: scoped, ...extra })).careVisits;
}

async function dates(filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  return (await visits(filter, extra)).nodes.map((node: { visitedAt: string }) => node.visitedAt.slice(5));
}

describe('care visit lookup', () => {
  it('returns a visit with its organization, visitor, recipient and payment', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { careVisit(id: $id) { id method recipientName recipientCategory visitedAt note
           organization { name } visitor { name } recipientMember { name }
           fundTransaction { amount kind direction targetOrganization { name } } } }`,
        { id: ids.family },
      ),
    );
    expect(data.careVisit).toEqual({
      id: ids.family,
      method: 'VISIT',
      recipientName: '医生乙家属',
      recipientCategory: 'MEDICAL_STAFF_FAMILY',
      visitedAt: '2020-02-03',
      note: '送去慰问金和生活物资',
      organization: { name: '测试慰问医院党支部' },
      visitor: { name: '部长丙' },
      recipientMember: null,
      fundTransaction: { amount: '2000.00', kind: 'CONDOLENCE', direction: 'OUT', targetOrganization: { name: '测试慰问医院党支部' } },
    });
  });

  it('reports NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const query = `query ($id: ID!) { careVisit(id: $id) { visitedAt } }`;
    expect(errorCodes(await server.gql(query, { id: globalId('CareVisit', 99999999) }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await server.gql(query, { id: '' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(query, { id: ids.secretary }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('care visit list', () => {
  it('scopes by organization, with or without its subtree', async () => {
    expect(await dates({})).toEqual(['02-01', '02-02', '02-03', '02-04']);
    expect(await dates({ organization: { organizationId: ids.committee, includeDescendants: false } })).toEqual(['02-01']);
    expect(await dates({ organization: { organizationId: ids.hospital } })).toEqual(['02-03', '02-04']);
  });

  it('filters by method, recipient category, recipient name and date range', async () => {
    expect(await dates({ methods: ['PHONE'] })).toEqual(['02-01', '02-02']);
    expect(await dates({ recipientCategories: ['MEDICAL_STAFF', 'MEDICAL_STAFF_FAMILY'] })).toEqual(['02-03', '02-04']);
    expect(await dates({ methods: ['PHONE'], recipientCategories: ['ORGANIZATION_SECRETARY'] })).toEqual(['02-01', '02-02']);
    expect(await dates({ recipientNameContains: '家属' })).toEqual(['02-03']);
    expect(await dates({ visitedAt: { from: '2020-02-02', to: '2020-02-03' } })).toEqual(['02-02', '02-03']);
  });

  it('orders latest first and pages both ways with cursors', async () => {
    const orderBy = { field: 'VISITED_AT', direction: 'DESC' };
    expect(await dates({}, { orderBy })).toEqual(['02-04', '02-03', '02-02', '02-01']);
    const page = await visits({}, { orderBy, first: 3 });
    expect(page.totalCount).toBe(4);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await visits({}, { orderBy, first: 3, after: page.pageInfo.endCursor });
    expect(rest.nodes).toEqual([{ visitedAt: '2020-02-01' }]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await visits({}, { orderBy, last: 2, before: rest.pageInfo.startCursor });
    expect(back.nodes).toEqual([{ visitedAt: '2020-02-03' }, { visitedAt: '2020-02-02' }]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('rejects a page size above the limit and a garbled cursor', async () => {
    expect(errorCodes(await server.gql(VISITS, { first: 100000 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await server.gql(VISITS, { first: 1, after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('care fields of members and organizations', () => {
  it("lists the visits a member received, by date, and none for a member who received none", async () => {
    const data = dataOf(
      await server.gql(
        `query ($secretary: ID!, $minister: ID!) {
           secretary: member(id: $secretary) { careVisitsReceived { visitedAt method organization { name } } }
           minister: member(id: $minister) { careVisitsReceived { visitedAt } } }`,
        { secretary: ids.secretary, minister: ids.minister },
      ),
    );
    expect(data.secretary.careVisitsReceived).toEqual([
      { visitedAt: '2020-02-01', method: 'PHONE', organization: { name: '测试慰问党委' } },
      { visitedAt: '2020-02-02', method: 'PHONE', organization: { name: '测试慰问社区党支部' } },
    ]);
    expect(data.minister.careVisitsReceived).toEqual([]);
  });

  it("lists an organization's own visits, or its subtree's", async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { organization(id: $id) {
           own: careVisits { totalCount nodes { recipientName } }
           subtree: careVisits(includeDescendants: true, filter: { methods: [VISIT] }, orderBy: { field: VISITED_AT, direction: DESC }) {
             totalCount nodes { recipientName } } } }`,
        { id: ids.committee },
      ),
    );
    expect(data.organization).toEqual({
      own: { totalCount: 1, nodes: [{ recipientName: '书记甲' }] },
      subtree: { totalCount: 2, nodes: [{ recipientName: '医生乙' }, { recipientName: '医生乙家属' }] },
    });
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

  it('costs the same for one visit as for a page of visits with their people, payments and members\' visits', async () => {
    const query = `query ($first: Int, $scope: ID!) {
      careVisits(first: $first, filter: { organization: { organizationId: $scope }, methods: [VISIT] }) {
        nodes { organization { name } visitor { name careVisitsReceived { visitedAt } }
          recipientMember { name careVisitsReceived { visitedAt } } fundTransaction { amount } } } }`;
    const statements = async (first: number) => {
      const response = await resolvers.gql(query, { first, scope: ids.committee });
      dataOf(response);
      return response.extensions!.sqlStatements!;
    };
    // visits (with organizations, visitors, recipient members and payments), the members' visits
    expect(await statements(1)).toBe(2);
    expect(await statements(2)).toBe(2);
  });
});

describe('demo dataset figures', () => {
  it('has exactly 452 phone calls to 党组织书记', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { careVisits(first: 1, filter: { organization: { organizationId: $city }, methods: [PHONE], recipientCategories: [ORGANIZATION_SECRETARY] }) {
           totalCount nodes { recipientMember { name } } } }`,
        { city: await cityCommitteeId(server) },
      ),
    );
    expect(data.careVisits.totalCount).toBe(452);
    expect(data.careVisits.nodes[0].recipientMember).not.toBeNull();
  });

  it('links home visits to isolation-ward families to a 慰问 payment', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { careVisits(first: 100, filter: { organization: { organizationId: $city }, recipientCategories: [MEDICAL_STAFF_FAMILY] }) {
           totalCount nodes { method fundTransaction { kind direction } } } }`,
        { city: await cityCommitteeId(server) },
      ),
    );
    expect(data.careVisits.totalCount).toBeGreaterThan(0);
    for (const visit of data.careVisits.nodes) {
      expect(visit).toEqual({ method: 'VISIT', fundTransaction: { kind: 'CONDOLENCE', direction: 'OUT' } });
    }
  });
});
