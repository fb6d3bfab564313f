import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { partitionedBase, scopedTable, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Donation } from './donation.entity';
import { DonationOrderField, type DonationFilter, type MaterialTotal } from './donation.inputs';

/** Material donations have no amount: they sort as 0, so keyset cursors never compare against null. */
const AMOUNT_ORDER_COLUMN = 'amount_or_zero';

const ORDER_COLUMNS: Record<DonationOrderField, string> = {
  DONATED_AT: 'donated_at',
  AMOUNT: AMOUNT_ORDER_COLUMN,
};

export function applyDonationFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: DonationFilter | null): void {
  if (!filter) return;
  if (filter.mobilizedById) qb.where('t.mobilized_by_id', fromGlobalIdOf('Organization', filter.mobilizedById, 'mobilizedById'));
  whereInOrganization(knex, qb, 't.recipient_id', filter.recipient);
  whereAnyOf(qb, 't.kind', filter.kinds);
  whereAnyOf(qb, 't.donor_type', filter.donorTypes);
  whereContains(qb, 't.donor_name', filter.donorNameContains);
  whereInDateRange(qb, 't.donated_at', filter.donatedAt);
}

export function donationSource(
  partition: Partition,
  filter?: DonationFilter | null,
  order?: OrderInput<DonationOrderField> | null,
): ConnectionSource<Donation> {
  return {
    entity: Donation,
    ...orderTerms(ORDER_COLUMNS, order, DonationOrderField.DONATED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'donation', partition, keys).select(
        knex.raw('coalesce(t.amount, 0) as ??', [AMOUNT_ORDER_COLUMN]),
      );
      applyDonationFilter(knex, qb, filter);
      return qb;
    },
  };
}

export interface CashTotals {
  cashTotal: bigint;
  cashDonationCount: number;
  donationCount: number;
}

/**
 * Cash total (exact bigint fen) and counts of the filtered donations, in one statement; the loader
 * lets the fields of one `donationTotals` share it. Its only key is 0.
 */
export function cashTotalsLoader(ctx: GraphQLContext, filter: DonationFilter | null) {
  return ctx.loaders.get<CashTotals>(`donation.cashTotals:${JSON.stringify(filter)}`, async (keys) => {
    const knex = ctx.em.getKnex();
    const qb = scopedTable(knex, 'donation').select(
      knex.raw("coalesce(sum(t.amount) filter (where t.kind = 'CASH'), 0)::bigint as cash_total"),
      knex.raw("count(*) filter (where t.kind = 'CASH')::int as cash_count"),
      knex.raw('count(*)::int as donation_count'),
    );
    applyDonationFilter(knex, qb, filter);
    const [row]: Array<{ cash_total: string; cash_count: number; donation_count: number }> = await ctx.em.execute(qb);
    const totals = { cashTotal: BigInt(row.cash_total), cashDonationCount: row.cash_count, donationCount: row.donation_count };
    return keys.map(() => totals);
  });
}

/** Material quantities of the filtered donations per item name and unit, in one statement. */
export async function materialTotals(ctx: GraphQLContext, filter: DonationFilter | null): Promise<MaterialTotal[]> {
  const knex = ctx.em.getKnex();
  const qb = knex('donation_item as i')
    .join(scopedTable(knex, 'donation').select('t.*').as('t'), 't.id', 'i.donation_id')
    .select('i.name', 'i.unit')
    .select(knex.raw('sum(i.quantity)::bigint as quantity'), knex.raw('count(distinct t.id)::int as donation_count'))
    .groupBy('i.name', 'i.unit')
    .orderBy([{ column: 'quantity', order: 'desc' }, 'i.name', 'i.unit']);
  applyDonationFilter(knex, qb, filter);
  const rows: Array<{ name: string; unit: string; quantity: string; donation_count: number }> = await ctx.em.execute(qb);
  return rows.map((row) => ({ name: row.name, unit: row.unit, quantity: Number(row.quantity), donationCount: row.donation_count }));
}
