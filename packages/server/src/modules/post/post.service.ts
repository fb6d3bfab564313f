import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForWrite } from '../../common/entity-loading';
import { badUserInput, failedPrecondition } from '../../common/errors';
import { checkVersion } from '../../common/mutation';
import { assertEligibleMember, loadMember, loadMemberWithOrganization, loadMembers } from '../member/member.service';
import { assertActiveOrganization, loadOrganization } from '../organization/organization.service';
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
