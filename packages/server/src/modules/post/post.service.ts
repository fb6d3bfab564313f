import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition, notFound } from '../../common/errors';
import { fromGlobalIdOf } from '../../common/global-id';
import { checkVersion } from '../../common/mutation';
import { Member } from '../member/member.entity';
import { PartyStanding } from '../member/member.enums';
import { loadMember } from '../member/member.service';
import type { Organization } from '../organization/organization.entity';
import { loadOrganization } from '../organization/organization.service';
import { Post, PostHolder } from './post.entity';
import {
  MAX_POST_HOLDERS,
  type AssignPostHolderInput,
  type CreatePostInput,
  type PostHolderPayload,
  type PostPayload,
  type RemovePostHolderInput,
  type RemovePostHolderPayload,
  type UpdatePostInput,
} from './post.mutations';

const LABEL = '党员岗';

export function loadPost(em: EntityManager, globalId: string, field = 'id', forUpdate = false): Promise<Post> {
  return loadForWrite(em, Post, globalId, field, LABEL, forUpdate);
}

/** New posts, squads and services are set up only at an organization that has not been dissolved. */
export function assertActiveOrganization(organization: Organization, field: string): void {
  if (organization.dissolvedAt) throw badUserInput(`${organization.name}已于 ${organization.dissolvedAt} 撤销`, field);
}

/**
 * Loads the members a list of ids names, in the list's order, with their home organizations (one
 * query). A malformed id is BAD_USER_INPUT naming its element (`holderIds.2`); an unknown one NOT_FOUND.
 */
export async function loadMembers(em: EntityManager, globalIds: readonly string[], field: string): Promise<Member[]> {
  const ids = globalIds.map((globalId, index) => fromGlobalIdOf('Member', globalId, `${field}.${index}`));
  if (!ids.length) return [];
  const found = await em.find(Member, { id: { $in: ids } }, { populate: ['organization'] });
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

export async function createPost(em: EntityManager, input: CreatePostInput): Promise<PostPayload> {
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  assertActiveOrganization(organization, 'organizationId');
  if (input.establishedAt < organization.establishedAt) {
    throw badUserInput('设岗日期不能早于设岗党组织的成立日期', 'establishedAt');
  }
  const holders = await loadMembers(em, input.holderIds ?? [], 'holderIds');
  holders.forEach((member, index) =>
    assertEligibleMember(member, organization, input.establishedAt, { member: `holderIds.${index}`, date: 'establishedAt' }, '上岗'),
  );
  const post = em.create(Post, {
    organization,
    name: input.name.trim(),
    kind: input.kind,
    duty: input.duty.trim(),
    establishedAt: input.establishedAt,
  });
  for (const member of holders) em.create(PostHolder, { post, member, since: input.establishedAt });
  return { post, organization };
}

export async function updatePost(em: EntityManager, input: UpdatePostInput): Promise<PostPayload> {
  const post = await loadPost(em, input.id);
  checkVersion(post, input.expectedVersion, LABEL);
  if (input.name != null) post.name = input.name.trim();
  if (input.duty != null) post.duty = input.duty.trim();
  return { post, organization: await loadOrganization(em, post.organization.globalId) };
}

export async function assignPostHolder(em: EntityManager, input: AssignPostHolderInput): Promise<PostHolderPayload> {
  // The post's row lock queues concurrent assignments, so the holder limit holds.
  const post = await loadPost(em, input.postId, 'postId', true);
  const organization = await loadOrganization(em, post.organization.globalId);
  assertActiveOrganization(organization, 'postId');
  const member = await loadMemberWithOrganization(em, input.memberId, 'memberId');
  if (input.since < post.establishedAt) throw badUserInput(`上岗日期不能早于设岗日期（${post.establishedAt}）`, 'since');
  assertEligibleMember(member, organization, input.since, { member: 'memberId', date: 'since' }, '上岗');
  if (await em.count(PostHolder, { post, member })) throw badUserInput(`${member.name}已在此岗`, 'memberId');
  const holders = await em.count(PostHolder, { post });
  if (holders >= MAX_POST_HOLDERS) {
    throw failedPrecondition(`${post.name}已有 ${holders} 名在岗党员，达到上限 ${MAX_POST_HOLDERS} 人`, 'POST_FULL');
  }
  const postHolder = em.create(PostHolder, { post, member, since: input.since });
  return { postHolder, post, member };
}

export async function removePostHolder(em: EntityManager, input: RemovePostHolderInput): Promise<RemovePostHolderPayload> {
  // Locked so that of two concurrent removals one deletes and the other finds nothing.
  const postHolder = await loadForWrite(em, PostHolder, input.postHolderId, 'postHolderId', '在岗记录', true);
  const removedPostHolderId = postHolder.globalId;
  // Loading the post lets the change log find its organization.
  const post = await loadPost(em, postHolder.post.globalId);
  const member = await loadMember(em, postHolder.member.globalId);
  em.remove(postHolder);
  return { removedPostHolderId, post, member };
}
