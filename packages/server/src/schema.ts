import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { REPO_ROOT } from './config';
import { DateTimeScalar, MoneyScalar } from './common/scalars';
import { validateArgument } from './common/validation';
import { moduleResolvers } from './modules';
import { NodeResolver } from './node.resolver';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'schema.graphql');

const resolvers: NonEmptyArray<Function> = [NodeResolver, ...moduleResolvers];

const ROOT_TYPE_DESCRIPTIONS = {
  Query: '查询入口：党组织、党员、督查、表彰、资金等全部数据',
  Mutation: '变更入口：各项业务操作',
  Subscription: '订阅入口：数据变更实时推送',
};

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [
      { type: BigInt, scalar: MoneyScalar },
      { type: Date, scalar: DateTimeScalar },
    ],
    validateFn: validateArgument,
    // type-graphql insists on a PubSub once subscriptions exist; ours stream from the change
    // feed through their own `subscribe` functions and never publish to it.
    pubSub: createPubSub(),
  });
  // type-graphql has no option for root type descriptions; analysts read them in the IDE's docs.
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) root.description = ROOT_TYPE_DESCRIPTIONS[root.name as keyof typeof ROOT_TYPE_DESCRIPTIONS];
  }
  return schema;
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
