import type { EntityManager } from '@mikro-orm/postgresql';
import { addYears } from '../../common/dates';
import { loadForWrite, visibleIds } from '../../common/entity-loading';
import { badUserInput, notFound } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { checkVersion } from '../../common/mutation';
import type { Organization } from '../organization/organization.entity';
import { GRASSROOTS_KINDS, TEMPORARY_KINDS, UnitType } from '../organization/organization.enums';
import { loadOrganization } from '../organization/organization.service';
import { CommunityReport, Member, MemberTransfer, TemporaryMembership } from './member.entity';
import { Gender, MemberStatus, PartyStanding } from './member.enums';
import type {
  AddMemberInput,
  CommunityReportPayload,
  JoinTemporaryBranchInput,
  LeaveTemporaryBranchInput,
  MemberPayload,
  ReportToCommunityInput,
  TemporaryMembershipPayload,
  TransferMemberInput,
  TransferMemberPayload,
  UpdateMemberInput,
} from './member.mutations';

const LABEL = '党员';

export function loadMember(em: EntityManager, globalId: string, field = 'id', forUpdate = false): Promise<Member> {
  return loadForWrite(em, Member, globalId, field, LABEL, forUpdate);
}

/** A member's home (组织关系) must be an active, permanent grassroots organization: a temporary branch admits no members. */
async function loadHomeOrganization(em: EntityManager, globalId: string, field: string): Promise<Organization> {
  const organization = await loadOrganization(em, globalId, field);
  if (organization.dissolvedAt) throw badUserInput(`${organization.name}已撤销`, field);
  if (TEMPORARY_KINDS.includes(organization.kind)) throw badUserInput('临时党组织不接收党员组织关系', field);
  if (!GRASSROOTS_KINDS.includes(organization.kind)) throw badUserInput('党员的组织关系须在基层党组织', field);
  return organization;
}

/** The ID number encodes the birth date and, by the parity of its 17th digit, the gender. */
function checkIdentity(input: AddMemberInput): void {
  const id = input.idCardNumber.toUpperCase();
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birth !== input.birthDate) throw badUserInput('身份证号中的出生日期与填写的出生日期不一致', ['idCardNumber', 'birthDate']);
  const gender = Number(id[16]) % 2 === 1 ? Gender.MALE : Gender.FEMALE;
  if (gender !== input.gender) throw badUserInput('身份证号中的性别位与填写的性别不一致', ['idCardNumber', 'gender']);
}

function checkPartyDates(birthDate: string, joinedPartyAt: string, status: MemberStatus, fullMemberAt: string | null | undefined): void {
  if (joinedPartyAt < addYears(birthDate, 18)) throw badUserInput('入党时须年满 18 周岁', 'joinedPartyAt');
  if (status === MemberStatus.PROBATIONARY && fullMemberAt) throw badUserInput('预备党员不能有转正日期', 'fullMemberAt');
  if (status === MemberStatus.FULL && !fullMemberAt) throw badUserInput('正式党员须填写转正日期', 'fullMemberAt');
  if (fullMemberAt && fullMemberAt < joinedPartyAt) throw badUserInput('转正日期不能早于入党日期', 'fullMemberAt');
}

export async function addMember(em: EntityManager, input: AddMemberInput): Promise<MemberPayload> {
  checkIdentity(input);
  checkPartyDates(input.birthDate, input.joinedPartyAt, input.status, input.fullMemberAt);
  const organization = await loadHomeOrganization(em, input.organizationId, 'organizationId');
  const member = em.create(Member, {
    organization,
    name: input.name.trim(),
    gender: input.gender,
    ethnicity: input.ethnicity.trim(),
    birthDate: input.birthDate,
    education: input.education,
    joinedPartyAt: input.joinedPartyAt,
    fullMemberAt: input.fullMemberAt ?? null,
    status: input.status,
    occupation: input.occupation,
    inService: input.inService,
    idCardNumber: input.idCardNumber.toUpperCase(),
    phone: input.phone,
    address: input.address?.trim() ?? null,
  });
  return { member, organization };
}

export async function updateMember(em: EntityManager, input: UpdateMemberInput): Promise<MemberPayload> {
  const member = await loadMember(em, input.id, 'id', true);
  checkVersion(member, input.expectedVersion, LABEL);
  if (input.fullMemberAt != null) {
    checkPartyDates(member.birthDate, member.joinedPartyAt, MemberStatus.FULL, input.fullMemberAt);
    member.status = MemberStatus.FULL;
    member.fullMemberAt = input.fullMemberAt;
  }
  const { id: _id, expectedVersion: _v, clientMutationId: _c, idempotencyKey: _k, fullMemberAt: _f, ...changes } = input;
  for (const [field, value] of Object.entries(changes)) {
    if (value != null) Object.assign(member, { [field]: typeof value === 'string' && field !== 'phone' ? value.trim() : value });
  }
  return { member, organization: await loadOrganization(em, member.organization.globalId) };
}

export async function transferMember(em: EntityManager, input: TransferMemberInput): Promise<TransferMemberPayload> {
  const member = await loadMember(em, input.memberId, 'memberId', true);
  checkVersion(member, input.expectedVersion, LABEL);
  const toOrganization = await loadHomeOrganization(em, input.toOrganizationId, 'toOrganizationId');
  const fromOrganization = await loadOrganization(em, member.organization.globalId);
  if (fromOrganization.id === toOrganization.id) throw badUserInput('转入党组织与当前党组织相同', 'toOrganizationId');
  if (input.transferredAt < member.joinedPartyAt) throw badUserInput('转接日期不能早于入党日期', 'transferredAt');
  member.organization = toOrganization;
  const transfer = em.create(MemberTransfer, {
    member,
    fromOrganization,
    toOrganization,
    transferredAt: input.transferredAt,
    reason: input.reason.trim(),
  });
  return { member, transfer, fromOrganization, toOrganization };
}

export async function joinTemporaryBranch(em: EntityManager, input: JoinTemporaryBranchInput): Promise<TemporaryMembershipPayload> {
  const member = await loadMember(em, input.memberId, 'memberId', true);
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  if (!TEMPORARY_KINDS.includes(organization.kind)) throw badUserInput('只能加入临时党组织；常设组织请用组织关系转接', 'organizationId');
  if (organization.dissolvedAt) throw badUserInput(`${organization.name}已随任务结束撤销`, 'organizationId');
  if (input.joinedAt < organization.establishedAt) throw badUserInput('加入日期不能早于临时党组织成立日期', 'joinedAt');
  const active = await em.count(TemporaryMembership, { member, organization, leftAt: null });
  if (active > 0) throw badUserInput('该党员已在此临时党组织中', 'memberId');
  const membership = em.create(TemporaryMembership, { member, organization, joinedAt: input.joinedAt, role: input.role?.trim() ?? null });
  return { membership, member, organization };
}

export async function leaveTemporaryBranch(em: EntityManager, input: LeaveTemporaryBranchInput): Promise<TemporaryMembershipPayload> {
  const membership = await loadForWrite(em, TemporaryMembership, input.membershipId, 'membershipId', '临时党组织成员关系', true);
  if (membership.leftAt) throw badUserInput(`已于 ${membership.leftAt} 离开`, 'membershipId');
  if (input.leftAt < membership.joinedAt) throw badUserInput('离开日期不能早于加入日期', 'leftAt');
  membership.leftAt = input.leftAt;
  const member = await loadMember(em, membership.member.globalId);
  const organization = await loadOrganization(em, membership.organization.globalId);
  return { membership, member, organization };
}

export async function reportToCommunity(em: EntityManager, input: ReportToCommunityInput): Promise<CommunityReportPayload> {
  const member = await loadMember(em, input.memberId, 'memberId');
  if (!member.inService) throw badUserInput('只有在职党员需要到村（社区）报到', 'memberId');
  const community = await loadOrganization(em, input.communityId, 'communityId');
  if (community.unitType !== UnitType.VILLAGE && community.unitType !== UnitType.COMMUNITY) {
    throw badUserInput('报到对象必须是村或社区党组织', 'communityId');
  }
  if (await em.count(CommunityReport, { member, community })) throw badUserInput('该党员已到此村（社区）报到', 'communityId');
  const report = em.create(CommunityReport, { member, community, reportedAt: input.reportedAt, duty: input.duty?.trim() ?? null });
  return { report, member, community };
}

/**
 * Loads the members a list of ids names, in the list's order, with their home organizations (one
 * query). A malformed id is BAD_USER_INPUT naming its element (`holderIds.2`); an unknown one NOT_FOUND.
 */
export async function loadMembers(em: EntityManager, globalIds: readonly string[], field: string): Promise<Member[]> {
  const ids = globalIds.map((globalId, index) => fromGlobalIdOf('Member', globalId, `${field}.${index}`));
  if (!ids.length) return [];
  const visible = await visibleIds(em, Member, ids);
  const found = await em.find(Member, { id: { $in: [...visible] } }, { populate: ['organization'] });
  const byId = new Map(found.map((member) => [member.id, member]));
  return ids.map((id, index) => {
    const member = byId.get(id);
    if (!member) throw notFound('党员', globalIds[index]);
    return member;
  });
}

/** A single member named by id, with the home organization loaded (its path decides the subtree checks). */
export async function loadMemberWithOrganization(em: EntityManager, globalId: string, field: string): Promise<Member> {
  const member = await loadMember(em, globalId, field);
  await loadOrganization(em, member.organization.globalId);
  return member;
}

/**
 * A member may take part in a post or squad of `organization` when their 组织关系 is in its subtree,
 * their 党籍 is normal and they were a party member on the day they start (`from`).
 */
export function assertEligibleMember(
  member: Member,
  organization: Organization,
  from: string,
  fields: { member: string; date: string },
  activity: string,
): void {
  if (!member.organization.path.startsWith(organization.path)) {
    throw badUserInput(`${member.name}的组织关系不在${organization.name}或其下级党组织`, fields.member);
  }
  if (member.standing !== PartyStanding.NORMAL) {
    throw badUserInput(`${member.name}的党籍状态不正常，不能${activity}`, fields.member);
  }
  if (from < member.joinedPartyAt) {
    throw badUserInput(`${activity}日期不能早于${member.name}的入党日期（${member.joinedPartyAt}）`, [fields.member, fields.date]);
  }
}
