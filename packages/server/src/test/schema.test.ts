import fs from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema, printSortedSchema, SCHEMA_FILE } from '../schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

/** Every place in the schema a reader of the playground docs sees, with its description. */
function describedElements(type: GraphQLNamedType): Array<[string, string | null | undefined]> {
  const elements: Array<[string, string | null | undefined]> = [[type.name, type.description]];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      elements.push([`${type.name}.${field.name}`, field.description]);
      for (const arg of field.args) elements.push([`${type.name}.${field.name}(${arg.name})`, arg.description]);
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) elements.push([`${type.name}.${field.name}`, field.description]);
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) elements.push([`${type.name}.${value.name}`, value.description]);
  }
  return elements;
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

describe('the GraphQL schema', () => {
  it('matches the committed schema/schema.graphql (run `pnpm emit-schema` after changing the code)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSortedSchema(schema));
  });

  it('describes every type, field, argument and enum value in Chinese', () => {
    const undescribed = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && !(isScalarType(type) && BUILT_IN_SCALARS.has(type.name)))
      .filter((type) => isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) || isEnumType(type) || isUnionType(type) || isScalarType(type))
      .flatMap(describedElements)
      .filter(([, description]) => !description || !/[\u4e00-\u9fff]/.test(description))
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });
});
