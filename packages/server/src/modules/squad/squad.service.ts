import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { assertEligibleMember, loadMember, loadMemberWithOrganization, loadMembers } from '../member/member.service';
import { assertActiveOrganization, loadOrganization } from '../organization/organization.service';
import { Squad, SquadMember } from './squad.entity';
import {
  MAX_SQUAD_MEMBERS,
  type AddSquadMemberInput,
  type CreateSquadInput,
  type RemoveSquadMemberInput,
  type RemoveSquadMemberPayload,
  type SquadMemberPayload,
  type SquadPayload,
} from './squad.mutations';

const LABEL = '党员突击队';

export function loadSquad(em: EntityManager, globalId: string, field = 'id', forUpdate = false): Promise<Squad> {
  return loadForWrite(em, Squad, globalId, field, LABEL, forUpdate);
}

export async function createSquad(em: EntityManager, input: CreateSquadInput): Promise<SquadPayload> {
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  assertActiveOrganization(organization, 'organizationId');
  if (input.formedAt < organization.establishedAt) throw badUserInput('组建日期不能早于党组织的成立日期', 'formedAt');
  fromGlobalIdOf('Member', input.leaderId, 'leaderId');
  const leaderIndex = input.memberIds.indexOf(input.leaderId);
  if (leaderIndex < 0) throw badUserInput('队长须在队员之中', 'leaderId');
  const members = await loadMembers(em, input.memberIds, 'memberIds');
  members.forEach((member, index) =>
    assertEligibleMember(member, organization, input.formedAt, { member: `memberIds.${index}`, date: 'formedAt' }, '加入突击队'),
  );
  const squad = em.create(Squad, {
    organization,
    name: input.name.trim(),
    mission: input.mission.trim(),
    formedAt: input.formedAt,
    leader: members[leaderIndex],
  });
  for (const member of members) em.create(SquadMember, { squad, member, joinedAt: input.formedAt });
  return { squad, organization };
}

export async function addSquadMember(em: EntityManager, input: AddSquadMemberInput): Promise<SquadMemberPayload> {
  // The squad's row lock queues concurrent changes of its membership, so the size limits hold.
  const squad = await loadSquad(em, input.squadId, 'squadId', true);
  const organization = await loadOrganization(em, squad.organization.globalId);
  assertActiveOrganization(organization, 'squadId');
  const member = await loadMemberWithOrganization(em, input.memberId, 'memberId');
  if (input.joinedAt < squad.formedAt) throw badUserInput(`加入日期不能早于突击队组建日期（${squad.formedAt}）`, 'joinedAt');
  assertEligibleMember(member, organization, input.joinedAt, { member: 'memberId', date: 'joinedAt' }, '加入突击队');
  if (await em.count(SquadMember, { squad, member })) throw badUserInput(`${member.name}已是该突击队队员`, 'memberId');
  const size = await em.count(SquadMember, { squad });
  if (size >= MAX_SQUAD_MEMBERS) {
    throw failedPrecondition(`${squad.name}已有 ${size} 名队员，达到上限 ${MAX_SQUAD_MEMBERS} 人`, 'SQUAD_FULL');
  }
  const squadMember = em.create(SquadMember, { squad, member, joinedAt: input.joinedAt });
  return { squadMember, squad, member };
}

export async function removeSquadMember(em: EntityManager, input: RemoveSquadMemberInput): Promise<RemoveSquadMemberPayload> {
  // Locked so that of two concurrent removals one deletes and the other finds nothing.
  const squadMember = await loadForWrite(em, SquadMember, input.squadMemberId, 'squadMemberId', '突击队队员记录', true);
  const removedSquadMemberId = squadMember.globalId;
  // Loading the squad (locked, as additions do) lets the change log find its organization.
  const squad = await loadSquad(em, squadMember.squad.globalId, 'squadMemberId', true);
  const member = await loadMember(em, squadMember.member.globalId);
  if (squad.leader?.id === member.id) {
    throw failedPrecondition(`${member.name}是${squad.name}的队长，队长不能退出突击队`, 'IS_LEADER');
  }
  const size = await em.count(SquadMember, { squad });
  if (size <= 1) throw failedPrecondition(`${member.name}是${squad.name}的最后一名队员，突击队至少要有 1 名队员`, 'LAST_MEMBER');
  em.remove(squadMember);
  return { removedSquadMemberId, squad, member };
}
