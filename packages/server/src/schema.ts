import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { REPO_ROOT } from './config';
import { MoneyScalar } from './common/scalars';
import { validateArgument } from './common/validation';
import { moduleResolvers } from './modules';
import { NodeResolver } from './node.resolver';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'schema.graphql');

const resolvers: NonEmptyArray<Function> = [NodeResolver, ...moduleResolvers];

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    scalarsMap: [{ type: BigInt, scalar: MoneyScalar }],
    validateFn: validateArgument,
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so it only changes when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function emitSchema(): Promise<string> {
  const sdl = printSortedSchema(await createSchema());
  fs.writeFileSync(SCHEMA_FILE, sdl);
  return SCHEMA_FILE;
}
