import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { fieldByFieldQueries } from '../test/field-queries';
import { startTestServer, type TestServer } from '../test/harness';

/**
 * Queries read only the columns their document names (common/row-plan.ts), so a field resolver
 * reading a column under another name (Member `age` reads `birthDate`) must declare it. This asks
 * for every field of every entity type on its own, next to nothing else, and compares the answer
 * with a service that reads whole rows.
 */
describe('read projection', () => {
  let projected: TestServer;
  let whole: TestServer;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    // Both run resolvers: compiled reads (common/compiled-read.ts) would answer most of these without the loaders under test.
    projected = await startTestServer({ compiledReads: false });
    whole = await startTestServer({ readProjection: false, compiledReads: false }, projected);
    schema = buildClientSchema((await projected.gql(getIntrospectionQuery())).data as never);
    // Some types (change events, moves) have no rows in the seed: a few writes give them some.
    const [village] = (await projected.gql('{ organizations(first: 1, filter: { kinds: [BRANCH] }) { nodes { id } } }')).data!.organizations.nodes;
    for (const unitName of ['投影测试一', '投影测试二']) {
      const result = await projected.gql('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }', {
        input: { id: village.id, unitName },
      });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await whole?.close();
    await projected?.close();
  });

  it('answers every field of every entity type exactly as reading whole rows does', async () => {
    const queries = fieldByFieldQueries(schema);
    expect(queries.length).toBeGreaterThan(250);
    const differences: string[] = [];
    for (const query of queries) {
      const [mine, reference] = await Promise.all([projected.gql(query), whole.gql(query)]);
      if (JSON.stringify([mine.data, mine.errors]) !== JSON.stringify([reference.data, reference.errors])) differences.push(query);
    }
    expect(differences).toEqual([]);
  });
});
