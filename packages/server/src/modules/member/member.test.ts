import { Role } from '../../common/auth/roles';
import { toGlobalId } from '../../common/global-id';
import { startTestServer, tokenFor, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function data(query: string, variables?: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function person(name: string, fields: string, headers?: Record<string, string>) {
  const result = await server.gql(`query($n: String) { members(filter: { nameContains: $n }) { nodes { name ${fields} } } }`, { n: name }, headers);
  expect(result.errors).toBeUndefined();
  const exact = result.data!.members.nodes.filter((m: { name: string }) => m.name === name);
  expect(exact).toHaveLength(1);
  return exact[0];
}

describe('members', () => {
  it('finds 叶旭 with his posts, masked sensitive fields (for an analyst) and his organization', async () => {
    const analyst = { authorization: `Bearer ${await tokenFor(Role.ANALYST, toGlobalId('Organization', 1))}` };
    const ye = await person('叶旭', 'phone idCardNumber positions { title organization { name } } organization { name }', analyst);
    expect(ye.positions.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining(['市委常委', '市委组织部部长']));
    expect(ye.organization.name).toBe('中共麻城市委组织部机关支部委员会');
    expect(ye.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(ye.idCardNumber).toMatch(/^421181\*{8}\d{3}[\dX]$/);
  });

  it('knows the ages the report gives (as of 2020-02-16)', async () => {
    const liu = await person('刘小峰', 'age(asOf: "2020-02-16")');
    const tan = await person('谈杰', 'age(asOf: "2020-02-16") occupation organization { name }');
    expect(liu.age).toBe(38);
    expect(tan).toMatchObject({ age: 74, occupation: 'RETIRED' });
    expect(tan.organization.name).toContain('西畈社区');
  });

  it('keeps the hospital staff home organization and a second, temporary membership', async () => {
    for (const name of ['陈敬锋', '王双兰']) {
      const member = await person(name, 'occupation organization { isTemporary } temporaryMemberships { leftAt organization { kind } }');
      expect(member.occupation).toBe('MEDICAL_STAFF');
      expect(member.organization.isTemporary).toBe(false);
      expect(member.temporaryMemberships).toEqual([{ leftAt: null, organization: { kind: 'TEMPORARY_BRANCH' } }]);
    }
  });

  it('filters by status, occupation and in-service flag, with consistent totals', async () => {
    const result = await data(`{
      all: members { totalCount }
      full: members(filter: { statuses: [FULL] }) { totalCount }
      probationary: members(filter: { statuses: [PROBATIONARY] }) { totalCount nodes { fullMemberAt } }
      medical: members(filter: { occupations: [MEDICAL_STAFF] }) { totalCount }
      retired: members(filter: { inService: false }) { totalCount }
      retiredByOccupation: members(filter: { occupations: [RETIRED] }) { totalCount }
    }`);
    expect(result.full.totalCount + result.probationary.totalCount).toBe(result.all.totalCount);
    expect(result.probationary.nodes.every((m: { fullMemberAt: string | null }) => m.fullMemberAt === null)).toBe(true);
    expect(result.medical.totalCount).toBeGreaterThanOrEqual(65);
    expect(result.retired.totalCount).toBe(result.retiredByOccupation.totalCount);
  });

  it('orders by joining date with a stable tie-breaker and filters by a date range', async () => {
    const result = await data(`{
      members(first: 50, orderBy: { field: JOINED_PARTY_AT, direction: DESC }, filter: { joinedPartyAt: { from: "2019-01-01", to: "2019-12-31" } }) {
        nodes { joinedPartyAt }
      }
    }`);
    const dates = result.members.nodes.map((m: { joinedPartyAt: string }) => m.joinedPartyAt);
    expect(dates.length).toBe(50);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates.every((d: string) => d >= '2019-01-01' && d <= '2019-12-31')).toBe(true);
  });

  it('reports nearly 40,000 in-service members to villages and communities', async () => {
    const result = await data(`{
      inService: members(filter: { inService: true }) { totalCount }
      reported: members(filter: { reportedToCommunity: true }) { totalCount }
      reportedInService: members(filter: { reportedToCommunity: true, inService: true }) { totalCount }
    }`);
    expect(result.reported.totalCount).toBeGreaterThanOrEqual(39000);
    expect(result.reported.totalCount).toBeLessThan(40000);
    expect(result.reportedInService.totalCount).toBe(result.reported.totalCount);
    expect(result.inService.totalCount).toBeGreaterThanOrEqual(result.reported.totalCount);
  });
});

describe('references across the caller subtree', () => {
  it('reports the organization a member transferred in from, outside the caller subtree, as not found (not a server error)', async () => {
    // A transfer between two towns, seen by an administrator of the destination town.
    const [transfer] = await server.orm.em.fork().execute<Array<{ member_id: number; town_id: number }>>(
      `select t.member_id, split_part(o.path, '/', 3)::int as town_id from member_transfer t
         join organization f on f.id = t.from_organization_id join organization o on o.id = t.to_organization_id
        where split_part(f.path, '/', 3) <> split_part(o.path, '/', 3) order by t.id limit 1`,
    );
    const token = await tokenFor(Role.ORG_ADMIN, toGlobalId('Organization', transfer.town_id));
    const query = `query($id: ID!) { member(id: $id) { name transfers { toOrganization { name } fromOrganization { name } } } }`;
    const result = await server.gql(query, { id: toGlobalId('Member', transfer.member_id) }, { authorization: `Bearer ${token}` });
    expect(result.status).toBe(200);
    expect(result.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([['NOT_FOUND', 'fromOrganization']]);

    const admin = await data(query, { id: toGlobalId('Member', transfer.member_id) });
    expect(admin.member.transfers[0].fromOrganization.name).toBeTruthy();
  });
});
