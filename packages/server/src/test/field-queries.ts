import {
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
function entityPaths(schema: GraphQLSchema): Map<string, (selection: string) => string> {
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

/**
 * One query per field of every entity type, asking for that field (and the ids on the way to it)
 * and next to nothing else, for tests that compare two ways of answering field by field.
 */
export function fieldByFieldQueries(schema: GraphQLSchema): string[] {
  const queries: string[] = [];
  for (const [typeName, wrap] of entityPaths(schema)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      if (!optionalArgs(field)) continue;
      const named = getNamedType(field.type);
      queries.push(`{ ${wrap(`${keyOf(type)} ${field.name}${argsOf(field)} ${isLeafType(named) ? '' : shallow(named)}`)} }`);
    }
  }
  return queries;
}
