import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Node } from '../../common/base.entity';
import type { GraphQLContext } from '../../common/context';
import { loadReference } from '../../common/entity-queries';
import { PageArgs, type Connection } from '../../common/pagination';
import { Organization } from '../organization/organization.entity';
import { ChangeEvent, ChangeOperation } from './change-event.entity';
import { ChangeEventConnection, ChangeEventFilter, FieldChangeType } from './change-feed.inputs';
import { changeEventCursor, changeEventSource } from './change-feed.loaders';

@Resolver(() => ChangeEvent)
export class ChangeEventResolver {
  @Query(() => ChangeEventConnection, { description: '变更事件（审计日志），按提交顺序；可用事件的 cursor 续读' })
  changeEvents(
    @Args() page: PageArgs,
    @Arg('filter', () => ChangeEventFilter, { nullable: true, description: '筛选条件' }) filter: ChangeEventFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<ChangeEvent>> {
    return ctx.loaders.connection('changeEvents', page, filter, () => changeEventSource(filter)).load(0);
  }

  @FieldResolver(() => String, { description: '事件序号（单调递增、无间断）' })
  sequence(@Root() event: ChangeEvent): string {
    return event.sequence;
  }

  @FieldResolver(() => String, { description: '续读游标：传给 changeEvents(after:) 或订阅的 after 参数' })
  cursor(@Root() event: ChangeEvent): string {
    return changeEventCursor(event);
  }

  @FieldResolver(() => [FieldChangeType], { description: '变更的字段及前后值（敏感信息已脱敏）' })
  changes(@Root() event: ChangeEvent): FieldChangeType[] {
    return event.changes;
  }

  @FieldResolver(() => Organization, { nullable: true, description: '变更所属党组织' })
  organization(@Root() event: ChangeEvent, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, event.organizationId ? { id: event.organizationId } : null);
  }

  @FieldResolver(() => Node, { nullable: true, description: '变更后的对象当前状态（已删除则为空）' })
  async entity(@Root() event: ChangeEvent, @Ctx() ctx: GraphQLContext): Promise<Node | null> {
    if (event.operation === ChangeOperation.DELETE) return null;
    const entity = ctx.em.getMetadata().find(event.entityType)?.class;
    return entity ? ((await ctx.loaders.byId(entity as never).load(event.entityId)) as Node | null) : null;
  }
}

export const changeFeedResolvers = [ChangeEventResolver];
