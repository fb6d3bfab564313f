import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../../common/context';
import { notFound } from '../../common/errors';
import { fromGlobalId, fromGlobalIdOf } from '../../common/global-id';
import { Organization } from '../organization/organization.entity';
import type { ChangeEvent } from './change-event.entity';
import { decodeSequenceCursor } from './change-feed.loaders';
import type { ChangeStreamFilter } from './change-stream-filter';

export interface ChangeSubscriptionArgs {
  after?: string | null;
  entityTypes?: string[] | null;
  organizationId?: string | null;
  includeDescendants?: boolean | null;
  entityId?: string | null;
}

/** The path of an organization the caller can see (an invisible one is not found). */
async function organizationPath(ctx: GraphQLContext, globalId: string): Promise<string> {
  const organization = await ctx.loaders.byId(Organization).load(fromGlobalIdOf('Organization', globalId, 'organizationId'));
  if (!organization) throw notFound('党组织', globalId);
  return organization.path;
}

async function streamFilter(ctx: GraphQLContext, args: ChangeSubscriptionArgs): Promise<ChangeStreamFilter> {
  const filter: ChangeStreamFilter = { entityTypes: args.entityTypes ?? undefined, viewerScopePath: ctx.viewer?.scopePath ?? null };
  if (args.organizationId) {
    filter.organizationPath = await organizationPath(ctx, args.organizationId);
    filter.includeDescendants = args.includeDescendants ?? true;
  }
  if (args.entityId) {
    const { typeName, id } = fromGlobalId(args.entityId, 'entityId');
    filter.entity = { type: typeName, id };
  }
  return filter;
}

/** Each event is resolved against fresh loaders, so `entity` shows the state after that change. */
async function* freshContextPerEvent(events: AsyncIterableIterator<ChangeEvent>, ctx: GraphQLContext) {
  for await (const event of events) {
    ctx.em.clear();
    ctx.loaders.clear();
    yield event;
  }
}

/** Replays stored events after `after`, then streams new ones as they commit. */
export async function subscribeToChanges(ctx: GraphQLContext, args: ChangeSubscriptionArgs): Promise<AsyncIterable<ChangeEvent>> {
  if (!ctx.changeFeed) throw new GraphQLError('订阅仅支持 WebSocket（graphql-ws 协议）', { extensions: { code: 'BAD_REQUEST' } });
  const after = args.after ? decodeSequenceCursor(args.after) : null;
  const stream = ctx.changeFeed.subscribe(after, await streamFilter(ctx, args));
  return freshContextPerEvent(stream, ctx);
}
