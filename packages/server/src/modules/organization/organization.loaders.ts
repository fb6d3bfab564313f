import type { Knex } from '@mikro-orm/postgresql';
import { hydrate } from '../../common/hydration';
import type { GraphQLContext } from '../../common/context';
import { partitionedBase, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Organization } from './organization.entity';
import { GRASSROOTS_KINDS, TEMPORARY_KINDS } from './organization.enums';
import { OrganizationOrderField, type OrganizationFilter } from './organization.inputs';

const ORDER_COLUMNS: Record<OrganizationOrderField, string> = {
  CODE: 'code',
  NAME: 'name',
  ESTABLISHED_AT: 'established_at',
  DEPTH: 'depth',
};

function applyOrganizationFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: OrganizationFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.id', filter.within);
  if (filter.parentId) qb.where('t.parent_id', fromGlobalIdOf('Organization', filter.parentId, 'parentId'));
  whereAnyOf(qb, 't.kind', filter.kinds);
  whereAnyOf(qb, 't.unit_type', filter.unitTypes);
  if (filter.grassroots != null) qb[filter.grassroots ? 'whereIn' : 'whereNotIn']('t.kind', GRASSROOTS_KINDS);
  if (filter.temporary != null) qb[filter.temporary ? 'whereIn' : 'whereNotIn']('t.kind', TEMPORARY_KINDS);
  if (filter.dissolved != null) qb[filter.dissolved ? 'whereNotNull' : 'whereNull']('t.dissolved_at');
  if (filter.nameContains) {
    qb.where((inner) => {
      whereContains(inner, 't.name', filter.nameContains);
      inner.orWhere((alt) => whereContains(alt, 't.unit_name', filter.nameContains));
    });
  }
  whereInDateRange(qb, 't.established_at', filter.establishedAt);
}

/** Organizations for a partition; `subtree` partitions on `id` exclude the key organization itself. */
export function organizationSource(
  partition: Partition,
  filter?: OrganizationFilter | null,
  order?: OrderInput<OrganizationOrderField> | null,
): ConnectionSource<Organization> {
  return {
    entity: Organization,
    ...orderTerms(ORDER_COLUMNS, order, OrganizationOrderField.CODE),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'organization', partition, keys);
      if (partition.kind === 'subtree') qb.whereRaw('t.id <> p.id');
      applyOrganizationFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Each organization's ancestors, root first, in one statement for all requested organizations. */
export function ancestorsLoader(ctx: GraphQLContext) {
  return ctx.loaders.grouped<Organization>('organization.ancestors', async (ids) => {
    const knex = ctx.em.getKnex();
    // The ancestors are the rows `t` here, so the caller's subtree limits them like any read.
    const rows: Array<Record<string, unknown>> = await ctx.em.execute(
      partitionedBase(knex, 'organization', { kind: 'root' }, [])
        .clearSelect()
        .select('c.id as __key', 't.*')
        .join('organization as c', knex.raw("c.path like t.path || '%' and t.id <> c.id"))
        .whereIn('c.id', ids)
        .orderBy(['c.id', 't.depth']),
    );
    return rows.map((row) => [row.__key as number, hydrate(ctx.em, Organization, row)]);
  });
}
