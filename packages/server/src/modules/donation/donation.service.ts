import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors';
import { FundAccountKind, TransactionKind, type FundAccount, type FundTransaction } from '../fund/fund.entity';
import { creditAccount } from '../fund/fund.service';
import { assertExistedOn, loadOrganization } from '../organization/organization.service';
import { Donation, DonationItem, DonationKind } from './donation.entity';
import type { DonationPayload, RecordDonationInput } from './donation.mutations';

/** Donated cash is kept apart from 党费, which is 专款专用. */
const DONATION_ACCOUNT_KINDS = [FundAccountKind.DONATION, FundAccountKind.SPECIAL];

/** Cash comes with an amount and an account and no items; materials with items and neither of the others. */
function checkShape(input: RecordDonationInput): void {
  if (input.kind === DonationKind.CASH) {
    const missing = [input.amount == null && 'amount', input.accountId == null && 'accountId'].filter((f): f is string => !!f);
    if (missing.length) throw badUserInput('资金捐赠须填写捐赠金额和入账账户', missing);
    if (input.items != null) throw badUserInput('资金捐赠不能填写物资明细', 'items');
    return;
  }
  const extra = [input.amount != null && 'amount', input.accountId != null && 'accountId'].filter((f): f is string => !!f);
  if (extra.length) throw badUserInput('物资捐赠不能填写捐赠金额和入账账户', extra);
  if (!input.items?.length) throw badUserInput('物资捐赠须填写物资明细', 'items');
  const seen = new Set<string>();
  for (const item of input.items) {
    const key = `${item.name.trim()}\u0000${item.unit.trim()}`;
    if (seen.has(key)) throw badUserInput(`物资明细中「${item.name.trim()}（${item.unit.trim()}）」重复，请合并为一项`, 'items');
    seen.add(key);
  }
}

export async function recordDonation(em: EntityManager, input: RecordDonationInput): Promise<DonationPayload> {
  checkShape(input);
  const mobilizedBy = await loadOrganization(em, input.mobilizedById, 'mobilizedById');
  const recipient = await loadOrganization(em, input.recipientId, 'recipientId');
  assertExistedOn(mobilizedBy, input.donatedAt, 'mobilizedById');
  assertExistedOn(recipient, input.donatedAt, 'recipientId');
  const donorName = input.donorName.trim();
  const note = input.note?.trim() || null;
  let account: FundAccount | null = null;
  let fundTransaction: FundTransaction | null = null;
  if (input.kind === DonationKind.CASH) {
    ({ account, transaction: fundTransaction } = await creditAccount(
      em,
      input.accountId!,
      { kind: TransactionKind.DONATION, amount: input.amount!, counterparty: donorName, purpose: note ?? '接受捐赠资金', occurredAt: input.donatedAt },
      {
        fields: { accountId: 'accountId', occurredAt: 'donatedAt', amount: 'amount' },
        check: (candidate) => {
          if (!DONATION_ACCOUNT_KINDS.includes(candidate.kind)) throw badUserInput('捐赠资金须记入捐款或专项账户（党费专款专用）', 'accountId');
          if (candidate.organization.id !== recipient.id && candidate.organization.id !== mobilizedBy.id) {
            throw badUserInput('入账账户须属于受赠党组织或发动捐赠的党组织', 'accountId');
          }
        },
      },
    ));
  }
  const donation = em.create(Donation, {
    donorName,
    donorType: input.donorType,
    mobilizedBy,
    recipient,
    kind: input.kind,
    amount: input.kind === DonationKind.CASH ? input.amount! : null,
    donatedAt: input.donatedAt,
    fundTransaction,
    note,
  });
  for (const item of input.items ?? []) {
    em.create(DonationItem, { donation, name: item.name.trim(), quantity: item.quantity, unit: item.unit.trim() });
  }
  return { donation, account, recipient, mobilizedBy };
}
