import type { ConnectionType, Dictionary, Transaction } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import { requestScope } from './common/request-scope';

/*
 * Where a piece of work may read from. Every HTTP request starts on the primary (authentication
 * and context creation included); only once it is known to be a query may its resolvers read
 * from a replica. A mutation stays on the primary, so it and every read after its write, in the
 * same request, see the primary. Anything outside such a request (subscriptions and their
 * events, the change-feed tail, migrations, health checks, background work) reads from the primary.
 * The flag lives in the request's scope (common/request-scope.ts): one AsyncLocalStorage per request.
 */

/** The request is a query: its reads may go to a replica from now on. */
export function allowReplicaReads(): void {
  const store = requestScope.getStore();
  if (store) store.replicaReads = true;
}

/** From now on this request reads from the primary (a mutation was resolved). */
export function readFromPrimary(): void {
  const store = requestScope.getStore();
  if (store) store.replicaReads = false;
}

function replicaAllowed(): boolean {
  return requestScope.getStore()?.replicaReads === true;
}

/**
 * MikroORM sends reads through `getConnection('read')` (entity finds) and raw statements through
 * `execute` (always the primary). With `replicas` configured, this driver sends both kinds of
 * read to a replica only inside a read-only request and outside a transaction; everything else,
 * writes included, goes to the primary.
 */
export class ReplicaRoutingPostgreSqlDriver extends PostgreSqlDriver {
  override getConnection(type: ConnectionType = 'write'): PostgreSqlConnection {
    return super.getConnection(type === 'read' && replicaAllowed() ? 'read' : 'write');
  }

  override async execute<T extends Dictionary | Dictionary[] = Dictionary>(
    queryOrKnex: Parameters<PostgreSqlDriver['execute']>[0],
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: Parameters<PostgreSqlDriver['execute']>[4],
  ): Promise<T> {
    if (!ctx && this.replicas.length && replicaAllowed()) {
      return this.rethrow(this.getConnection('read').execute<T>(queryOrKnex, params, method, undefined, loggerContext));
    }
    return super.execute<T>(queryOrKnex, params, method, ctx, loggerContext);
  }

  get hasReplicas(): boolean {
    return this.replicas.length > 0;
  }

  /** Every connection pool of this driver (the primary first), for metrics. */
  allConnections(): Array<{ name: string; connection: PostgreSqlConnection }> {
    return [
      { name: 'primary', connection: this.connection },
      ...this.replicas.map((connection, i) => ({ name: `replica-${i + 1}`, connection })),
    ];
  }
}

/**
 * Hand-built SQL goes through `em.getConnection()` / `em.getKnex()`. Inside a read-only query and
 * outside a transaction they hand out a connection whose statements run on a replica, while
 * transactions begun from it still start on the primary.
 */
export class ReplicaRoutingEntityManager extends EntityManager {
  override getConnection(type?: ConnectionType): ReturnType<EntityManager['getConnection']> {
    const driver = this.getDriver() as unknown as ReplicaRoutingPostgreSqlDriver;
    if (type !== undefined || !replicaAllowed() || this.isInTransaction() || !driver.hasReplicas) return super.getConnection(type);
    const primary = super.getConnection('write');
    const replica = driver.getConnection('read') as unknown as typeof primary;
    return new Proxy(primary, {
      get(target, property, receiver) {
        if (property === 'getKnex') return () => replica.getKnex();
        if (property === 'execute') {
          return (query: never, params?: unknown[], method?: 'all' | 'get' | 'run', ctx?: Transaction, loggerContext?: never) =>
            ctx ? primary.execute(query, params, method, ctx, loggerContext) : replica.execute(query, params, method, undefined, loggerContext);
        }
        return Reflect.get(target, property, receiver);
      },
    });
  }
}
