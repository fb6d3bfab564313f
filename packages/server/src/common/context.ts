import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config';
import type { Viewer } from './auth/viewer';
import type { ChangeFeedHub } from '../modules/change-feed/change-feed.hub';
import { LoaderRegistry } from './loaders';

export interface GraphQLContext {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  em: EntityManager;
  loaders: LoaderRegistry;
  requestId: string;
  config: AppConfig;
  /** The `Idempotency-Key` request header, if any. */
  idempotencyKey?: string;
  /** Called after a mutation committed, so change subscribers hear of it at once. */
  onCommitted?: () => void;
  /** This instance's change feed, for subscriptions. */
  changeFeed?: ChangeFeedHub;
  /** The graphql-ws connection_init payload (credentials) of a WebSocket operation. */
  connectionParams?: Record<string, unknown>;
  /** The authenticated caller; null for anonymous. */
  viewer?: Viewer | null;
  /** Set when the operation was answered by one compiled statement (common/compiled-read.ts). */
  compiledRead?: boolean;
}

export function createContext(
  rootEm: EntityManager,
  config: AppConfig,
  requestId: string,
  extras: Pick<GraphQLContext, 'idempotencyKey' | 'onCommitted' | 'changeFeed' | 'connectionParams' | 'viewer'> = {},
): GraphQLContext {
  const em = rootEm.fork();
  return {
    em,
    loaders: new LoaderRegistry(em, { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize }),
    requestId,
    config,
    ...extras,
  };
}
