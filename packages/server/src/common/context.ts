import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config';
import { LoaderRegistry } from './loaders';

export interface GraphQLContext {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  em: EntityManager;
  loaders: LoaderRegistry;
  requestId: string;
  config: AppConfig;
  /** The `Idempotency-Key` request header, if any. */
  idempotencyKey?: string;
}

export function createContext(
  rootEm: EntityManager,
  config: AppConfig,
  requestId: string,
  idempotencyKey?: string,
): GraphQLContext {
  const em = rootEm.fork();
  return {
    em,
    loaders: new LoaderRegistry(em, { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize }),
    requestId,
    config,
    idempotencyKey,
  };
}
