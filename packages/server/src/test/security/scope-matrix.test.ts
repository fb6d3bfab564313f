import { Role } from '../../common/auth/roles';
import { startTestServer, tokenFor, type TestServer } from '../harness';
import { EVENT_FIELDS, subscribe } from '../ws-client';

/**
 * Every scoped role × entity × access path against two sibling subtrees (龙池桥街道 = A, 鼓楼街道 =
 * B): a caller scoped to A must never see anything of B, on any path. Each `probe` is one check.
 */
let server: TestServer;
let A: string;
let B: string;
let probes = 0;

interface EntityCase {
  type: string;
  lookup: string;
  list: string;
  /** The list filter that restricts it to an organization's subtree. */
  scope: (organizationId: string) => string;
}

const ENTITIES: EntityCase[] = [
  { type: 'Organization', lookup: 'organization', list: 'organizations', scope: (id) => `{ within: { organizationId: "${id}" } }` },
  { type: 'Member', lookup: 'member', list: 'members', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
  { type: 'Post', lookup: 'post', list: 'posts', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
  { type: 'Squad', lookup: 'squad', list: 'squads', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
  { type: 'VolunteerService', lookup: 'volunteerService', list: 'volunteerServices', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
  { type: 'InspectionRecord', lookup: 'inspectionRecord', list: 'inspectionRecords', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
  { type: 'InspectionTeam', lookup: 'inspectionTeam', list: 'inspectionTeams', scope: (id) => `{ area: { organizationId: "${id}" } }` },
  { type: 'Commendation', lookup: 'commendation', list: 'commendations', scope: (id) => `{ organization: { organizationId: "${id}" } }` },
];

/** Entities whose rows belong to a subtree in more than one way: probed by lookup and node() only. */
const LOOKUP_ONLY: Array<Pick<EntityCase, 'type' | 'lookup'> & { outside: (b: string) => string }> = [
  {
    type: 'CareVisit',
    lookup: 'careVisit',
    outside: (b) => `{ organization(id: "${b}") { descendants(first: 50) { nodes { secretary { careVisitsReceived { id } } } } } }`,
  },
  {
    type: 'CommunityReport',
    lookup: 'node',
    outside: (b) => `{ organization(id: "${b}") { descendants(first: 3, filter: { unitTypes: [VILLAGE, COMMUNITY] }) { nodes { communityReports(first: 1) { nodes { id } } } } } }`,
  },
];

const SCOPED_ROLES = [Role.ORG_ADMIN, Role.ANALYST, Role.SYSTEM];
const auth = async (role: Role) => ({ authorization: `Bearer ${await tokenFor(role, A)}` });

async function asAdmin(query: string) {
  const result = await server.gql(query);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function orgId(name: string): Promise<string> {
  return (await asAdmin(`{ organizations(first: 1, filter: { nameContains: "${name}" }) { nodes { id } } }`)).organizations.nodes[0].id;
}

async function idsIn(entity: EntityCase, organizationId: string, first: number): Promise<string[]> {
  const data = await asAdmin(`{ ${entity.list}(first: ${first}, filter: ${entity.scope(organizationId)}) { nodes { id } } }`);
  return data[entity.list].nodes.map((n: { id: string }) => n.id);
}

function probe<T>(value: T): T {
  probes += 1;
  return value;
}

beforeAll(async () => {
  server = await startTestServer();
  A = await orgId('龙池桥街道工作委员会');
  B = await orgId('鼓楼街道工作委员会');
});
afterAll(() => server.close());

describe.each(SCOPED_ROLES)('a %s scoped to one subtree', (role) => {
  it.each(ENTITIES.map((e) => [e.type, e] as const))('sees %s only inside it: lists, totals, lookups and node()', async (_type, entity) => {
    const headers = await auth(role);
    const [outside, inside] = await Promise.all([idsIn(entity, B, 3), idsIn(entity, A, 1)]);
    expect(outside.length).toBeGreaterThan(0);
    const adminTotal = (await asAdmin(`{ ${entity.list}(filter: ${entity.scope(A)}) { totalCount } }`))[entity.list].totalCount;
    const own = await server.gql(`{ ${entity.list}(first: 100) { totalCount nodes { id } } }`, undefined, headers);
    expect(probe(own.data![entity.list].totalCount)).toBe(adminTotal);
    expect(probe(own.data![entity.list].nodes.filter((n: { id: string }) => outside.includes(n.id)))).toEqual([]);
    for (const id of outside) {
      const lookup = await server.gql(`query($id: ID!) { ${entity.lookup}(id: $id) { id } }`, { id }, headers);
      expect(probe(lookup.errors?.[0].extensions?.code)).toBe('NOT_FOUND');
      const node = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, headers);
      expect(probe(node.errors?.[0].extensions?.code)).toBe('NOT_FOUND');
    }
    const mine = await server.gql(`query($id: ID!) { ${entity.lookup}(id: $id) { id } }`, { id: inside[0] }, headers);
    expect(probe(mine.data![entity.lookup])).toEqual({ id: inside[0] });
  });

  it.each(LOOKUP_ONLY.map((e) => [e.type, e] as const))('cannot look up or node() a %s of the other subtree', async (_type, entity) => {
    const headers = await auth(role);
    const found = JSON.stringify(await asAdmin(entity.outside(B)));
    const outside = [...found.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]).filter((id) => Buffer.from(id, 'base64url').toString().startsWith(`${entity.type}:`));
    expect(outside.length).toBeGreaterThan(0);
    for (const id of outside.slice(0, 3)) {
      const lookup = await server.gql(`query($id: ID!) { ${entity.lookup}(id: $id) { id } }`, { id }, headers);
      expect(probe(lookup.errors?.[0].extensions?.code)).toBe('NOT_FOUND');
    }
  });

  it('cannot climb out of the subtree through nested fields', async () => {
    const headers = await auth(role);
    const result = await server.gql(
      `{ members(first: 5) { nodes { organization { ancestors { id } parent { id parent { id members(first: 5) { totalCount } } } } } } }`,
      undefined,
      headers,
    );
    expect(result.errors).toBeUndefined();
    for (const member of result.data!.members.nodes) {
      const org = member.organization;
      expect(probe(org.ancestors.every((a: { id: string }) => a.id === A))).toBe(true);
      expect(probe(org.parent === null || org.parent.id === A)).toBe(true);
      if (org.parent) expect(probe(org.parent.parent)).toBeNull();
    }
  });

  it('gets subtree-only counts and aggregates', async () => {
    const headers = await auth(role);
    const scoped = await server.gql(`{ volunteerStatistics { serviceCount } inspectionCoverage { villagesTotal } }`, undefined, headers);
    const admin = await asAdmin(`{
      volunteerStatistics(filter: { organization: { organizationId: "${A}" } }) { serviceCount }
      inspectionCoverage(organizationId: "${A}") { villagesTotal }
    }`);
    expect(probe(scoped.data!.volunteerStatistics.serviceCount)).toBe(admin.volunteerStatistics.serviceCount);
    expect(probe(scoped.data!.inspectionCoverage.villagesTotal)).toBe(admin.inspectionCoverage.villagesTotal);
  });
});

describe('writes and the change log across subtrees', () => {
  let renames = 0;
  const rename = (id: string) => `mutation { updateOrganization(input: { id: "${id}", unitName: "改名 ${++renames}" }) { organization { id } } }`;

  it('lets an ORG_ADMIN write inside its subtree but not outside or into it from outside', async () => {
    const headers = await auth(Role.ORG_ADMIN);
    const [villageA] = await idsIn(ENTITIES[0], A, 3).then((ids) => ids.slice(1));
    const [villageB] = await idsIn(ENTITIES[0], B, 3).then((ids) => ids.slice(1));
    expect(probe((await server.gql(rename(villageA), undefined, headers)).errors)).toBeUndefined();
    expect(probe((await server.gql(rename(villageB), undefined, headers)).errors?.[0].extensions?.code)).toBe('NOT_FOUND');
    const move = await server.gql(
      `mutation { moveOrganization(input: { id: "${villageA}", newParentId: "${B}", movedAt: "2020-02-01", documentNumber: "X", reason: "越权" }) { organization { id } } }`,
      undefined,
      headers,
    );
    expect(probe(move.errors?.[0].extensions?.code)).toBe('NOT_FOUND');
    const [memberB] = await idsIn(ENTITIES[1], B, 1);
    const transfer = await server.gql(
      `mutation { transferMember(input: { memberId: "${memberB}", toOrganizationId: "${villageA}", transferredAt: "2020-02-01", reason: "越权" }) { member { id } } }`,
      undefined,
      headers,
    );
    expect(probe(transfer.errors?.[0].extensions?.code)).toBe('NOT_FOUND');
  });

  it('shows a scoped auditor and subscriber only events of its subtree, on replay and live', async () => {
    const [villageA] = await idsIn(ENTITIES[0], A, 2).then((ids) => ids.slice(1));
    const [villageB] = await idsIn(ENTITIES[0], B, 2).then((ids) => ids.slice(1));
    await asAdmin(rename(villageA));
    await asAdmin(rename(villageB));
    const headers = await auth(Role.ORG_ADMIN);
    const log = await server.gql(`{ changeEvents(first: 100) { totalCount nodes { entityId } } }`, undefined, headers);
    expect(probe(log.data!.changeEvents.nodes.map((n: { entityId: string }) => n.entityId))).not.toContain(villageB);
    expect(probe(log.data!.changeEvents.nodes.map((n: { entityId: string }) => n.entityId))).toContain(villageA);

    const start = (await asAdmin(`{ changeEvents(first: 1) { nodes { cursor } } }`)).changeEvents.nodes[0].cursor;
    const systemToken = await tokenFor(Role.SYSTEM, A);
    const subscriber = subscribe(server.wsUrl, `subscription($after: String) { changes(after: $after) { ${EVENT_FIELDS} } }`, { after: start }, {
      authorization: `Bearer ${systemToken}`,
    });
    await asAdmin(rename(villageB));
    await asAdmin(rename(villageA));
    await subscriber.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe(subscriber.events.map((e) => e.entityId))).not.toContain(villageB);
    expect(probe(subscriber.events.filter((e) => e.entityId === villageA).length)).toBeGreaterThanOrEqual(1);
    await subscriber.close();
  });

  it('ran at least 100 distinct probes', () => {
    expect(probes).toBeGreaterThanOrEqual(100);
  });
});
