/**
 * Collects fund transactions, then numbers them in date order (receipts before payments on the
 * same day) and proves that no account balance ever goes below zero.
 */
import type { FundAccountRow, FundTransactionRow, Table } from './model';

export type TransactionDraft = Omit<FundTransactionRow, 'id' | 'account_id'>;

export class Ledger {
  private readonly pending: FundTransactionRow[] = [];

  constructor(private readonly table: Table<FundTransactionRow>) {}

  /** The returned row gets its id when the ledger is committed. */
  record(account: FundAccountRow, draft: TransactionDraft): FundTransactionRow {
    const row = { id: 0, account_id: account.id, ...draft };
    this.pending.push(row);
    return row;
  }

  commit(): void {
    const ordered = this.pending
      .slice()
      .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || (a.direction === b.direction ? 0 : a.direction === 'IN' ? -1 : 1));
    const balances = new Map<number, number>();
    for (const row of ordered) {
      const balance = (balances.get(row.account_id) ?? 0) + (row.direction === 'IN' ? row.amount : -row.amount);
      if (row.amount <= 0 || balance < 0) throw new Error(`account ${row.account_id} would go below zero on ${row.occurred_at}`);
      balances.set(row.account_id, balance);
      this.table.push(row);
    }
    this.pending.length = 0;
  }
}
