import type { EntityClass, EntityManager, EntityMetadata } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { partitionedBase } from './filters';
import { hydrate } from './hydration';
import { UNKNOWN_OPERATION, type OperationShape } from './operation-shape';
import { loadConnections, type Connection, type ConnectionSource, type PageArgs, type PageLimits } from './pagination';
import { RowPlan } from './row-plan';

type Key = number | string;

/**
 * Per-request DataLoaders, created lazily on first use. Every relation and nested list goes
 * through here, so N parents cost one statement per level.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();
  private readonly plans = new Map<string, RowPlan>();
  /** What the current operation selects, once known: loaders skip what it does not ask for. */
  private shape: OperationShape = UNKNOWN_OPERATION;

  /** `entityManager` is called on the first read: a registry that only holds primed values never forks one. */
  constructor(
    private readonly entityManager: () => EntityManager,
    private readonly limits: PageLimits,
  ) {}

  private get em(): EntityManager {
    return this.entityManager();
  }

  set operation(shape: OperationShape) {
    this.shape = shape;
    this.plans.clear();
  }

  /** How the operation reads rows of `entity`: which columns, and which references with them. */
  rowPlan(entity: string): RowPlan {
    let plan = this.plans.get(entity);
    if (!plan) {
      plan = RowPlan.of(this.em, entity, this.shape, (target: EntityMetadata) => this.byId(target.class as EntityClass<object>));
      this.plans.set(entity, plan);
    }
    return plan;
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
      const plan = this.rowPlan(entity.name);
      const rows: Array<Record<string, unknown>> = await this.em.execute(
        plan.wrap(knex, partitionedBase(knex, table, { kind: 'column', column: 'id' }, ids)),
      );
      const byId = new Map(
        rows.map((row) => {
          plan.prime(row);
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
      return loadConnections(this.em, rows, keys, page, this.limits, this.shape.connectionNeeds, this.rowPlan(rows.entity.name));
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
