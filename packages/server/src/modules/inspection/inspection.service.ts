import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { checkVersion, conflict } from '../../common/mutation';
import type { Member } from '../member/member.entity';
import { loadMember } from '../member/member.service';
import { UnitType } from '../organization/organization.enums';
import { assertActiveOrganization, assertExistedOn, loadOrganization } from '../organization/organization.service';
import { InspectionRecord, InspectionTeam, InspectionTeamMember, RectificationStatus, TeamRole } from './inspection.entity';
import {
  MAX_TEAM_MEMBERS,
  type AddInspectionTeamMemberInput,
  type EndInspectionTeamServiceInput,
  type FormInspectionTeamInput,
  type InspectionRecordPayload,
  type InspectionTeamMemberPayload,
  type InspectionTeamPayload,
  type RecordInspectionInput,
  type RectifyInspectionFindingInput,
  type RectifyInspectionFindingPayload,
} from './inspection.mutations';

const TEAM_LABEL = '督查专班';
const TEAM_MEMBER_LABEL = '督查专班成员记录';
const RECORD_LABEL = '督查记录';

export function loadInspectionTeam(em: EntityManager, globalId: string, field = 'id', forUpdate = false): Promise<InspectionTeam> {
  return loadForWrite(em, InspectionTeam, globalId, field, TEAM_LABEL, forUpdate);
}

/** Exactly one leader, and no member listed twice; checked on the input alone, before any query. */
function checkTeamComposition(members: FormInspectionTeamInput['members']): void {
  members.forEach((entry, index) => fromGlobalIdOf('Member', entry.memberId, `members.${index}.memberId`));
  const leaders = members.flatMap((entry, index) => (entry.role === TeamRole.LEADER ? [`members.${index}.role`] : []));
  if (leaders.length === 0) throw badUserInput('专班须有 1 名组长', 'members');
  if (leaders.length > 1) throw badUserInput(`专班只能有 1 名组长，输入中有 ${leaders.length} 名`, leaders);
  const seen = new Set<string>();
  members.forEach((entry, index) => {
    if (seen.has(entry.memberId)) throw badUserInput('同一党员不能在专班中重复出现', `members.${index}.memberId`);
    seen.add(entry.memberId);
  });
}

export async function formInspectionTeam(em: EntityManager, input: FormInspectionTeamInput): Promise<InspectionTeamPayload> {
  checkTeamComposition(input.members);
  const area = await loadOrganization(em, input.areaId, 'areaId');
  assertActiveOrganization(area, 'areaId');
  const organizer = await loadOrganization(em, input.organizerId, 'organizerId');
  assertActiveOrganization(organizer, 'organizerId');
  if (input.formedAt < organizer.establishedAt) throw badUserInput(`组建日期不能早于${organizer.name}的成立日期`, 'formedAt');
  // The unique index is the last word under concurrency; this check gives the usual case a clear message.
  const taken = await em.findOne(InspectionTeam, { number: input.number });
  if (taken) throw conflict(`专班序号 ${input.number} 已被${taken.name}使用`, { fields: ['number'] });
  const members: Member[] = [];
  for (const [index, entry] of input.members.entries()) members.push(await loadMember(em, entry.memberId, `members.${index}.memberId`));
  const team = em.create(InspectionTeam, {
    name: input.name.trim(),
    number: input.number,
    area,
    organizer,
    formedAt: input.formedAt,
  });
  input.members.forEach((entry, index) =>
    em.create(InspectionTeamMember, { team, member: members[index], role: entry.role, servedFrom: entry.servedFrom, servedTo: null }),
  );
  return { team, area };
}

export async function addInspectionTeamMember(em: EntityManager, input: AddInspectionTeamMemberInput): Promise<InspectionTeamMemberPayload> {
  // The team's row lock queues concurrent changes of its membership, so "one leader" and the size limit hold.
  const team = await loadInspectionTeam(em, input.teamId, 'teamId', true);
  const member = await loadMember(em, input.memberId, 'memberId');
  const history = await em.find(InspectionTeamMember, { team }, { orderBy: { servedFrom: 'asc', id: 'asc' } });
  const onDuty = history.filter((entry) => entry.servedTo == null);
  if (onDuty.some((entry) => entry.member.id === member.id)) throw badUserInput(`${member.name}已在${team.name}在岗`, 'memberId');
  const overlapping = history.find((entry) => entry.member.id === member.id && entry.servedTo != null && entry.servedTo >= input.servedFrom);
  if (overlapping) {
    throw badUserInput(`${member.name}此前在${team.name}的任职到 ${overlapping.servedTo} 为止，新的到岗日期须晚于该日`, 'servedFrom');
  }
  if (input.role === TeamRole.LEADER && onDuty.some((entry) => entry.role === TeamRole.LEADER)) {
    throw badUserInput(`${team.name}已有在岗组长，新成员只能为组员`, 'role');
  }
  if (onDuty.length >= MAX_TEAM_MEMBERS) {
    throw failedPrecondition(`${team.name}已有 ${onDuty.length} 名在岗成员，达到上限 ${MAX_TEAM_MEMBERS} 人`, 'TEAM_FULL');
  }
  const teamMember = em.create(InspectionTeamMember, { team, member, role: input.role, servedFrom: input.servedFrom, servedTo: null });
  return { teamMember, team, member };
}

export async function endInspectionTeamService(em: EntityManager, input: EndInspectionTeamServiceInput): Promise<InspectionTeamMemberPayload> {
  const teamMember = await loadForWrite(em, InspectionTeamMember, input.teamMemberId, 'teamMemberId', TEAM_MEMBER_LABEL, true);
  // Loading the team (locked, as additions do) also lets the change log find its area.
  const team = await loadInspectionTeam(em, teamMember.team.globalId, 'teamMemberId', true);
  if (teamMember.servedTo) throw badUserInput(`该成员已于 ${teamMember.servedTo} 离岗`, 'teamMemberId');
  if (input.servedTo < teamMember.servedFrom) throw badUserInput(`离岗日期不能早于到岗日期（${teamMember.servedFrom}）`, 'servedTo');
  teamMember.servedTo = input.servedTo;
  const member = await loadMember(em, teamMember.member.globalId);
  return { teamMember, team, member };
}

const INSPECTABLE_UNITS: UnitType[] = [UnitType.VILLAGE, UnitType.COMMUNITY];

export async function recordInspection(em: EntityManager, input: RecordInspectionInput): Promise<InspectionRecordPayload> {
  const team = await loadInspectionTeam(em, input.teamId, 'teamId');
  const area = await loadOrganization(em, team.area.globalId, 'teamId');
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  if (!INSPECTABLE_UNITS.includes(organization.unitType)) throw badUserInput('督查对象必须是村或社区党组织', 'organizationId');
  if (!organization.path.startsWith(area.path)) {
    throw badUserInput(`${organization.name}不在${team.name}的包保区域（${area.name}）内`, 'organizationId');
  }
  assertExistedOn(organization, input.inspectedAt, 'organizationId');
  if (input.inspectedAt < team.formedAt) throw badUserInput(`督查日期不能早于专班组建日期（${team.formedAt}）`, 'inspectedAt');
  const problems = input.problems?.trim() || null;
  if (input.problemCount > 0 && !problems) throw badUserInput('发现问题时须写明问题', 'problems');
  if (input.problemCount === 0 && problems) throw badUserInput('填写了问题，发现问题数却为 0', ['problems', 'problemCount']);
  if (input.groupsVisited != null && organization.villageGroupCount != null && input.groupsVisited > organization.villageGroupCount) {
    throw badUserInput(`走访塆组数不能超过${organization.name}下辖的塆组数（${organization.villageGroupCount}）`, 'groupsVisited');
  }
  const record = em.create(InspectionRecord, {
    team,
    organization,
    inspectedAt: input.inspectedAt,
    round: input.round,
    findings: input.findings.trim(),
    problems,
    problemCount: input.problemCount,
    rectificationStatus: input.problemCount > 0 ? RectificationStatus.PENDING : RectificationStatus.NOT_REQUIRED,
    rectifiedAt: null,
    groupsVisited: input.groupsVisited ?? null,
  });
  return { record, team, organization };
}

export async function rectifyInspectionFinding(em: EntityManager, input: RectifyInspectionFindingInput): Promise<RectifyInspectionFindingPayload> {
  const record = await loadForWrite(em, InspectionRecord, input.recordId, 'recordId', RECORD_LABEL, true);
  checkVersion(record, input.expectedVersion, RECORD_LABEL);
  if (record.rectificationStatus === RectificationStatus.RECTIFIED) {
    throw failedPrecondition(`该督查记录发现的问题已于 ${record.rectifiedAt} 整改完成`, 'ALREADY_RECTIFIED');
  }
  if (record.rectificationStatus !== RectificationStatus.PENDING) {
    throw failedPrecondition('该次督查未发现问题，无需整改', 'NOTHING_TO_RECTIFY');
  }
  if (input.rectifiedAt < record.inspectedAt) throw badUserInput(`整改完成日期不能早于督查日期（${record.inspectedAt}）`, 'rectifiedAt');
  record.rectificationStatus = RectificationStatus.RECTIFIED;
  record.rectifiedAt = input.rectifiedAt;
  return { record };
}
