import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from './common/context';
import { Node } from './common/base.entity';
import { badUserInput, notFound } from './common/errors';
import { fromGlobalId } from './common/global-id';
import { entities } from './entities';

const entitiesByTypeName = new Map<string, (typeof entities)[number]>(entities.map((entity) => [entity.name, entity]));

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: '按全局 ID 获取任意对象（Relay Node 规范）' })
  async node(@Arg('id', () => ID, { description: '全局 ID' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Node> {
    const { typeName, id: key } = fromGlobalId(id);
    const entity = entitiesByTypeName.get(typeName);
    if (!entity) throw badUserInput(`未知的对象类型：${typeName}`, 'id');
    const found = await ctx.loaders.byId<object>(entity).load(key);
    if (!found) throw notFound(typeName, id);
    return found as Node;
  }
}
