import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config';
import type { Viewer } from './auth/viewer';
import type { ChangeFeedHub } from '../modules/change-feed/change-feed.hub';
import { LoaderRegistry } from './loaders';
import type { OperationShape } from './operation-shape';

export interface GraphQLContext {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  readonly em: EntityManager;
  readonly loaders: LoaderRegistry;
  /**
   * The application's EntityManager, for what needs no identity map: building SQL (knex,
   * metadata) and statements that load no entities. Entities are always loaded through `em`.
   */
  readonly database: EntityManager;
  requestId: string;
  config: AppConfig;
  /** The `Idempotency-Key` request header, if any. */
  idempotencyKey?: string;
  /**
   * Called after a mutation committed, so change subscribers hear of it at once; with the
   * highest sequence it logged when the committer knows it.
   */
  onCommitted?: (sequence?: number) => void;
  /** This instance's change feed, for subscriptions. */
  changeFeed?: ChangeFeedHub;
  /** The graphql-ws connection_init payload (credentials) of a WebSocket operation. */
  connectionParams?: Record<string, unknown>;
  /** The authenticated caller; null for anonymous. */
  viewer?: Viewer | null;
  /** Set when the operation was answered by one compiled statement (common/compiled-read.ts). */
  compiledRead?: boolean;
  /** Set when a mutation was answered before execution (common/compiled-mutation.ts). */
  compiledMutation?: boolean;
  /**
   * The mutation's one-statement attempt, when it was made before execution (common/compiled-mutation.ts):
   * the resolver takes it over instead of sending the statement again.
   */
  directAttempt?: Promise<object | null>;
  /** What the operation selects, set when execution starts; the loaders plan their reads by it. */
  operationShape?: OperationShape;
}

type ContextExtras = Pick<GraphQLContext, 'idempotencyKey' | 'onCommitted' | 'changeFeed' | 'connectionParams' | 'viewer'>;

/**
 * The EntityManager fork and the loaders are created on first use: a query answered by one
 * compiled statement needs neither. The getters live on the prototype because Apollo runs each
 * operation with a shallow copy of the context, which would otherwise call them.
 */
// The optional values (idempotency key, viewer, …) are the interface's, set from `extras`.
interface RequestContext extends Omit<GraphQLContext, 'em' | 'loaders' | 'database' | 'requestId' | 'config'> {}

class RequestContext implements GraphQLContext {
  private forked?: EntityManager;
  private registry?: LoaderRegistry;
  private shape?: OperationShape;

  constructor(
    readonly database: EntityManager,
    readonly config: AppConfig,
    readonly requestId: string,
    extras: ContextExtras,
  ) {
    Object.assign(this, extras);
  }

  get em(): EntityManager {
    return (this.forked ??= this.database.fork());
  }

  get loaders(): LoaderRegistry {
    if (!this.registry) {
      this.registry = new LoaderRegistry(() => this.em, { defaultPageSize: this.config.defaultPageSize, maxPageSize: this.config.maxPageSize });
      if (this.shape) this.registry.operation = this.shape;
    }
    return this.registry;
  }

  get operationShape(): OperationShape | undefined {
    return this.shape;
  }

  // A mutation answered without loaders (common/direct-insert.ts) then never forks the EntityManager.
  set operationShape(shape: OperationShape | undefined) {
    this.shape = shape;
    if (this.registry && shape) this.registry.operation = shape;
  }
}

export function createContext(rootEm: EntityManager, config: AppConfig, requestId: string, extras: ContextExtras = {}): GraphQLContext {
  return new RequestContext(rootEm, config, requestId, extras);
}
