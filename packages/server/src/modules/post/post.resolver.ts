import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { countField, createOrganizationListResolver, listField } from '../../common/relations';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { Post, PostHolder } from './post.entity';
import { PostConnection, PostFilter, PostOrder } from './post.inputs';
import { HELD_POSTS, POST_HOLDERS, postSource } from './post.loaders';
import {
  AssignPostHolderInput,
  CreatePostInput,
  PostHolderPayload,
  PostPayload,
  RemovePostHolderInput,
  RemovePostHolderPayload,
  UpdatePostInput,
} from './post.mutations';
import { assignPostHolder, createPost, removePostHolder, updatePost } from './post.service';

const PostQueries = createEntityQueries({
  entity: Post,
  label: '党员岗',
  single: 'post',
  plural: 'posts',
  connection: PostConnection,
  filter: PostFilter,
  order: PostOrder,
  source: postSource,
});

const holdersOf = listField('Post', 'holders', PostHolder, 'post_holder', POST_HOLDERS, 'since');
const holderCountOf = countField('Post', 'holderCount', 'post_holder', POST_HOLDERS);
const postsHeldBy = listField('Member', 'posts', Post, 'post', HELD_POSTS, 'established_at');

@Resolver(() => Post)
export class PostResolver extends PostQueries {
  @FieldResolver(() => Organization, { description: '设岗党组织' })
  organization(@Root() post: Post, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, post.organization);
  }

  @FieldResolver(() => [PostHolder], { description: '在岗党员（按上岗日期）' })
  holders(@Root() post: Post, @Ctx() ctx: GraphQLContext): Promise<PostHolder[]> {
    return holdersOf(ctx, post.id);
  }

  @FieldResolver(() => Int, { description: '在岗党员人数' })
  holderCount(@Root() post: Post, @Ctx() ctx: GraphQLContext): Promise<number> {
    return holderCountOf(ctx, post.id);
  }
}

@Resolver(() => PostHolder)
export class PostHolderResolver {
  @FieldResolver(() => Post, { description: '党员岗' })
  post(@Root() holder: PostHolder, @Ctx() ctx: GraphQLContext): Promise<Post> {
    return loadRequiredReference(ctx, Post, holder.post);
  }

  @FieldResolver(() => Member, { description: '在岗党员' })
  member(@Root() holder: PostHolder, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, holder.member);
  }
}

/** Posts a member holds. */
@Resolver(() => Member)
export class MemberPostsResolver {
  @FieldResolver(() => [Post], { description: '所在的党员岗（按设岗日期）' })
  posts(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Post[]> {
    return postsHeldBy(ctx, member.id);
  }
}

const OrganizationPostsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'posts',
  label: '党员岗',
  connection: PostConnection,
  filter: PostFilter,
  order: PostOrder,
  source: postSource,
});

@Resolver()
export class PostMutationResolver {
  @Mutation(() => PostPayload, { description: '设立党员岗并安排在岗党员（党组织须未撤销；在岗党员须为本组织或其下级的党员，最多 10 人）' })
  createPost(@MutationInputArg() input: CreatePostInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => createPost(em, input));
  }

  @Mutation(() => PostPayload, { description: '修改党员岗名称、职责（支持乐观锁）' })
  updatePost(@MutationInputArg() input: UpdatePostInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => updatePost(em, input));
  }

  @Mutation(() => PostHolderPayload, { description: '安排党员上岗（不得重复上岗；每岗最多 10 人）' })
  assignPostHolder(@MutationInputArg() input: AssignPostHolderInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => assignPostHolder(em, input));
  }

  @Mutation(() => RemovePostHolderPayload, { description: '党员离岗：删除在岗记录' })
  removePostHolder(@MutationInputArg() input: RemovePostHolderInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => removePostHolder(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const postResolvers: Function[] = [
  PostResolver,
  PostHolderResolver,
  MemberPostsResolver,
  OrganizationPostsResolver,
  PostMutationResolver,
];
