import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config';
import type { Viewer } from './auth/viewer';
import type { ChangeFeedHub } from '../modules/change-feed/change-feed.hub';
import { LoaderRegistry } from './loaders';

export interface GraphQLContext {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  readonly em: EntityManager;
  loaders: LoaderRegistry;
  /**
   * The application's EntityManager, for what needs no identity map: building SQL (knex,
   * metadata) and statements that load no entities. Entities are always loaded through `em`.
   */
  readonly database: EntityManager;
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
  let em: EntityManager | undefined;
  let loaders: LoaderRegistry | undefined;
  // Created on first use: a query answered by one compiled statement needs neither.
  return {
    get em() {
      return (em ??= rootEm.fork());
    },
    get loaders() {
      return (loaders ??= new LoaderRegistry(this.em, { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize }));
    },
    database: rootEm,
    requestId,
    config,
    ...extras,
  };
}
