import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { partitionedBase, scopedTable, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { FundAccount, FundTransaction, TransactionKind } from './fund.entity';
import {
  FundAccountOrderField,
  FundTransactionOrderField,
  type FundAccountFilter,
  type FundKindTotals,
  type FundSummary,
  type FundTotals,
  type FundTransactionFilter,
} from './fund.inputs';

const ACCOUNT_ORDER_COLUMNS: Record<FundAccountOrderField, string> = {
  NAME: 'name',
  OPENED_AT: 'opened_at',
};

const TRANSACTION_ORDER_COLUMNS: Record<FundTransactionOrderField, string> = {
  OCCURRED_AT: 'occurred_at',
  AMOUNT: 'amount',
};

function applyAccountFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: FundAccountFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereAnyOf(qb, 't.kind', filter.kinds);
  whereContains(qb, 't.name', filter.nameContains);
}

export function fundAccountSource(
  partition: Partition,
  filter?: FundAccountFilter | null,
  order?: OrderInput<FundAccountOrderField> | null,
): ConnectionSource<FundAccount> {
  return {
    entity: FundAccount,
    ...orderTerms(ACCOUNT_ORDER_COLUMNS, order, FundAccountOrderField.NAME),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'fund_account', partition, keys);
      applyAccountFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Restricts transactions (alias `t`) to the filter; the organization scope applies to the account's owner. */
export function applyTransactionFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: FundTransactionFilter | null): void {
  if (!filter) return;
  whereAnyOf(qb, 't.account_id', filter.accountIds?.map((id) => fromGlobalIdOf('FundAccount', id, 'accountIds')));
  if (filter.organization) {
    const accounts = knex('fund_account as a').select('a.id');
    whereInOrganization(knex, accounts, 'a.organization_id', filter.organization);
    qb.whereIn('t.account_id', accounts);
  }
  whereAnyOf(qb, 't.direction', filter.directions);
  whereAnyOf(qb, 't.kind', filter.kinds);
  whereInDateRange(qb, 't.occurred_at', filter.occurredAt);
  whereInOrganization(knex, qb, 't.target_organization_id', filter.targetOrganization);
  if (filter.textContains?.trim()) {
    qb.where((inner) => {
      whereContains(inner, 't.counterparty', filter.textContains);
      inner.orWhere((alt) => whereContains(alt, 't.purpose', filter.textContains));
      inner.orWhere((alt) => whereContains(alt, 't.document_number', filter.textContains));
    });
  }
}

export function fundTransactionSource(
  partition: Partition,
  filter?: FundTransactionFilter | null,
  order?: OrderInput<FundTransactionOrderField> | null,
): ConnectionSource<FundTransaction> {
  return {
    entity: FundTransaction,
    ...orderTerms(TRANSACTION_ORDER_COLUMNS, order, FundTransactionOrderField.OCCURRED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'fund_transaction', partition, keys);
      applyTransactionFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Aggregate columns over transactions aliased `t`: sums in exact bigint fen (never floats), and a count. */
function totalsColumns(knex: Knex): Knex.Raw[] {
  return [
    knex.raw("coalesce(sum(t.amount) filter (where t.direction = 'IN'), 0)::bigint as total_in"),
    knex.raw("coalesce(sum(t.amount) filter (where t.direction = 'OUT'), 0)::bigint as total_out"),
    knex.raw('count(*)::int as transaction_count'),
  ];
}

interface TotalsRow {
  total_in: string;
  total_out: string;
  transaction_count: number;
}

function toTotals(row: TotalsRow): FundTotals {
  const totalIn = BigInt(row.total_in);
  const totalOut = BigInt(row.total_out);
  return { totalIn, totalOut, net: totalIn - totalOut, transactionCount: Number(row.transaction_count) };
}

const NO_TRANSACTIONS: FundTotals = { totalIn: 0n, totalOut: 0n, net: 0n, transactionCount: 0 };

/** In/out totals per account (up to and including `asOf` when given), for all requested accounts in one statement. */
export function accountTotalsLoader(ctx: GraphQLContext, asOf?: string | null) {
  return ctx.loaders.scalar<FundTotals>(`fund.accountTotals:${asOf ?? ''}`, NO_TRANSACTIONS, async (accountIds) => {
    const knex = ctx.em.getKnex();
    const qb = scopedTable(knex, 'fund_transaction')
      .select('t.account_id as key', ...totalsColumns(knex))
      .whereIn('t.account_id', accountIds)
      .groupBy('t.account_id');
    if (asOf) qb.where('t.occurred_at', '<=', asOf);
    const rows: Array<TotalsRow & { key: number }> = await ctx.em.execute(qb);
    return rows.map((row) => [row.key, toTotals(row)]);
  });
}

/** Totals of the filtered transactions, overall and per kind, in one statement (`group by rollup`). */
export async function fundSummary(ctx: GraphQLContext, filter?: FundTransactionFilter | null): Promise<FundSummary> {
  const knex = ctx.em.getKnex();
  const qb = scopedTable(knex, 'fund_transaction')
    .select('t.kind', knex.raw('grouping(t.kind) = 1 as is_total'), ...totalsColumns(knex))
    .groupByRaw('rollup (t.kind)')
    .orderBy('t.kind');
  applyTransactionFilter(knex, qb, filter);
  const rows: Array<TotalsRow & { kind: TransactionKind | null; is_total: boolean }> = await ctx.em.execute(qb);
  const total = rows.find((row) => row.is_total);
  const byKind: FundKindTotals[] = rows.filter((row) => !row.is_total).map((row) => ({ kind: row.kind!, ...toTotals(row) }));
  return { ...(total ? toTotals(total) : NO_TRANSACTIONS), byKind };
}
