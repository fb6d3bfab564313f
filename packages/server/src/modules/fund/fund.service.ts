import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition } from '../../common/errors';
import { checkVersion } from '../../common/mutation';
import { formatMoney } from '../../common/scalars';
import type { Member } from '../member/member.entity';
import { loadMember } from '../member/member.service';
import type { Organization } from '../organization/organization.entity';
import { TEMPORARY_KINDS } from '../organization/organization.enums';
import { assertActiveOrganization, assertExistedOn, loadOrganization } from '../organization/organization.service';
import { FundAccount, FundAccountKind, FundTransaction, TransactionDirection, TransactionKind } from './fund.entity';
import type {
  AllocateFundsInput,
  AllocateFundsPayload,
  CloseFundAccountInput,
  FundAccountPayload,
  FundTransactionPayload,
  OpenFundAccountInput,
  RecordPartyFeeInput,
} from './fund.mutations';

const LABEL = '资金账户';

/** `extensions.code` of a payment the account cannot cover. */
export const INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS';

const PARTY_FEE_ACCOUNT_KINDS = [FundAccountKind.PARTY_FEE, FundAccountKind.MANAGED_PARTY_FEE];

export function loadFundAccount(em: EntityManager, globalId: string, field = 'accountId', forUpdate = false): Promise<FundAccount> {
  return loadForWrite(em, FundAccount, globalId, field, LABEL, forUpdate);
}

/** The optional 记账人 of a movement. */
function loadRecorder(em: EntityManager, globalId: string | null | undefined): Promise<Member | null> | null {
  return globalId ? loadMember(em, globalId, 'recordedById') : null;
}


export interface AccountFunds {
  /** The current balance: all IN minus all OUT. */
  balance: bigint;
  /**
   * What a payment dated `date` may take without any balance ever going below zero: the least of
   * the balance as of `date` and the balances on every later day that has movements.
   */
  available: bigint;
}

/**
 * Computes the account's funds in SQL, exact in bigint fen. Call it with the account row locked.
 * Pending rows are flushed first, so several payments in one transaction see each other.
 */
export async function accountFunds(em: EntityManager, accountId: number, date: string): Promise<AccountFunds> {
  await em.flush();
  const [row] = await em.execute<Array<{ balance: string; available: string }>>(
    `with daily as (
       select occurred_at, sum(case direction when 'IN' then amount else -amount end) as delta
       from fund_transaction where account_id = ? group by occurred_at
     ), running as (
       select occurred_at, sum(delta) over (order by occurred_at) as balance from daily
     )
     select coalesce((select sum(delta) from daily), 0)::bigint as balance,
            least(coalesce((select sum(delta) from daily where occurred_at <= ?), 0),
                  (select min(balance) from running where occurred_at > ?))::bigint as available`,
    [accountId, date, date],
  );
  return { balance: BigInt(row.balance), available: BigInt(row.available) };
}

function insufficientFunds(account: FundAccount, funds: AccountFunds, requested: bigint, date: string, field: string): GraphQLError {
  const later = funds.available < funds.balance ? `（按 ${date} 及以后各日余额计，最多可支出 ${formatMoney(funds.available)} 元）` : '';
  return new GraphQLError(
    `${account.name}余额不足：当前余额 ${formatMoney(funds.balance)} 元，申请支出 ${formatMoney(requested)} 元${later}`,
    {
      extensions: {
        code: INSUFFICIENT_FUNDS,
        fields: [field],
        accountId: account.globalId,
        balance: formatMoney(funds.balance),
        available: formatMoney(funds.available),
        requested: formatMoney(requested),
      },
    },
  );
}

function assertOpenedBy(account: FundAccount, date: string, field: string): void {
  if (date < account.openedAt) throw badUserInput(`日期不能早于账户开立日期 ${account.openedAt}`, field);
  if (account.closedAt) throw failedPrecondition(`${account.name}已于 ${account.closedAt} 销户，不能再记账`, 'ACCOUNT_CLOSED');
}

/** Closing an account is refused while money remains in it: the ledger must end at zero. */
export async function closeFundAccount(em: EntityManager, input: CloseFundAccountInput): Promise<FundAccountPayload> {
  const account = await loadFundAccount(em, input.accountId, 'accountId', true);
  checkVersion(account, input.expectedVersion, LABEL);
  if (account.closedAt) throw failedPrecondition(`${account.name}已于 ${account.closedAt} 销户`, 'ACCOUNT_CLOSED');
  if (input.closedAt < account.openedAt) throw badUserInput('销户日期不能早于开立日期', 'closedAt');
  const { balance } = await accountFunds(em, account.id, input.closedAt);
  if (balance !== 0n) {
    throw failedPrecondition(`${account.name}尚有余额 ${formatMoney(balance)} 元，须先拨付或转出才能销户`, 'HAS_BALANCE');
  }
  account.closedAt = input.closedAt;
  return { account, organization: account.organization };
}

/** The fields of a movement besides account, direction and the checks. */
export interface Movement {
  kind: TransactionKind;
  amount: bigint;
  counterparty: string;
  purpose: string;
  occurredAt: string;
  targetOrganization?: Organization | null;
  approvalMeeting?: string | null;
  documentNumber?: string | null;
  recordedBy?: Member | null;
}

/** Input field names that errors about a movement point at. */
export interface MovementFields {
  accountId: string;
  occurredAt: string;
  amount: string;
}

const TOP_LEVEL_FIELDS: MovementFields = { accountId: 'accountId', occurredAt: 'occurredAt', amount: 'amount' };

function book(em: EntityManager, account: FundAccount, direction: TransactionDirection, movement: Movement): FundTransaction {
  return em.create(FundTransaction, {
    account,
    direction,
    kind: movement.kind,
    amount: movement.amount,
    counterparty: movement.counterparty.trim(),
    purpose: movement.purpose.trim(),
    occurredAt: movement.occurredAt,
    targetOrganization: movement.targetOrganization ?? null,
    approvalMeeting: movement.approvalMeeting?.trim() ?? null,
    documentNumber: movement.documentNumber?.trim() ?? null,
    recordedBy: movement.recordedBy ?? null,
  });
}

export interface BookingOptions {
  /** Input field names errors point at (they differ when the movement is a nested input). */
  fields?: MovementFields;
  /** Rules about the account itself (e.g. its kind), checked before anything is booked. */
  check?: (account: FundAccount) => void;
}

/** Books an IN movement on the account the id names. Income can never make a balance negative, so no lock is needed. */
export async function creditAccount(
  em: EntityManager,
  accountId: string,
  movement: Movement,
  { fields = TOP_LEVEL_FIELDS, check }: BookingOptions = {},
): Promise<{ account: FundAccount; transaction: FundTransaction }> {
  const account = await loadFundAccount(em, accountId, fields.accountId);
  check?.(account);
  assertOpenedBy(account, movement.occurredAt, fields.occurredAt);
  return { account, transaction: book(em, account, TransactionDirection.IN, movement) };
}

/**
 * Books an OUT movement: the account row is locked (`SELECT … FOR UPDATE`) for the rest of the
 * transaction, so concurrent payments from one account queue here and each one sees the balance
 * the previous one left. A payment that would take any balance below zero is refused with
 * INSUFFICIENT_FUNDS. Every payment out of an account must go through here.
 */
export async function debitAccount(
  em: EntityManager,
  accountId: string,
  movement: Movement,
  { fields = TOP_LEVEL_FIELDS, check }: BookingOptions = {},
): Promise<{ account: FundAccount; transaction: FundTransaction }> {
  const account = await loadFundAccount(em, accountId, fields.accountId, true);
  check?.(account);
  assertOpenedBy(account, movement.occurredAt, fields.occurredAt);
  const funds = await accountFunds(em, account.id, movement.occurredAt);
  if (movement.amount > funds.available) throw insufficientFunds(account, funds, movement.amount, movement.occurredAt, fields.amount);
  return { account, transaction: book(em, account, TransactionDirection.OUT, movement) };
}

export async function openFundAccount(em: EntityManager, input: OpenFundAccountInput): Promise<FundAccountPayload> {
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  assertActiveOrganization(organization, 'organizationId');
  if (PARTY_FEE_ACCOUNT_KINDS.includes(input.kind) && TEMPORARY_KINDS.includes(organization.kind)) {
    throw badUserInput('临时党组织不收缴党费，不能开立党费类账户', ['organizationId', 'kind']);
  }
  if (input.openedAt < organization.establishedAt) throw badUserInput('开立日期不能早于党组织成立日期', 'openedAt');
  const account = em.create(FundAccount, {
    organization,
    name: input.name.trim(),
    kind: input.kind,
    openedAt: input.openedAt,
    description: input.description?.trim() ?? null,
  });
  return { account, organization };
}

export async function recordPartyFee(em: EntityManager, input: RecordPartyFeeInput): Promise<FundTransactionPayload> {
  const recordedBy = await loadRecorder(em, input.recordedById);
  const { account, transaction } = await creditAccount(em, input.accountId, {
    kind: TransactionKind.PARTY_FEE,
    amount: input.amount,
    counterparty: input.counterparty,
    purpose: input.purpose,
    occurredAt: input.occurredAt,
    recordedBy,
  }, {
    check: (candidate) => {
      if (!PARTY_FEE_ACCOUNT_KINDS.includes(candidate.kind)) throw badUserInput('党费专款专用，只能记入党费或代管党费账户', 'accountId');
    },
  });
  return { transaction, account };
}

export async function allocateFunds(em: EntityManager, input: AllocateFundsInput): Promise<AllocateFundsPayload> {
  const recordedBy = await loadRecorder(em, input.recordedById);
  const targetOrganization = await loadOrganization(em, input.targetOrganizationId, 'targetOrganizationId');
  assertExistedOn(targetOrganization, input.occurredAt, 'targetOrganizationId');
  const kind = input.kind === 'CONDOLENCE' ? TransactionKind.CONDOLENCE : TransactionKind.ALLOCATION;
  const { account, transaction } = await debitAccount(em, input.accountId, {
    kind,
    amount: input.amount,
    counterparty: targetOrganization.name,
    purpose: input.purpose,
    occurredAt: input.occurredAt,
    targetOrganization,
    approvalMeeting: input.approvalMeeting,
    documentNumber: input.documentNumber,
    recordedBy,
  }, {
    check: (candidate) => {
      if (kind === TransactionKind.ALLOCATION && candidate.organization.id === targetOrganization.id) {
        throw badUserInput('下拨对象不能是账户所属党组织本身', 'targetOrganizationId');
      }
    },
  });
  return { transaction, account, targetOrganization };
}
