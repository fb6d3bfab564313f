import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { loadForWrite } from '../../common/entity-loading';
import { formatMoney } from '../../common/scalars';
import type { Member } from '../member/member.entity';
import type { Organization } from '../organization/organization.entity';
import { FundAccount, FundTransaction, TransactionDirection, TransactionKind } from './fund.entity';

export const INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS';

/** One ledger line; direction and account are given by the function that writes it. */
export interface LedgerEntry {
  kind: TransactionKind;
  amount: bigint;
  counterparty: string;
  purpose: string;
  occurredAt: string;
  recordedBy?: Member | null;
  targetOrganization?: Organization | null;
  approvalMeeting?: string | null;
  documentNumber?: string | null;
}

/**
 * Loads an account with a row lock held until the transaction ends: every writer of the same
 * account queues here, so a balance read after the lock stays true until commit.
 */
export function lockAccount(em: EntityManager, globalId: string, field = 'accountId'): Promise<FundAccount> {
  return loadForWrite(em, FundAccount, globalId, field, '资金账户', true);
}

/** The balance derived from the ledger, in fen; includes rows written earlier in this transaction. */
export async function balanceOf(em: EntityManager, account: FundAccount): Promise<bigint> {
  await em.flush();
  const [row] = await em.execute<Array<{ balance: string }>>(
    `select coalesce(sum(case when direction = 'IN' then amount else -amount end), 0)::bigint as balance
     from fund_transaction where account_id = ?`,
    [account.id],
  );
  return BigInt(row.balance);
}

export function payIn(em: EntityManager, account: FundAccount, entry: LedgerEntry): FundTransaction {
  return em.create(FundTransaction, { ...entry, account, direction: TransactionDirection.IN });
}

/** Pays out of a locked account; refuses with INSUFFICIENT_FUNDS rather than let the balance go below zero. */
export async function payOut(em: EntityManager, account: FundAccount, entry: LedgerEntry, field = 'amount'): Promise<FundTransaction> {
  const balance = await balanceOf(em, account);
  if (entry.amount > balance) {
    throw new GraphQLError(`${account.name}余额不足：余额 ${formatMoney(balance)} 元，需支付 ${formatMoney(entry.amount)} 元`, {
      extensions: { code: INSUFFICIENT_FUNDS, fields: [field], balance: formatMoney(balance), requested: formatMoney(entry.amount) },
    });
  }
  return em.create(FundTransaction, { ...entry, account, direction: TransactionDirection.OUT });
}
