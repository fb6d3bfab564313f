import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { checkVersion } from '../../common/mutation';
import { Member } from '../member/member.entity';
import { Organization, OrganizationMove } from './organization.entity';
import { TEMPORARY_KINDS } from './organization.enums';
import type {
  ArchiveOrganizationInput,
  CreateOrganizationInput,
  MoveOrganizationInput,
  OrganizationPayload,
  MoveOrganizationPayload,
  UpdateOrganizationInput,
} from './organization.mutations';
import { assertKindAllowedUnder } from './organization.rules';

const LABEL = '党组织';

/**
 * Every path depends on the tree's shape: creations take this lock shared and moves exclusive,
 * so no organization is ever created under a parent whose path is changing.
 */
async function lockTree(em: EntityManager, exclusive: boolean): Promise<void> {
  await em.execute(`select ${exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}(hashtext('organization-tree'))`);
}

export function loadOrganization(em: EntityManager, globalId: string, field = 'id', forUpdate = false): Promise<Organization> {
  return loadForWrite(em, Organization, globalId, field, LABEL, forUpdate);
}

/** New rows are set up only at an organization that has not been dissolved. */
export function assertActiveOrganization(organization: Organization, field: string): void {
  if (organization.dissolvedAt) throw badUserInput(`${organization.name}已于 ${organization.dissolvedAt} 撤销`, field);
}

/** An organization that no longer existed on `date` cannot take part in a movement dated `date`. */
export function assertExistedOn(organization: Organization, date: string, field: string): void {
  if (organization.dissolvedAt && organization.dissolvedAt < date) {
    throw badUserInput(`${organization.name}已于 ${organization.dissolvedAt} 撤销，不能在 ${date} 发生业务`, field);
  }
}

export async function createOrganization(em: EntityManager, input: CreateOrganizationInput): Promise<OrganizationPayload> {
  await lockTree(em, false);
  const parent = await loadOrganization(em, input.parentId, 'parentId');
  assertActiveOrganization(parent, 'parentId');
  assertKindAllowedUnder(input.kind, parent.kind);
  const temporary = TEMPORARY_KINDS.includes(input.kind);
  if (temporary && (!input.task || !input.approvalDocument)) {
    throw badUserInput('临时党组织须写明临时任务和上级批准文号', ['task', 'approvalDocument']);
  }
  if (input.establishedAt < parent.establishedAt) throw badUserInput('成立日期不能早于上级党组织的成立日期', 'establishedAt');
  const [{ id }] = await em.execute<Array<{ id: number }>>("select nextval(pg_get_serial_sequence('organization', 'id'))::int as id");
  const organization = em.create(Organization, {
    id,
    parent,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
    name: input.name.trim(),
    code: input.code.trim(),
    kind: input.kind,
    unitName: input.unitName.trim(),
    unitType: input.unitType,
    establishedAt: input.establishedAt,
    task: input.task?.trim() ?? null,
    approvalDocument: input.approvalDocument?.trim() ?? null,
    villageGroupCount: input.villageGroupCount ?? null,
  });
  return { organization, parent };
}

export async function updateOrganization(em: EntityManager, input: UpdateOrganizationInput): Promise<OrganizationPayload> {
  const organization = await loadOrganization(em, input.id, 'id', true);
  checkVersion(organization, input.expectedVersion, LABEL);
  if (input.name != null) organization.name = input.name.trim();
  if (input.unitName != null) organization.unitName = input.unitName.trim();
  if (input.unitType != null) organization.unitType = input.unitType;
  if (input.villageGroupCount != null) organization.villageGroupCount = input.villageGroupCount;
  if (input.secretaryId != null) {
    const memberId = fromGlobalIdOf('Member', input.secretaryId, 'secretaryId');
    const secretary = await em.findOne(Member, { id: memberId, organization: organization.id });
    if (!secretary) throw badUserInput('书记必须是组织关系在本党组织的党员', 'secretaryId');
    organization.secretary = secretary;
  }
  return { organization, parent: organization.parent ?? null };
}

export async function archiveOrganization(em: EntityManager, input: ArchiveOrganizationInput): Promise<OrganizationPayload> {
  const organization = await loadOrganization(em, input.id, 'id', true);
  checkVersion(organization, input.expectedVersion, LABEL);
  assertActiveOrganization(organization, 'id');
  const [counts] = await em.execute<Array<{ members: number; children: number }>>(
    `select (select count(*) from member where organization_id = ?)::int as members,
            (select count(*) from organization where parent_id = ? and dissolved_at is null)::int as children`,
    [organization.id, organization.id],
  );
  if (counts.members > 0) {
    throw failedPrecondition(`${organization.name}仍有 ${counts.members} 名党员的组织关系在此，须先转出`, 'HAS_MEMBERS');
  }
  if (counts.children > 0) {
    throw failedPrecondition(`${organization.name}仍有 ${counts.children} 个未撤销的下级党组织`, 'HAS_CHILDREN');
  }
  if (input.dissolvedAt < organization.establishedAt) throw badUserInput('撤销日期不能早于成立日期', 'dissolvedAt');
  organization.dissolvedAt = input.dissolvedAt;
  // A temporary organization is dissolved with its task: its second memberships end with it.
  await em.execute('update temporary_membership set left_at = ? where organization_id = ? and left_at is null', [
    input.dissolvedAt,
    organization.id,
  ]);
  return { organization, parent: organization.parent ?? null };
}

export async function moveOrganization(em: EntityManager, input: MoveOrganizationInput): Promise<MoveOrganizationPayload> {
  await lockTree(em, true);
  const organization = await loadOrganization(em, input.id, 'id', true);
  checkVersion(organization, input.expectedVersion, LABEL);
  const toParent = await loadOrganization(em, input.newParentId, 'newParentId');
  if (toParent.path.startsWith(organization.path)) {
    throw badUserInput('不能把党组织移到它自身或其下级之下（会形成环）', 'newParentId');
  }
  assertActiveOrganization(toParent, 'newParentId');
  assertKindAllowedUnder(organization.kind, toParent.kind, 'newParentId');
  const fromParent = organization.parent ?? null;
  if (fromParent?.id === toParent.id) throw badUserInput('新上级与原上级相同', 'newParentId');
  const oldPath = organization.path;
  const newPath = `${toParent.path}${organization.id}/`;
  // The whole subtree follows in one statement; the moved organization itself goes through the
  // ORM so its change (parent and path before/after) is logged.
  await em.execute(
    `update organization set path = ? || substr(path, ?), depth = depth + ? where path like ? and id <> ?`,
    [newPath, oldPath.length + 1, toParent.depth + 1 - organization.depth, `${oldPath}%`, organization.id],
  );
  organization.parent = toParent;
  organization.path = newPath;
  organization.depth = toParent.depth + 1;
  const move = em.create(OrganizationMove, {
    organization,
    fromParent,
    toParent,
    movedAt: input.movedAt,
    documentNumber: input.documentNumber.trim(),
    reason: input.reason.trim(),
  });
  return { organization, move, fromParent, toParent };
}
