import { ReferenceKind, type EntityManager, type EntityMetadata, type Knex } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { fieldDependencies } from './field-dependencies';
import { scopedTable } from './filters';
import { hydrate } from './hydration';
import type { OperationShape } from './operation-shape';

/** SQL added to a select list, with its bindings. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

type ByIdLoader = DataLoader<number | string, object | null>;

/**
 * What the rows of one entity are read with in the current operation.
 *
 * - Columns: a query reads only the columns its document names (plus keys, foreign keys and
 *   declared dependencies): parsing and allocating twenty-odd columns per row was most of a list
 *   query's cost. Mutations and subscriptions read whole rows, since services may use any column.
 * - References: resolving `member { organization { name } }` through the by-id loader costs one
 *   more statement per level, and on this kind of machine a statement's round trip costs more than
 *   its rows. When the document names a many-to-one reference, the row query also selects the
 *   referenced row as JSON, through the caller's scope exactly like the by-id loader, and primes
 *   that loader with it; a reference outside the scope is primed as not found.
 *
 * Names are matched anywhere in the document, which at worst reads a column or a reference that
 * nobody shows.
 */
export class RowPlan {
  private constructor(
    private readonly em: EntityManager,
    /** Entity columns to select; null selects all. */
    private readonly projection: string[] | null,
    private readonly prefetched: Array<{ name: string; column: string; target: EntityMetadata }>,
    private readonly loaderOf: (target: EntityMetadata) => ByIdLoader,
  ) {}

  static of(em: EntityManager, entity: string, shape: OperationShape, loaderOf: (target: EntityMetadata) => ByIdLoader): RowPlan {
    const { fieldNames } = shape;
    if (!fieldNames) return new RowPlan(em, null, [], loaderOf);
    const metadata = em.getMetadata();
    const meta = metadata.find(entity)!;
    const prefetched = meta.relations
      .filter((prop) => prop.kind === ReferenceKind.MANY_TO_ONE && fieldNames.has(prop.name))
      .map((prop) => ({ name: prop.name, column: prop.fieldNames[0], target: metadata.find(prop.type)! }));
    return new RowPlan(em, shape.projectsColumns ? projectedColumns(meta, fieldNames) : null, prefetched, loaderOf);
  }

  /** The select list for the rows aliased `alias`, keeping `extra` columns of the row query (keys, ordering). */
  columns(alias: string, extra: string[] = []): string {
    if (!this.projection) return `${alias}.*`;
    return [...new Set([...this.projection, ...extra])].map((column) => `${alias}."${column}"`).join(', ');
  }

  /** `, (select to_jsonb(r) …) as "__ref_<name>"` for each prefetched reference of the rows aliased `alias`. */
  references(alias: string): SqlFragment {
    const knex = this.em.getKnex();
    const parts = this.prefetched.map(({ column, target }) =>
      scopedTable(knex, target.tableName, 'r')
        .select(knex.raw('to_jsonb(r)'))
        .whereRaw('?? = ??', ['r.id', `${alias}.${column}`])
        .toSQL(),
    );
    return {
      sql: parts.map((part, i) => `, (${part.sql}) as "__ref_${this.prefetched[i].name}"`).join(''),
      bindings: parts.flatMap((part) => [...part.bindings]),
    };
  }

  /** Primes the by-id loaders with a row's prefetched references. */
  prime(row: Record<string, unknown>): void {
    for (const { name, column, target } of this.prefetched) {
      const id = row[column] as number | null;
      if (id === null || id === undefined) continue;
      const json = row[`__ref_${name}`] as Record<string, unknown> | null;
      this.loaderOf(target).prime(id, json ? hydrate(this.em, target.className, json) : null);
    }
  }

  /** Wraps a row query (with a `__key` column) to apply the plan, keeping the order of `orderBy` (columns of the rows). */
  wrap(knex: Knex, query: Knex.QueryBuilder, orderBy: string[] = []): Knex.QueryBuilder | Knex.Raw {
    if (!this.projection && !this.prefetched.length) return query;
    const inner = query.toSQL();
    const references = this.references('b');
    const order = orderBy.length ? ` order by ${orderBy.map((column) => `b."${column}"`).join(', ')}` : '';
    return knex.raw(`select ${this.columns('b', ['__key', ...orderBy])}${references.sql} from (${inner.sql}) b${order}`, [
      ...references.bindings,
      ...inner.bindings,
    ] as Knex.RawBinding[]);
  }
}

const projections = new WeakMap<ReadonlySet<string>, Map<EntityMetadata, string[]>>();

/** Primary key, foreign keys, the columns of properties the document names and those their computed fields read. */
function projectedColumns(meta: EntityMetadata, fieldNames: ReadonlySet<string>): string[] {
  let byEntity = projections.get(fieldNames);
  if (!byEntity) projections.set(fieldNames, (byEntity = new Map()));
  let columns = byEntity.get(meta);
  if (!columns) {
    const wanted = new Set(meta.props.filter((prop) => fieldNames.has(prop.name)).map((prop) => prop.name));
    for (const [field, properties] of fieldDependencies(meta.className)) {
      if (fieldNames.has(field)) properties.forEach((property) => wanted.add(property));
    }
    columns = meta.props
      .filter((prop) => prop.persist !== false && (prop.primary || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.SCALAR && wanted.has(prop.name))))
      .map((prop) => prop.fieldNames[0]);
    byEntity.set(meta, columns);
  }
  return columns;
}
