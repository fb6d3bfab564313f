import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { partitionedBase, scopedTable, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type OrganizationScope, type Partition } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Commendation, CommendationBatch, CommendationCategory } from './commendation.entity';
import {
  CommendationBatchOrderField,
  CommendationOrderField,
  RecipientKind,
  type CommendationBatchFilter,
  type CommendationFilter,
} from './commendation.inputs';
import type { CommendationCategoryCount } from './commendation.types';

const BATCH_ORDER_COLUMNS: Record<CommendationBatchOrderField, string> = {
  ISSUED: 'issued_at',
  ID: 'id',
};

/** `batch_issued_at` is joined in from the commendation's batch (see commendationSource). */
const COMMENDATION_ORDER_COLUMNS: Record<CommendationOrderField, string> = {
  ISSUED: 'batch_issued_at',
  ID: 'id',
};

const RECIPIENT_COLUMNS: Record<RecipientKind, string> = {
  MEMBER: 't.recipient_member_id',
  ORGANIZATION: 't.recipient_organization_id',
};

/** A batch's commendations: the key is the batch. */
export const BATCH_COMMENDATIONS: Partition = { kind: 'column', column: 'batch_id' };

/** Commendations a member received: the key is the member. */
export const MEMBER_COMMENDATIONS: Partition = { kind: 'column', column: 'recipient_member_id' };

/** Category order of the enum declaration (一线党员 … 先进单位). */
const CATEGORY_ORDER = Object.values(CommendationCategory);

function applyBatchFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: CommendationBatchFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.issuer_id', filter.issuer);
  whereInDateRange(qb, 't.issued_at', filter.issuedAt);
  whereContains(qb, 't.title', filter.titleContains);
}

export function commendationBatchSource(
  partition: Partition,
  filter?: CommendationBatchFilter | null,
  order?: OrderInput<CommendationBatchOrderField> | null,
): ConnectionSource<CommendationBatch> {
  return {
    entity: CommendationBatch,
    ...orderTerms(BATCH_ORDER_COLUMNS, order, CommendationBatchOrderField.ISSUED),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'commendation_batch', partition, keys);
      applyBatchFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Member recipients whose home organization is in scope, or organization recipients in scope. */
function whereRecipientInOrganization(knex: Knex, qb: Knex.QueryBuilder, scope: OrganizationScope): void {
  const members = knex('member as m').select('m.id');
  whereInOrganization(knex, members, 'm.organization_id', scope);
  qb.where((either) => {
    whereInOrganization(knex, either, 't.recipient_organization_id', scope);
    either.orWhereIn('t.recipient_member_id', members);
  });
}

function applyCommendationFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: CommendationFilter | null): void {
  if (!filter) return;
  if (filter.batchId) qb.where('t.batch_id', fromGlobalIdOf('CommendationBatch', filter.batchId, 'batchId'));
  whereAnyOf(qb, 't.category', filter.categories);
  if (filter.recipientKind) qb.whereNotNull(RECIPIENT_COLUMNS[filter.recipientKind]);
  if (filter.organization) whereRecipientInOrganization(knex, qb, filter.organization);
  if (filter.hasAward != null) qb[filter.hasAward ? 'whereNotNull' : 'whereNull']('t.award_amount');
}

export function commendationSource(
  partition: Partition,
  filter?: CommendationFilter | null,
  order?: OrderInput<CommendationOrderField> | null,
): ConnectionSource<Commendation> {
  return {
    entity: Commendation,
    ...orderTerms(COMMENDATION_ORDER_COLUMNS, order, CommendationOrderField.ISSUED),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'commendation', partition, keys)
        .join('commendation_batch as cb', 'cb.id', 't.batch_id')
        .select('cb.issued_at as batch_issued_at');
      applyCommendationFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Each batch's commendation count per category, in category order, one statement for all batches. */
export function categoryCountsLoader(ctx: GraphQLContext) {
  return ctx.loaders.grouped<CommendationCategoryCount>('commendationBatch.countsByCategory', async (batchIds) => {
    const knex = ctx.em.getKnex();
    const rows: Array<{ batch_id: number; category: CommendationCategory; count: string }> = await ctx.em.execute(
      scopedTable(knex, 'commendation')
        .select('batch_id', 'category')
        .count('* as count')
        .whereIn('batch_id', batchIds)
        .groupBy('batch_id', 'category')
        .orderByRaw('batch_id, array_position(array[?]::text[], category)', [CATEGORY_ORDER]),
    );
    return rows.map((row) => [row.batch_id, { category: row.category, count: Number(row.count) }]);
  });
}
