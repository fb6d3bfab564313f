import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { countSqlStatement } from './common/request-scope';
import { entities } from './entities';
import { ReplicaRoutingEntityManager, ReplicaRoutingPostgreSqlDriver } from './read-replicas';
import { ChangeFeedSubscriber } from './modules/change-feed/change-feed.subscriber';
import { migrationsList } from './migrations';

/** How long a request may wait for a free pooled connection. */
export const POOL_WAIT_TIMEOUT_MS = 60_000;

export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    // Routes reads of read-only requests to `replicas` when any are configured (see read-replicas.ts).
    driver: ReplicaRoutingPostgreSqlDriver,
    entityManager: ReplicaRoutingEntityManager as unknown as Options['entityManager'],
    entities,
    extensions: [Migrator],
    subscribers: [new ChangeFeedSubscriber()],
    forceUtcTimezone: true,
    // Relations are loaded explicitly through DataLoaders; never lazily behind the resolver's back.
    forceEntityConstructor: false,
    serialization: { forceObject: true },
    migrations: {
      migrationsList,
      path: 'src/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    pool: { min: 0, max: 10 },
    // Fail fast while PostgreSQL is unreachable instead of queueing requests for a minute.
    // Connecting fails fast when the database is unreachable; waiting for a pooled connection may take
    // longer, since a burst of writers to one account queues behind its row lock.
    driverOptions: { connection: { connectionTimeoutMillis: 5000 }, acquireConnectionTimeout: POOL_WAIT_TIMEOUT_MS },
    ...overrides,
  });
}

/** Counts every SQL statement sent on this ORM's connection pool (see request-scope). */
export function instrumentStatementCount(knex: { on(event: 'query', listener: () => void): unknown }): void {
  knex.on('query', countSqlStatement);
}
