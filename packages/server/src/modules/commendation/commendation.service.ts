import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { badUserInput, notFound } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { formatMoney } from '../../common/scalars';
import type { FundTransaction } from '../fund/fund.entity';
import { TransactionKind } from '../fund/fund.entity';
import { debitAccount, INSUFFICIENT_FUNDS } from '../fund/fund.service';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { assertActiveOrganization, loadOrganization } from '../organization/organization.service';
import { Commendation, CommendationBatch, CommendationCategory } from './commendation.entity';
import type { CommendationBatchPayload, CommendationEntryInput, IssueCommendationBatchInput } from './commendation.mutations';

/** Categories for organizations (先进单位); every other category is for members. */
const ORGANIZATION_CATEGORIES: CommendationCategory[] = [CommendationCategory.ADVANCED_UNIT];

/** One input entry with its recipient decoded. */
interface Entry {
  index: number;
  input: CommendationEntryInput;
  kind: 'member' | 'organization';
  id: number;
  globalId: string;
  field: string;
}

/** Checks each entry on the input alone: exactly one recipient, a category that fits it, no recipient twice. */
function decodeEntries(input: IssueCommendationBatchInput): Entry[] {
  const seen = new Set<string>();
  return input.commendations.map((entry, index) => {
    const path = `commendations.${index}`;
    const memberId = entry.recipientMemberId ?? null;
    const organizationId = entry.recipientOrganizationId ?? null;
    if ((memberId === null) === (organizationId === null)) {
      throw badUserInput('表彰对象须为党员或党组织，二者填且只填一个', [`${path}.recipientMemberId`, `${path}.recipientOrganizationId`]);
    }
    const kind = memberId !== null ? 'member' : 'organization';
    const field = `${path}.${kind === 'member' ? 'recipientMemberId' : 'recipientOrganizationId'}`;
    const globalId = (memberId ?? organizationId)!;
    const id = fromGlobalIdOf(kind === 'member' ? 'Member' : 'Organization', globalId, field);
    const forOrganizations = ORGANIZATION_CATEGORIES.includes(entry.category);
    if (forOrganizations && kind === 'member') throw badUserInput('先进单位只能授予党组织', `${path}.category`);
    if (!forOrganizations && kind === 'organization') throw badUserInput('该表彰类别只能授予党员，党组织只能评为先进单位', `${path}.category`);
    if (seen.has(`${kind}:${id}`)) throw badUserInput('同一表彰对象在一批表彰中只能出现一次', field);
    seen.add(`${kind}:${id}`);
    return { index, input: entry, kind, id, globalId, field };
  });
}

/** Loads every recipient of one kind in one query; a missing one is NOT_FOUND, as with single loads. */
async function loadRecipients<T extends Member | Organization>(
  em: EntityManager,
  entity: typeof Member | typeof Organization,
  entries: Entry[],
  label: string,
): Promise<Map<number, T>> {
  if (!entries.length) return new Map();
  const found = (await em.find(entity as typeof Member, { id: { $in: entries.map((entry) => entry.id) } })) as unknown as T[];
  const byId = new Map(found.map((row) => [row.id, row]));
  const missing = entries.find((entry) => !byId.has(entry.id));
  if (missing) throw notFound(label, missing.globalId);
  return byId;
}

function checkAwardAccount(input: IssueCommendationBatchInput): bigint {
  const total = input.commendations.reduce((sum, entry) => sum + (entry.awardAmount ?? 0n), 0n);
  const awarded = input.commendations.some((entry) => entry.awardAmount != null);
  if (awarded && !input.awardAccountId) throw badUserInput('有奖金的表彰须指定奖金支付账户', 'awardAccountId');
  if (!awarded && input.awardAccountId) throw badUserInput('本批表彰没有奖金，不应指定奖金支付账户', 'awardAccountId');
  return total;
}

export async function issueCommendationBatch(em: EntityManager, input: IssueCommendationBatchInput): Promise<CommendationBatchPayload> {
  const entries = decodeEntries(input);
  const total = checkAwardAccount(input);
  const issuer = await loadOrganization(em, input.issuerId, 'issuerId');
  assertActiveOrganization(issuer, 'issuerId');
  if (input.issuedAt < issuer.establishedAt) throw badUserInput(`发布日期不能早于${issuer.name}的成立日期`, 'issuedAt');
  const members = await loadRecipients<Member>(em, Member, entries.filter((entry) => entry.kind === 'member'), '党员');
  const organizations = await loadRecipients<Organization>(em, Organization, entries.filter((entry) => entry.kind === 'organization'), '党组织');
  const recipientOf = (entry: Entry) => (entry.kind === 'member' ? members.get(entry.id)! : organizations.get(entry.id)!);
  const title = input.title.trim();
  const documentNumber = input.documentNumber.trim();

  // Awards are paid first: the ledger flushes to read the balance, and a commendation written after
  // its payment is created once, with its transaction, instead of created and then updated.
  const payments = new Map<number, FundTransaction>();
  if (input.awardAccountId) {
    try {
      for (const entry of entries) {
        if (entry.input.awardAmount == null) continue;
        const recipient = recipientOf(entry);
        const { transaction } = await debitAccount(
          em,
          input.awardAccountId,
          {
            kind: TransactionKind.AWARD,
            amount: entry.input.awardAmount,
            counterparty: recipient.name,
            purpose: `表彰奖励：${title}`,
            occurredAt: input.issuedAt,
            targetOrganization: entry.kind === 'organization' ? (recipient as Organization) : null,
            documentNumber,
          },
          { fields: { accountId: 'awardAccountId', occurredAt: 'issuedAt', amount: `commendations.${entry.index}.awardAmount` } },
        );
        payments.set(entry.index, transaction);
      }
    } catch (error) {
      // The batch stands or falls as a whole: say what it needed in total, not only the entry that ran out.
      if (error instanceof GraphQLError && error.extensions.code === INSUFFICIENT_FUNDS) {
        throw new GraphQLError(`本批表彰奖金合计 ${formatMoney(total)} 元，整批未发布。${error.message}`, {
          extensions: { ...error.extensions, batchTotal: formatMoney(total) },
        });
      }
      throw error;
    }
  }

  const batch = em.create(CommendationBatch, { title, issuer, issuedAt: input.issuedAt, documentNumber });
  const commendations = entries.map((entry) =>
    em.create(Commendation, {
      batch,
      recipientMember: entry.kind === 'member' ? members.get(entry.id)! : null,
      recipientOrganization: entry.kind === 'organization' ? organizations.get(entry.id)! : null,
      category: entry.input.category,
      reason: entry.input.reason.trim(),
      awardAmount: entry.input.awardAmount ?? null,
      awardTransaction: payments.get(entry.index) ?? null,
    }),
  );
  return { batch, issuer, commendations };
}
