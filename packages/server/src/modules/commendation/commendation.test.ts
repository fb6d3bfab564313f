import { dataOf, errorCodes, Fixtures, globalId, idByExactName } from '../../test/fixtures';
import { startTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
const ids: Record<string, string> = {};

/**
 * A fixture tree of its own: 测试市委 → 测试组织部, 测试医院, 测试街道 → 测试一村, 测试社区.
 * Batch 1 (issued by 测试组织部 on 2020-02-10): 甲 一线党员, 乙 志愿者, 丙 医务工作者, 丁 志愿者,
 * 测试一村 先进单位 with a 5000.00 award. Batch 2 (测试街道, 2020-02-20): 甲 基层干部 with a 100.50
 * award, 测试社区 先进单位.
 */
async function insertFixtures(): Promise<void> {
  const fx = Fixtures.of(server);
  const city = await fx.organization('测试市委', undefined, { kind: 'CITY_COMMITTEE', unit_type: 'CITY' });
  const department = await fx.organization('测试组织部', city, { kind: 'WORKING_DEPARTMENT', unit_type: 'GOVERNMENT_AGENCY' });
  const hospital = await fx.organization('测试医院党支部', city, { unit_type: 'HOSPITAL' });
  const street = await fx.organization('测试街道党工委', city, { kind: 'WORKING_COMMITTEE', unit_type: 'SUBDISTRICT' });
  const village = await fx.organization('测试一村党支部', street, { unit_type: 'VILLAGE' });
  const community = await fx.organization('测试社区党支部', street, { unit_type: 'COMMUNITY' });
  const jia = await fx.member('表彰甲', department);
  const yi = await fx.member('表彰乙', department);
  const bing = await fx.member('表彰丙', hospital);
  const ding = await fx.member('表彰丁', village);
  const account = await fx.insert('fund_account', { name: `测试奖励账户${process.pid}`, kind: 'SPECIAL', organization_id: department, opened_at: '2020-01-01' });
  const award = (amount: number, counterparty: string) =>
    fx.insert('fund_transaction', {
      account_id: account,
      direction: 'OUT',
      kind: 'AWARD',
      amount,
      counterparty,
      purpose: '表彰奖励',
      occurred_at: '2020-02-21',
    });
  const villageAward = await award(500000, '测试一村党支部');
  const jiaAward = await award(10050, '表彰甲');
  const batch = (title: string, issuer_id: number, issued_at: string) =>
    fx.insert('commendation_batch', { title, issuer_id, issued_at, document_number: `${title}文号` });
  const batch1 = await batch('测试第一批通报表扬', department, '2020-02-10');
  const batch2 = await batch('测试第二批表彰', street, '2020-02-20');
  const commend = (batch_id: number, recipient: { member?: number; organization?: number }, category: string, award?: [number, number]) =>
    fx.insert('commendation', {
      batch_id,
      recipient_member_id: recipient.member ?? null,
      recipient_organization_id: recipient.organization ?? null,
      category,
      reason: '疫情防控表现突出',
      award_amount: award?.[0] ?? null,
      award_transaction_id: award?.[1] ?? null,
    });
  const jiaFirst = await commend(batch1, { member: jia }, 'FRONTLINE_MEMBER');
  await commend(batch1, { member: yi }, 'VOLUNTEER');
  await commend(batch1, { member: bing }, 'MEDICAL_WORKER');
  await commend(batch1, { member: ding }, 'VOLUNTEER');
  const villageUnit = await commend(batch1, { organization: village }, 'ADVANCED_UNIT', [500000, villageAward]);
  await commend(batch2, { member: jia }, 'GRASSROOTS_CADRE', [10050, jiaAward]);
  await commend(batch2, { organization: community }, 'ADVANCED_UNIT');
  Object.assign(ids, {
    city: globalId('Organization', city),
    department: globalId('Organization', department),
    street: globalId('Organization', street),
    village: globalId('Organization', village),
    jia: globalId('Member', jia),
    batch1: globalId('CommendationBatch', batch1),
    batch2: globalId('CommendationBatch', batch2),
    jiaFirst: globalId('Commendation', jiaFirst),
    villageUnit: globalId('Commendation', villageUnit),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  await insertFixtures();
});
afterAll(() => server.close());

const COMMENDATIONS = `query ($filter: CommendationFilter, $orderBy: CommendationOrder, $first: Int, $after: String, $last: Int, $before: String) {
  commendations(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { category recipient { __typename ... on Member { name } ... on Organization { name } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Fixture commendations (restricted to the fixture tree) matching the filter. */
async function commendations(filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const data = dataOf(
    await server.gql(COMMENDATIONS, { filter: { organization: { organizationId: ids.city }, ...filter }, ...extra }),
  );
  return data.commendations;
}

const label = (node: { category: string; recipient: { name: string } }) => `${node.recipient.name.slice(0, 4)}/${node.category}`;

async function labels(filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<string[]> {
  return (await commendations(filter, extra)).nodes.map(label);
}

describe('commendation lookups', () => {
  it('returns a batch with its issuer, commendations and counts by category in enum order', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { commendationBatch(id: $id) { id title issuedAt documentNumber issuer { name }
           countsByCategory { category count }
           commendations(first: 2, filter: { categories: [VOLUNTEER] }) { totalCount nodes { recipient { ... on Member { name } } } } } }`,
        { id: ids.batch1 },
      ),
    );
    expect(data.commendationBatch).toEqual({
      id: ids.batch1,
      title: '测试第一批通报表扬',
      issuedAt: '2020-02-10',
      documentNumber: '测试第一批通报表扬文号',
      issuer: { name: '测试组织部' },
      countsByCategory: [
        { category: 'FRONTLINE_MEMBER', count: 1 },
        { category: 'MEDICAL_WORKER', count: 1 },
        { category: 'VOLUNTEER', count: 2 },
        { category: 'ADVANCED_UNIT', count: 1 },
      ],
      commendations: { totalCount: 2, nodes: [{ recipient: { name: '表彰乙' } }, { recipient: { name: '表彰丁' } }] },
    });
  });

  it('returns an organization recipient through the union, with its award amount and transaction', async () => {
    const query = `query ($id: ID!) { commendation(id: $id) { category reason recipientKind awardAmount
      batch { title } awardTransaction { kind amount counterparty }
      recipient { __typename ... on Organization { name unitType } ... on Member { name } } } }`;
    const data = dataOf(await server.gql(query, { id: ids.villageUnit }));
    expect(data.commendation).toEqual({
      category: 'ADVANCED_UNIT',
      reason: '疫情防控表现突出',
      recipientKind: 'ORGANIZATION',
      awardAmount: '5000.00',
      batch: { title: '测试第一批通报表扬' },
      awardTransaction: { kind: 'AWARD', amount: '5000.00', counterparty: '测试一村党支部' },
      recipient: { __typename: 'Organization', name: '测试一村党支部', unitType: 'VILLAGE' },
    });
  });

  it('returns a member recipient through the union, without an award', async () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on Commendation { recipientKind awardAmount awardTransaction { id }
      recipient { __typename ... on Member { name organization { name } } } } } }`;
    expect(dataOf(await server.gql(query, { id: ids.jiaFirst })).node).toEqual({
      recipientKind: 'MEMBER',
      awardAmount: null,
      awardTransaction: null,
      recipient: { __typename: 'Member', name: '表彰甲', organization: { name: '测试组织部' } },
    });
  });

  it('reports NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed or foreign id', async () => {
    const lookup = (field: string, id: string) => server.gql(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
    expect(errorCodes(await lookup('commendation', globalId('Commendation', 999999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('commendationBatch', globalId('CommendationBatch', 999999)))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await lookup('commendation', '%%%'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await lookup('commendationBatch', ids.jiaFirst))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('commendation filters and ordering', () => {
  it('scopes member recipients by their home organization and organization recipients by themselves', async () => {
    expect((await commendations()).totalCount).toBe(7);
    expect((await labels({ organization: { organizationId: ids.street } })).sort()).toEqual(
      ['测试一村/ADVANCED_UNIT', '测试社区/ADVANCED_UNIT', '表彰丁/VOLUNTEER'].sort(),
    );
    expect((await labels({ organization: { organizationId: ids.department, includeDescendants: false } })).sort()).toEqual(
      ['表彰乙/VOLUNTEER', '表彰甲/FRONTLINE_MEMBER', '表彰甲/GRASSROOTS_CADRE'].sort(),
    );
  });

  it('filters by batch, categories, recipient kind and award', async () => {
    expect(await labels({ batchId: ids.batch2 }, { orderBy: { field: 'ID' } })).toEqual(['表彰甲/GRASSROOTS_CADRE', '测试社区/ADVANCED_UNIT']);
    expect((await commendations({ categories: ['VOLUNTEER', 'MEDICAL_WORKER'] })).totalCount).toBe(3);
    expect((await commendations({ recipientKind: 'MEMBER' })).totalCount).toBe(5);
    expect((await labels({ recipientKind: 'ORGANIZATION' })).sort()).toEqual(['测试一村/ADVANCED_UNIT', '测试社区/ADVANCED_UNIT']);
    expect((await labels({ hasAward: true })).sort()).toEqual(['测试一村/ADVANCED_UNIT', '表彰甲/GRASSROOTS_CADRE']);
    expect((await commendations({ hasAward: false })).totalCount).toBe(5);
    expect(errorCodes(await server.gql(COMMENDATIONS, { filter: { batchId: ids.jia } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by issue date of the batch and by id', async () => {
    const byIssuedDesc = await labels({}, { orderBy: { field: 'ISSUED', direction: 'DESC' } });
    expect(byIssuedDesc.slice(0, 2).sort()).toEqual(['测试社区/ADVANCED_UNIT', '表彰甲/GRASSROOTS_CADRE']);
    const byId = await labels({}, { orderBy: { field: 'ID', direction: 'ASC' } });
    expect(byId[0]).toBe('表彰甲/FRONTLINE_MEMBER');
    expect(byId[6]).toBe('测试社区/ADVANCED_UNIT');
  });

  it('pages forward and backward with cursors over the issue date', async () => {
    const orderBy = { field: 'ISSUED', direction: 'DESC' };
    const all = await labels({}, { orderBy });
    const page1 = await commendations({}, { orderBy, first: 4 });
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = await commendations({}, { orderBy, first: 4, after: page1.pageInfo.endCursor });
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...page1.nodes, ...page2.nodes].map(label)).toEqual(all);
    const back = await commendations({}, { orderBy, last: 2, before: page2.pageInfo.startCursor });
    expect(back.nodes.map(label)).toEqual(all.slice(2, 4));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('filters and orders batches', async () => {
    const query = `query ($filter: CommendationBatchFilter, $orderBy: CommendationBatchOrder) {
      commendationBatches(filter: $filter, orderBy: $orderBy) { totalCount nodes { title } } }`;
    const titles = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
      dataOf(await server.gql(query, { filter, orderBy })).commendationBatches.nodes.map((n: { title: string }) => n.title);
    expect(await titles({ issuer: { organizationId: ids.city } })).toEqual(['测试第一批通报表扬', '测试第二批表彰']);
    expect(await titles({ issuer: { organizationId: ids.city } }, { field: 'ISSUED', direction: 'DESC' })).toEqual(['测试第二批表彰', '测试第一批通报表扬']);
    expect(await titles({ issuer: { organizationId: ids.city }, issuedAt: { from: '2020-02-15' } })).toEqual(['测试第二批表彰']);
    expect(await titles({ issuer: { organizationId: ids.city }, titleContains: '通报' })).toEqual(['测试第一批通报表扬']);
  });
});

describe('commendation fields on members and organizations', () => {
  it('lists a member\'s commendations', async () => {
    const data = dataOf(
      await server.gql(
        `query ($id: ID!) { member(id: $id) { commendations { totalCount nodes { category batch { title } } }
           awarded: commendations(filter: { hasAward: true }) { nodes { awardAmount } } } }`,
        { id: ids.jia },
      ),
    );
    expect(data.member.commendations).toEqual({
      totalCount: 2,
      nodes: [
        { category: 'FRONTLINE_MEMBER', batch: { title: '测试第一批通报表扬' } },
        { category: 'GRASSROOTS_CADRE', batch: { title: '测试第二批表彰' } },
      ],
    });
    expect(data.member.awarded.nodes).toEqual([{ awardAmount: '100.50' }]);
  });

  it('lists an organization\'s commendations as recipient and the batches it issued', async () => {
    const data = dataOf(
      await server.gql(
        `query ($street: ID!, $village: ID!, $city: ID!) {
           village: organization(id: $village) { commendations { nodes { category awardAmount } } }
           street: organization(id: $street) { commendations { totalCount } all: commendations(includeDescendants: true) { totalCount }
             issuedCommendationBatches { nodes { title } } }
           city: organization(id: $city) { issuedCommendationBatches { totalCount } all: issuedCommendationBatches(includeDescendants: true) { nodes { title } } } }`,
        { street: ids.street, village: ids.village, city: ids.city },
      ),
    );
    expect(data.village.commendations.nodes).toEqual([{ category: 'ADVANCED_UNIT', awardAmount: '5000.00' }]);
    expect(data.street).toEqual({ commendations: { totalCount: 0 }, all: { totalCount: 2 }, issuedCommendationBatches: { nodes: [{ title: '测试第二批表彰' }] } });
    expect(data.city.issuedCommendationBatches.totalCount).toBe(0);
    expect(data.city.all.nodes).toEqual([{ title: '测试第一批通报表扬' }, { title: '测试第二批表彰' }]);
  });
});

describe('commendation statement counts', () => {

  it('costs a fixed number of statements for batches with counts, commendations and their relations', async () => {
    const query = `query ($first: Int) { commendationBatches(first: $first, orderBy: { field: ID, direction: DESC }) { nodes {
      issuer { name } countsByCategory { category count }
      commendations(first: 10) { nodes { awardAmount batch { title } awardTransaction { amount }
        recipient { ... on Member { name } ... on Organization { name } } } } } } }`;
    const one = await server.gql(query, { first: 1 });
    const two = await server.gql(query, { first: 2 });
    expect(dataOf(two).commendationBatches.nodes).toHaveLength(2);
    dataOf(one);
    // batches (with their issuers), category counts, commendations (with their batches and award transactions), Member and Organization recipients.
    expect(two.extensions?.sqlStatements).toBe(5);
    expect(one.extensions?.sqlStatements).toBe(5);
  });
});

describe('demo dataset figures (表彰)', () => {
  const seed: Record<string, string> = {};
  beforeAll(async () => {
    seed.city = await idByExactName(server, 'organizations', '中共麻城市委员会');
    seed.department = await idByExactName(server, 'organizations', '中共麻城市委组织部');
  });

  it('第一批通报表扬 commends 4 一线党员, 10 基层干部, 8 医务工作者 (陈敬锋, 王双兰) and 20 志愿者 (彭向阳)', async () => {
    const data = dataOf(
      await server.gql(
        `{ commendationBatches(filter: { titleContains: "第一批通报表扬" }) { nodes { title issuedAt issuer { name }
           countsByCategory { category count }
           all: commendations(first: 100) { totalCount nodes { recipientKind } }
           medical: commendations(first: 100, filter: { categories: [MEDICAL_WORKER] }) { nodes { recipient { ... on Member { name } } } }
           volunteers: commendations(first: 100, filter: { categories: [VOLUNTEER] }) { nodes { recipient { ... on Member { name } } } } } } }`,
      ),
    );
    const [batch] = data.commendationBatches.nodes.filter((b: { title: string }) => !b.title.startsWith('测试'));
    expect(batch).toMatchObject({ title: '新冠肺炎疫情防控第一批通报表扬', issuer: { name: '中共麻城市委组织部' } });
    expect(batch.countsByCategory).toEqual([
      { category: 'FRONTLINE_MEMBER', count: 4 },
      { category: 'GRASSROOTS_CADRE', count: 10 },
      { category: 'MEDICAL_WORKER', count: 8 },
      { category: 'VOLUNTEER', count: 20 },
    ]);
    expect(batch.all.totalCount).toBe(42);
    expect(batch.all.nodes.every((n: { recipientKind: string }) => n.recipientKind === 'MEMBER')).toBe(true);
    const names = (list: { nodes: Array<{ recipient: { name: string } }> }) => list.nodes.map((n) => n.recipient.name);
    expect(names(batch.medical)).toHaveLength(8);
    expect(names(batch.medical)).toEqual(expect.arrayContaining(['陈敬锋', '王双兰']));
    expect(names(batch.volunteers)).toHaveLength(20);
    expect(names(batch.volunteers)).toContain('彭向阳');
  });

  it('4 先进单位 receive money awards, each paid by an AWARD transaction of the same amount', async () => {
    const data = dataOf(
      await server.gql(
        `query ($city: ID!) { commendations(first: 10, filter: { organization: { organizationId: $city }, recipientKind: ORGANIZATION }) {
           totalCount nodes { category awardAmount awardTransaction { kind direction amount } recipient { __typename ... on Organization { name } } } } }`,
        { city: seed.city },
      ),
    );
    const units = data.commendations.nodes;
    expect(data.commendations.totalCount).toBe(4);
    for (const unit of units) {
      expect(unit).toMatchObject({ category: 'ADVANCED_UNIT', recipient: { __typename: 'Organization' } });
      expect(unit.awardTransaction).toEqual({ kind: 'AWARD', direction: 'OUT', amount: unit.awardAmount });
    }
    expect(units.map((u: any) => u.recipient.name)).toContain('中共麻城市人民医院委员会');
    const total = units.reduce((sum: number, u: any) => sum + Number(u.awardAmount), 0);
    expect(total).toBe(230000);
  });

  it('lists the batches 组织部 issued', async () => {
    const data = dataOf(
      await server.gql(`query ($id: ID!) { organization(id: $id) { issuedCommendationBatches { totalCount nodes { issuedAt countsByCategory { count } } } } }`, {
        id: seed.department,
      }),
    );
    const batches = data.organization.issuedCommendationBatches;
    expect(batches.totalCount).toBe(2);
    expect(batches.nodes.map((b: any) => b.countsByCategory.reduce((sum: number, c: any) => sum + c.count, 0))).toEqual([42, 4]);
  });

  it('loads 50 organizations → their first 20 members → each member\'s commendations with one statement per level', async () => {
    // Code order descending puts the fixture village and community (codes FX…) first, then 48 demo villages.
    const query = `{ organizations(first: 50, filter: { unitTypes: [VILLAGE, COMMUNITY] }, orderBy: { field: CODE, direction: DESC }) { nodes {
      members(first: 20, orderBy: { field: ID }) { nodes { name commendations(first: 5) { totalCount nodes { category } } } } } } }`;
    const resolvers = await startTestServer({ compiledReads: false }, server);
    const [compiled, resolved] = await Promise.all([server.gql(query), resolvers.gql(query)]);
    await resolvers.close();
    const members = dataOf(resolved).organizations.nodes.flatMap((org: any) => org.members.nodes);
    expect(members).toHaveLength(48 * 20 + 1);
    expect(members.find((m: any) => m.name === '表彰丁').commendations).toEqual({ totalCount: 1, nodes: [{ category: 'VOLUNTEER' }] });
    expect(resolved.extensions?.sqlStatements).toBe(3);
    // Compiled reads: the same data from one statement.
    expect(compiled.extensions).toMatchObject({ sqlStatements: 1, compiledRead: true });
    expect(compiled.data).toEqual(resolved.data);
  });
});
