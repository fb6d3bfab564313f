import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Node } from '../../common/base.entity';
import type { GraphQLContext } from '../../common/context';
import { loadReference } from '../../common/entity-queries';
import { PageArgs, type Connection } from '../../common/pagination';
import { Organization } from '../organization/organization.entity';
import { ChangeEvent, ChangeOperation } from './change-event.entity';
import { ChangeEventConnection, ChangeEventFilter, FieldChangeType } from './change-feed.inputs';
import { changeEventCursor, changeEventSource } from './change-feed.loaders';
import { subscribeToChanges, type ChangeSubscriptionArgs } from './change-subscriptions';
import { fieldsRead } from '../../common/field-dependencies';

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

fieldsRead(ChangeEvent, { organization: ['organizationId'], entity: ['operation', 'entityType', 'entityId'] });

const AFTER = { nullable: true, description: '续订游标（事件的 cursor）：先补发其后的全部已提交事件，再实时推送；省略则只推送订阅之后的新事件' };

@Resolver()
export class ChangeSubscriptionResolver {
  @Subscription(() => ChangeEvent, {
    description: '数据变更订阅（graphql-ws）：按提交顺序推送，断线后用最后一个 cursor 续订不丢不重；处理过慢时以 SUBSCRIBER_LAGGING 错误结束并给出续订游标',
    subscribe: ({ args, context }) => subscribeToChanges(context as GraphQLContext, args as ChangeSubscriptionArgs),
  })
  changes(
    @Root() event: ChangeEvent,
    @Arg('after', () => String, AFTER) _after: string | null,
    @Arg('entityTypes', () => [String], { nullable: true, description: '只订阅这些实体类型（如 Member、Organization）' }) _entityTypes: string[] | null,
    @Arg('organizationId', () => ID, { nullable: true, description: '只订阅该党组织范围内的变更' }) _organizationId: string | null,
    @Arg('includeDescendants', { defaultValue: true, description: '与 organizationId 搭配：是否包含全部下级（默认包含）' }) _includeDescendants: boolean,
  ): ChangeEvent {
    return event;
  }

  @Subscription(() => ChangeEvent, {
    description: '某个对象（如一名党员）的变更订阅',
    subscribe: ({ args, context }) => subscribeToChanges(context as GraphQLContext, args as ChangeSubscriptionArgs),
  })
  entityChanges(
    @Root() event: ChangeEvent,
    @Arg('entityId', () => ID, { description: '对象的全局 ID' }) _entityId: string,
    @Arg('after', () => String, AFTER) _after: string | null,
  ): ChangeEvent {
    return event;
  }

  @Subscription(() => ChangeEvent, {
    description: '某党组织整棵子树的变更订阅（供下级系统使用）',
    subscribe: ({ args, context }) => subscribeToChanges(context as GraphQLContext, args as ChangeSubscriptionArgs),
  })
  organizationChanges(
    @Root() event: ChangeEvent,
    @Arg('organizationId', () => ID, { description: '党组织 ID' }) _organizationId: string,
    @Arg('after', () => String, AFTER) _after: string | null,
    @Arg('entityTypes', () => [String], { nullable: true, description: '只订阅这些实体类型' }) _entityTypes: string[] | null,
  ): ChangeEvent {
    return event;
  }
}

export const changeFeedResolvers = [ChangeEventResolver, ChangeSubscriptionResolver];
