import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { insertDirect } from '../../common/direct-insert';
import { badUserInput } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { TransactionKind, type FundAccount, type FundTransaction } from '../fund/fund.entity';
import { debitAccount } from '../fund/fund.service';
import { loadMember } from '../member/member.service';
import { assertExistedOn, loadOrganization } from '../organization/organization.service';
import { CareVisit } from './care-visit.entity';
import type { CareVisitPayload, RecordCareVisitInput } from './care.mutations';

export async function recordCareVisit(em: EntityManager, input: RecordCareVisitInput): Promise<CareVisitPayload> {
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  assertExistedOn(organization, input.visitedAt, 'organizationId');
  const recipientName = input.recipientName.trim();
  const visitor = input.visitorId ? await loadMember(em, input.visitorId, 'visitorId') : null;
  const recipientMember = input.recipientMemberId ? await loadMember(em, input.recipientMemberId, 'recipientMemberId') : null;
  if (recipientMember && recipientMember.name !== recipientName) {
    throw badUserInput(`慰问对象姓名与所选党员（${recipientMember.name}）不一致`, ['recipientMemberId', 'recipientName']);
  }
  if (visitor && recipientMember && visitor.id === recipientMember.id) {
    throw badUserInput('慰问人与被慰问党员不能是同一人', ['visitorId', 'recipientMemberId']);
  }
  const note = input.note?.trim() || null;
  let account: FundAccount | null = null;
  let fundTransaction: FundTransaction | null = null;
  if (input.payment) {
    // Locks the account last, after every other check, so the lock is held as briefly as possible.
    ({ account, transaction: fundTransaction } = await debitAccount(
      em,
      input.payment.accountId,
      {
        kind: TransactionKind.CONDOLENCE,
        amount: input.payment.amount,
        counterparty: recipientName,
        purpose: `${organization.name}向${recipientName}发放慰问金`,
        occurredAt: input.visitedAt,
        targetOrganization: organization,
      },
      { fields: { accountId: 'payment.accountId', occurredAt: 'visitedAt', amount: 'payment.amount' } },
    ));
  }
  const careVisit = em.create(CareVisit, {
    organization,
    visitor,
    recipientMember,
    recipientName,
    recipientCategory: input.recipientCategory,
    method: input.method,
    visitedAt: input.visitedAt,
    note,
    fundTransaction,
  });
  return { careVisit, organization, account };
}

/**
 * A visit without 慰问金 in one statement (common/direct-insert.ts): the organization must be in
 * the caller's subtree and not dissolved before the visit, a named member visible and, as the
 * recipient, bear the recipient's name. Null when any of that fails or the input needs the full
 * path; `recordCareVisit` then runs and reports why.
 */
export async function recordCareVisitDirect(ctx: GraphQLContext, input: RecordCareVisitInput): Promise<CareVisitPayload | null> {
  if (input.payment) return null;
  let ids: Record<'organization' | 'visitor' | 'recipientMember', number | null>;
  try {
    ids = {
      organization: fromGlobalIdOf('Organization', input.organizationId),
      visitor: input.visitorId ? fromGlobalIdOf('Member', input.visitorId) : null,
      recipientMember: input.recipientMemberId ? fromGlobalIdOf('Member', input.recipientMemberId) : null,
    };
  } catch {
    return null;
  }
  if (ids.visitor !== null && ids.visitor === ids.recipientMember) return null;
  const recipientName = input.recipientName.trim();
  const careVisit = await insertDirect(ctx, {
    entity: CareVisit,
    owner: 'organization',
    values: {
      ...ids,
      recipientName,
      recipientCategory: input.recipientCategory,
      method: input.method,
      visitedAt: input.visitedAt,
      note: input.note?.trim() || null,
      fundTransaction: null,
    },
    conditions: {
      organization: { sql: 't.dissolved_at is null or t.dissolved_at >= ?::date', bindings: [input.visitedAt] },
      recipientMember: { sql: 't.name = ?', bindings: [recipientName] },
    },
  });
  return careVisit && { careVisit, organization: careVisit.organization, account: null };
}
