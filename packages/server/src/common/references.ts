import { ReferenceKind, type EntityManager, type EntityMetadata, type Knex } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { scopedTable } from './filters';
import { hydrate } from './hydration';

/** SQL added to a select list, with its bindings. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/**
 * Many-to-one references loaded together with the rows that hold them.
 *
 * Resolving `member { organization { name } }` through the by-id loader costs one more statement
 * per level, and on this kind of machine each statement's round trip costs more than the rows. So
 * when the operation names a reference field (anywhere: the check is by name, which at worst reads
 * a reference nobody shows), the row query also selects the referenced row as JSON, through the
 * caller's scope exactly like the by-id loader, and the by-id loader is primed with it.
 */
export class ReferencePrefetch {
  private constructor(
    private readonly em: EntityManager,
    private readonly references: Array<{ name: string; column: string; target: EntityMetadata }>,
    private readonly loaderOf: (target: EntityMetadata) => DataLoader<number | string, object | null>,
  ) {}

  static none(em: EntityManager): ReferencePrefetch {
    return new ReferencePrefetch(em, [], () => {
      throw new Error('no references are prefetched');
    });
  }

  /** The references of `entity` whose names are among `fieldNames`. */
  static of(
    em: EntityManager,
    entity: string,
    fieldNames: ReadonlySet<string> | null,
    loaderOf: (target: EntityMetadata) => DataLoader<number | string, object | null>,
  ): ReferencePrefetch {
    if (!fieldNames) return ReferencePrefetch.none(em);
    const metadata = em.getMetadata();
    const references = metadata
      .find(entity)!
      .relations.filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE && fieldNames.has(prop.name))
      .map((prop) => ({ name: prop.name, column: prop.fieldNames[0], target: metadata.find(prop.type)! }));
    return new ReferencePrefetch(em, references, loaderOf);
  }

  get empty(): boolean {
    return this.references.length === 0;
  }

  /** `, (select to_jsonb(r) …) as "__ref_<name>"` for each reference of the rows aliased `alias`. */
  columns(alias: string): SqlFragment {
    const knex = this.em.getKnex();
    const parts = this.references.map(({ column, target }) =>
      scopedTable(knex, target.tableName, 'r')
        .select(knex.raw('to_jsonb(r)'))
        .whereRaw('?? = ??', ['r.id', `${alias}.${column}`])
        .toSQL(),
    );
    return {
      sql: parts.map((part, i) => `, (${part.sql}) as "__ref_${this.references[i].name}"`).join(''),
      bindings: parts.flatMap((part) => [...part.bindings]),
    };
  }

  /** Primes the by-id loaders with a row's references; a reference outside the caller's scope is primed as not found. */
  prime(row: Record<string, unknown>): void {
    for (const { name, column, target } of this.references) {
      const id = row[column] as number | null;
      if (id === null || id === undefined) continue;
      const json = row[`__ref_${name}`] as Record<string, unknown> | null;
      this.loaderOf(target).prime(id, json ? hydrate(this.em, target.className, json) : null);
    }
  }

  /** Wraps a row query so it also selects the references, keeping the order of `orderBy` (columns of the rows). */
  wrap(knex: Knex, query: Knex.QueryBuilder, orderBy: string[] = []): Knex.QueryBuilder | Knex.Raw {
    if (this.empty) return query;
    const inner = query.toSQL();
    const references = this.columns('b');
    const order = orderBy.length ? ` order by ${orderBy.map((column) => `b."${column}"`).join(', ')}` : '';
    return knex.raw(`select b.*${references.sql} from (${inner.sql}) b${order}`, [...references.bindings, ...inner.bindings] as Knex.RawBinding[]);
  }
}
