import { ArrayMaxSize, ArrayUnique } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationInput, MutationPayload } from '../../common/mutation';
import { LocalDateScalar } from '../../common/scalars';
import { NotInFuture, TrimmedText } from '../../common/validators';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { Post, PostHolder, PostKind } from './post.entity';

/** At most this many members hold one post. */
export const MAX_POST_HOLDERS = 10;

@InputType({ description: '设立党员岗' })
export class CreatePostInput extends MutationInput {
  @Field(() => ID, { description: '设岗党组织 ID（须未撤销）' })
  organizationId!: string;

  @Field({ description: '岗位名称' })
  @TrimmedText(100)
  name!: string;

  @Field(() => PostKind, { description: '岗位类型' })
  kind!: PostKind;

  @Field({ description: '岗位职责' })
  @TrimmedText(500)
  duty!: string;

  @Field(() => LocalDateScalar, { description: '设岗日期（不早于设岗党组织成立日期，不晚于今天）' })
  @NotInFuture()
  establishedAt!: string;

  @Field(() => [ID], {
    nullable: true,
    description: `在岗党员 ID（组织关系须在设岗党组织或其下级，最多 ${MAX_POST_HOLDERS} 人，不得重复；上岗日期即设岗日期）`,
  })
  @ArrayMaxSize(MAX_POST_HOLDERS, { message: `在岗党员最多 ${MAX_POST_HOLDERS} 人` })
  @ArrayUnique(undefined, { message: '在岗党员不得重复' })
  holderIds?: string[] | null;
}

@InputType({ description: '修改党员岗（未提供的字段保持不变）' })
export class UpdatePostInput extends MutationInput {
  @Field(() => ID, { description: '党员岗 ID' })
  id!: string;

  @Field(() => Int, { nullable: true, description: '期望的当前版本号；与实际不符时拒绝修改（乐观锁）' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: '岗位名称' })
  @TrimmedText(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: '岗位职责' })
  @TrimmedText(500)
  duty?: string | null;
}

@InputType({ description: '安排党员上岗' })
export class AssignPostHolderInput extends MutationInput {
  @Field(() => ID, { description: '党员岗 ID' })
  postId!: string;

  @Field(() => ID, { description: '党员 ID（组织关系须在设岗党组织或其下级，且尚未在此岗）' })
  memberId!: string;

  @Field(() => LocalDateScalar, { description: '上岗日期（不早于设岗日期和入党日期，不晚于今天）' })
  @NotInFuture()
  since!: string;
}

@InputType({ description: '党员离岗' })
export class RemovePostHolderInput extends MutationInput {
  @Field(() => ID, { description: '在岗记录 ID' })
  postHolderId!: string;
}

@ObjectType({ description: '党员岗变更结果' })
export class PostPayload extends MutationPayload {
  @Field(() => Post, { description: '变更后的党员岗' })
  post!: Post;

  @Field(() => Organization, { description: '设岗党组织（便于客户端更新缓存）' })
  organization!: Organization;
}

@ObjectType({ description: '上岗结果' })
export class PostHolderPayload extends MutationPayload {
  @Field(() => PostHolder, { description: '新的在岗记录' })
  postHolder!: PostHolder;

  @Field(() => Post, { description: '党员岗（含最新的在岗党员）' })
  post!: Post;

  @Field(() => Member, { description: '上岗党员' })
  member!: Member;
}

@ObjectType({ description: '离岗结果' })
export class RemovePostHolderPayload extends MutationPayload {
  @Field(() => ID, { description: '已删除的在岗记录 ID（客户端据此从缓存中移除）' })
  removedPostHolderId!: string;

  @Field(() => Post, { description: '党员岗（含最新的在岗党员）' })
  post!: Post;

  @Field(() => Member, { description: '离岗党员' })
  member!: Member;
}
