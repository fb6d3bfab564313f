import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
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
    projected = await startTestServer();
    whole = await startTestServer({ readProjection: false }, projected);
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

  const optionalArgs = (field: GraphQLField<unknown, unknown>) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
  const argsOf = (field: GraphQLField<unknown, unknown>) => (field.args.some((arg) => arg.name === 'first') ? '(first: 10)' : '');
  const isConnection = (type: GraphQLObjectType) => 'nodes' in type.getFields();
  const hasId = (type: GraphQLNamedType) => isObjectType(type) && 'id' in type.getFields();
  const keyOf = (type: GraphQLObjectType) => (hasId(type) ? 'id' : '__typename');

  /** A small selection of a composite type: its id and leaves (or a connection's node ids). */
  function shallow(type: GraphQLNamedType): string {
    if (!isObjectType(type)) return '{ __typename }';
    if (isConnection(type)) return `{ nodes ${shallow(getNamedType(type.getFields().nodes.type))} }`;
    const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && optionalArgs(f));
    return `{ __typename ${leaves.map((f) => f.name).join(' ')} }`;
  }

  /** The first path to each entity type (an object type with an id, or listed in a connection): a function wrapping a selection of it. */
  function entityPaths(): Map<string, (selection: string) => string> {
    const paths = new Map<string, (selection: string) => string>();
    const queue: Array<[GraphQLObjectType, (selection: string) => string]> = [];
    const visit = (type: GraphQLNamedType, wrap: (selection: string) => string, listed = false) => {
      if (!isObjectType(type)) return;
      if (isConnection(type)) return visit(getNamedType(type.getFields().nodes.type), (s) => wrap(`nodes { ${s} }`), true);
      if (!(hasId(type) || listed) || paths.has(type.name)) return;
      paths.set(type.name, wrap);
      queue.push([type, wrap]);
    };
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      if (optionalArgs(field)) visit(getNamedType(field.type), (s) => `${field.name}${argsOf(field)} { ${s} }`);
    }
    while (queue.length) {
      const [type, wrap] = queue.shift()!;
      for (const field of Object.values(type.getFields())) {
        if (optionalArgs(field) && isCompositeType(getNamedType(field.type))) {
          visit(getNamedType(field.type), (s) => wrap(`${keyOf(type)} ${field.name}${argsOf(field)} { ${s} }`));
        }
      }
    }
    return paths;
  }

  it('answers every field of every entity type exactly as reading whole rows does', async () => {
    const queries: string[] = [];
    for (const [typeName, wrap] of entityPaths()) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        if (!optionalArgs(field)) continue;
        const named = getNamedType(field.type);
        queries.push(`{ ${wrap(`${keyOf(type)} ${field.name}${argsOf(field)} ${isLeafType(named) ? '' : shallow(named)}`)} }`);
      }
    }
    expect(queries.length).toBeGreaterThan(250);
    const differences: string[] = [];
    for (const query of queries) {
      const [mine, reference] = await Promise.all([projected.gql(query), whole.gql(query)]);
      if (JSON.stringify([mine.data, mine.errors]) !== JSON.stringify([reference.data, reference.errors])) differences.push(query);
    }
    expect(differences).toEqual([]);
  });
});
