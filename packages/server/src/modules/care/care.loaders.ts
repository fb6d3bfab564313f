import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { CareVisit } from './care-visit.entity';
import { CareVisitOrderField, type CareVisitFilter } from './care.inputs';

const ORDER_COLUMNS: Record<CareVisitOrderField, string> = {
  VISITED_AT: 'visited_at',
};

function applyCareVisitFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: CareVisitFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereAnyOf(qb, 't.method', filter.methods);
  whereAnyOf(qb, 't.recipient_category', filter.recipientCategories);
  whereContains(qb, 't.recipient_name', filter.recipientNameContains);
  whereInDateRange(qb, 't.visited_at', filter.visitedAt);
}

export function careVisitSource(
  partition: Partition,
  filter?: CareVisitFilter | null,
  order?: OrderInput<CareVisitOrderField> | null,
): ConnectionSource<CareVisit> {
  return {
    entity: CareVisit,
    ...orderTerms(ORDER_COLUMNS, order, CareVisitOrderField.VISITED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'care_visit', partition, keys);
      applyCareVisitFilter(knex, qb, filter);
      return qb;
    },
  };
}
