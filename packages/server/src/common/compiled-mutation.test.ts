import { dataOf, Fixtures, globalId } from '../test/fixtures';
import { startTestServer, type GraphQLResponse, type TestServer } from '../test/harness';

/**
 * Mutations answered before execution (recordCareVisit's one-statement case) against the resolvers
 * they stand in for: `direct` is the service as deployed, `orm` the same code with directWrites off.
 */
let direct: TestServer;
let orm: TestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  direct = await startTestServer();
  orm = await startTestServer({ directWrites: false }, direct);
  const fixtures = Fixtures.of(direct);
  const branch = await fixtures.organization('预编译写入测试支部', undefined, { kind: 'PARTY_COMMITTEE' });
  const dissolved = await fixtures.organization('预编译写入已撤销支部', branch, { dissolved_at: '2021-06-30' });
  Object.assign(ids, {
    branch: globalId('Organization', branch),
    dissolved: globalId('Organization', dissolved),
    member: globalId('Member', await fixtures.member('周党员', branch)),
  });
});
afterAll(async () => {
  await orm.close();
  await direct.close();
});

const input = (overrides: Record<string, unknown> = {}) => ({
  organizationId: ids.branch,
  recipientName: '困难群众赵某',
  recipientCategory: 'NEEDY_RESIDENT',
  method: 'VISIT',
  visitedAt: '2024-03-01',
  ...overrides,
});

const counts = async () =>
  (await direct.orm.em.fork().execute<Array<{ visits: string; events: string }>>(
    'select (select count(*) from care_visit) as visits, (select count(*) from change_event) as events',
  ))[0];

/** The response with the created visit's id (which differs between two creations) blanked. */
function comparable(response: GraphQLResponse) {
  return JSON.parse(JSON.stringify(response.data ?? null).replace(/"id":"[^"]+"/g, '"id":"…"').replace(/"createdAt":"[^"]+"/g, '"createdAt":"…"'));
}

describe('recordCareVisit answered before execution', () => {
  const answered: Array<[string, string, Record<string, unknown>]> = [
    ['the id only', '{ recordCareVisit(input: $input) { careVisit { id } } }', {}],
    [
      'every column, type names, aliases and the client mutation id',
      `{ done: recordCareVisit(input: $input) { __typename clientMutationId visit: careVisit { __typename id recipientName recipientCategory method visitedAt note createdAt } } }`,
      { clientMutationId: 'cm-1', note: ' 带去米和油 ' },
    ],
    [
      'fields from named and inline fragments',
      `{ recordCareVisit(input: $input) { ...Payload } }
       fragment Payload on CareVisitPayload { careVisit { ...Visit ... on CareVisit { method } } }
       fragment Visit on CareVisit { id visitedAt }`,
      { method: 'PHONE' },
    ],
  ];

  it.each(answered)('answers like the resolvers, with one statement: %s', async (_name, selection, overrides) => {
    const query = `mutation($input: RecordCareVisitInput!) ${selection}`;
    const values = input(overrides);
    const before = await counts();
    const viaResolvers = await orm.gql(query, { input: values });
    const compiled = await direct.gql(query, { input: values });
    expect(compiled.errors).toBeUndefined();
    expect(compiled.extensions).toMatchObject({ sqlStatements: 1, compiledMutation: true });
    expect(comparable(compiled)).toEqual(comparable(viaResolvers));
    // Values come from the stored row (createdAt is the database's, not the time of the answer).
    const visit = (Object.values(dataOf(compiled))[0] as Record<string, Record<string, string>>).careVisit ?? (Object.values(dataOf(compiled))[0] as Record<string, Record<string, string>>).visit;
    const stored = await direct.gql<{ careVisit: Record<string, string> }>('query($id: ID!) { careVisit(id: $id) { createdAt note } }', { id: visit.id });
    if (visit.createdAt) expect(dataOf(stored).careVisit).toEqual({ createdAt: visit.createdAt, note: visit.note });
    const after = await counts();
    expect([Number(after.visits) - Number(before.visits), Number(after.events) - Number(before.events)]).toEqual([2, 2]);
  });

  it('leaves a payload that needs loading to the resolvers, and still writes once', async () => {
    const query = `mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id organization { name } } organization { name } } }`;
    const before = await counts();
    const response = await direct.gql(query, { input: input() });
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.compiledMutation).toBeUndefined();
    expect(dataOf(response).recordCareVisit.organization.name).toBe('预编译写入测试支部');
    const after = await counts();
    expect([Number(after.visits) - Number(before.visits), Number(after.events) - Number(before.events)]).toEqual([1, 1]);
  });

  const refused: Array<[string, Record<string, unknown>]> = [
    ['a blank recipient name (a validation rule)', { recipientName: '   ' }],
    ['a visit in the future (a validation rule)', { visitedAt: '2999-01-01' }],
    ['an organization dissolved before the visit (the statement declines)', { organizationId: 'dissolved', visitedAt: '2022-01-01' }],
    ['a recipient member under another name (the statement declines)', { recipientMemberId: 'member', recipientName: '别人' }],
    ['a malformed id', { organizationId: 'not-an-id' }],
  ];

  it.each(refused)('refuses with the resolvers\' error and writes nothing: %s', async (_name, overrides) => {
    const values = input(Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, typeof value === 'string' && ids[value] ? ids[value] : value])));
    const query = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';
    const before = await counts();
    const [viaResolvers, viaDirect] = [await orm.gql(query, { input: values }), await direct.gql(query, { input: values })];
    expect(viaDirect.errors?.[0].extensions?.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
    expect(viaDirect.errors).toEqual(viaResolvers.errors);
    expect(viaDirect.data).toEqual(viaResolvers.data);
    // A declined statement is not sent a second time by the resolver.
    expect(viaDirect.extensions?.sqlStatements).toBeLessThanOrEqual((viaResolvers.extensions?.sqlStatements as number) + 1);
    expect(await counts()).toEqual(before);
  });

  it('declines a statement once: the resolver takes the attempt over instead of sending it again', async () => {
    const query = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';
    const values = input({ organizationId: ids.dissolved, visitedAt: '2022-01-01' });
    const [viaResolvers, viaDirect] = [await orm.gql(query, { input: values }), await direct.gql(query, { input: values })];
    expect(viaDirect.extensions?.sqlStatements).toBe((viaResolvers.extensions?.sqlStatements as number) + 1);
  });

  it('reports variables that do not coerce as the resolvers do', async () => {
    const query = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';
    const values = { ...input(), method: 'CARRIER_PIGEON' };
    const [viaResolvers, viaDirect] = [await orm.gql(query, { input: values }), await direct.gql(query, { input: values })];
    expect(viaDirect.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(viaDirect.errors).toEqual(viaResolvers.errors);
  });

  it('runs an operation with two mutations, or with an idempotency key, through the resolvers', async () => {
    const two = await direct.gql(
      `mutation($a: RecordCareVisitInput!, $b: RecordCareVisitInput!) {
         a: recordCareVisit(input: $a) { careVisit { recipientName } }
         b: recordCareVisit(input: $b) { careVisit { recipientName } }
       }`,
      { a: input({ recipientName: '甲' }), b: input({ recipientName: '乙' }) },
    );
    expect(two.extensions?.compiledMutation).toBeUndefined();
    expect(dataOf(two)).toEqual({ a: { careVisit: { recipientName: '甲' } }, b: { careVisit: { recipientName: '乙' } } });

    const query = 'mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }';
    const keyed = await direct.gql(query, { input: input() }, { 'idempotency-key': `compiled-${process.pid}` });
    const replayed = await direct.gql(query, { input: input() }, { 'idempotency-key': `compiled-${process.pid}` });
    expect(keyed.extensions?.compiledMutation).toBeUndefined();
    expect(dataOf(replayed).recordCareVisit.careVisit.id).toBe(dataOf(keyed).recordCareVisit.careVisit.id);
  });
});
