import type { EntityClass, EntityManager, EntityMetadata } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { partitionedBase } from './filters';
import { hydrate } from './hydration';
import { UNKNOWN_OPERATION, type OperationShape } from './operation-shape';
import { loadConnections, type Connection, type ConnectionSource, type PageArgs, type PageLimits } from './pagination';
import { ReferencePrefetch } from './references';

type Key = number | string;

/**
 * Per-request DataLoaders, created lazily on first use. Every relation and nested list goes
 * through here, so N parents cost one statement per level.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();
  private readonly prefetches = new Map<string, ReferencePrefetch>();
  /** What the current operation selects, once known: loaders skip what it does not ask for. */
  private shape: OperationShape = UNKNOWN_OPERATION;

  constructor(
    private readonly em: EntityManager,
    private readonly limits: PageLimits,
  ) {}

  set operation(shape: OperationShape) {
    this.shape = shape;
    this.prefetches.clear();
  }

  /** The references of `entity` the operation names, to be loaded with its rows. */
  references(entity: string): ReferencePrefetch {
    let prefetch = this.prefetches.get(entity);
    if (!prefetch) {
      prefetch = ReferencePrefetch.of(this.em, entity, this.shape.fieldNames, (target: EntityMetadata) =>
        this.byId(target.class as EntityClass<object>),
      );
      this.prefetches.set(entity, prefetch);
    }
    return prefetch;
  }

  /** Forgets everything loaded so far, e.g. after a mutation committed. */
  clear(): void {
    this.loaders.clear();
  }

  /** A loader identified by `name`; `batch` receives every key requested in the same tick. */
  get<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, unknown>(batch);
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<Key, V>;
  }

  /** Entities by primary key, within the caller's subtree: an id outside it loads as null (not found). */
  byId<T extends object>(entity: EntityClass<T>): DataLoader<Key, T | null> {
    return this.get(`byId:${entity.name}`, async (ids) => {
      const table = this.em.getMetadata().find(entity.name)!.tableName;
      const knex = this.em.getKnex();
      const references = this.references(entity.name);
      const rows: Array<Record<string, unknown>> = await this.em.execute(
        references.wrap(knex, partitionedBase(knex, table, { kind: 'column', column: 'id' }, ids)),
      );
      const byId = new Map(
        rows.map((row) => {
          references.prime(row);
          return [String(row.__key), hydrate(this.em, entity, row)];
        }),
      );
      return ids.map((id) => byId.get(String(id)) ?? null);
    });
  }

  /** Rows grouped by a parent key, e.g. a member's positions. `query` must return `[key, row]` pairs. */
  grouped<V>(name: string, query: (keys: readonly Key[]) => Promise<Array<[Key, V]>>): DataLoader<Key, V[]> {
    return this.get(name, async (keys) => {
      const groups = new Map<string, V[]>();
      for (const [key, value] of await query(keys)) {
        const list = groups.get(String(key)) ?? [];
        list.push(value);
        groups.set(String(key), list);
      }
      return keys.map((key) => groups.get(String(key)) ?? []);
    });
  }

  /**
   * One page of a connection per parent key. `variant` holds the other arguments (filter, order):
   * each distinct page + variant gets its own loader, so parents asking the same thing share one statement.
   */
  connection<T extends object>(
    name: string,
    page: PageArgs,
    variant: unknown,
    source: () => ConnectionSource<T>,
  ): DataLoader<Key, Connection<T>> {
    return this.get(`connection:${name}:${JSON.stringify([page, variant])}`, (keys) => {
      const rows = source();
      return loadConnections(this.em, rows, keys, page, this.limits, this.shape.connectionNeeds, this.references(rows.entity.name));
    });
  }

  /** Scalar per parent key (counts, sums); `query` returns `[key, value]` pairs, missing keys get `fallback`. */
  scalar<V>(name: string, fallback: V, query: (keys: readonly Key[]) => Promise<Array<[Key, V]>>): DataLoader<Key, V> {
    return this.get(name, async (keys) => {
      const values = new Map((await query(keys)).map(([key, value]) => [String(key), value]));
      return keys.map((key) => values.get(String(key)) ?? fallback);
    });
  }
}
