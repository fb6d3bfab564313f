import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { countField, createOrganizationListResolver, listField } from '../../common/relations';
import { Member } from '../member/member.entity';
import { MemberConnection, MemberFilter, MemberOrder } from '../member/member.inputs';
import { memberSource } from '../member/member.loaders';
import { Organization } from '../organization/organization.entity';
import { Squad, SquadMember } from './squad.entity';
import { SquadConnection, SquadFilter, SquadOrder } from './squad.inputs';
import { MEMBER_SQUADS, SQUAD_MEMBERS, SQUAD_MEMBERSHIPS, squadSource } from './squad.loaders';
import {
  AddSquadMemberInput,
  CreateSquadInput,
  RemoveSquadMemberInput,
  RemoveSquadMemberPayload,
  SquadMemberPayload,
  SquadPayload,
} from './squad.mutations';
import { addSquadMember, createSquad, removeSquadMember } from './squad.service';

const SquadQueries = createEntityQueries({
  entity: Squad,
  label: '党员突击队',
  single: 'squad',
  plural: 'squads',
  connection: SquadConnection,
  filter: SquadFilter,
  order: SquadOrder,
  source: squadSource,
});

const membershipsOf = listField('Squad', 'memberships', SquadMember, 'squad_member', SQUAD_MEMBERSHIPS, 'joined_at');
const memberCountOf = countField('Squad', 'memberCount', 'squad_member', SQUAD_MEMBERSHIPS);
const squadsOf = listField('Member', 'squads', Squad, 'squad', MEMBER_SQUADS, 'formed_at');

@Resolver(() => Squad)
export class SquadResolver extends SquadQueries {
  @FieldResolver(() => Organization, { description: '组建突击队的党组织' })
  organization(@Root() squad: Squad, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, squad.organization);
  }

  @FieldResolver(() => Member, { nullable: true, description: '队长（亦为队员之一）' })
  leader(@Root() squad: Squad, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadReference(ctx, Member, squad.leader);
  }

  @FieldResolver(() => MemberConnection, { description: '队员（含队长）' })
  members(
    @Root() squad: Squad,
    @Args() page: PageArgs,
    @Arg('filter', () => MemberFilter, { nullable: true, description: '筛选条件' }) filter: MemberFilter | null,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof MemberOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Member>> {
    return ctx.loaders
      .connection('squad.members', page, { filter, orderBy }, () => memberSource(SQUAD_MEMBERS, filter, orderBy))
      .load(squad.id);
  }

  @FieldResolver(() => [SquadMember], { description: '队员记录（含加入日期，按加入日期；退出突击队时使用其 ID）' })
  memberships(@Root() squad: Squad, @Ctx() ctx: GraphQLContext): Promise<SquadMember[]> {
    return membershipsOf(ctx, squad.id);
  }

  @FieldResolver(() => Int, { description: '队员人数（含队长）' })
  memberCount(@Root() squad: Squad, @Ctx() ctx: GraphQLContext): Promise<number> {
    return memberCountOf(ctx, squad.id);
  }
}

@Resolver(() => SquadMember)
export class SquadMemberResolver {
  @FieldResolver(() => Squad, { description: '突击队' })
  squad(@Root() membership: SquadMember, @Ctx() ctx: GraphQLContext): Promise<Squad> {
    return loadRequiredReference(ctx, Squad, membership.squad);
  }

  @FieldResolver(() => Member, { description: '队员' })
  member(@Root() membership: SquadMember, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, membership.member);
  }
}

/** Squads a member belongs to. */
@Resolver(() => Member)
export class MemberSquadsResolver {
  @FieldResolver(() => [Squad], { description: '参加的党员突击队（按组建日期）' })
  squads(@Root() member: Member, @Ctx() ctx: GraphQLContext): Promise<Squad[]> {
    return squadsOf(ctx, member.id);
  }
}

const OrganizationSquadsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'squads',
  label: '党员突击队',
  connection: SquadConnection,
  filter: SquadFilter,
  order: SquadOrder,
  source: squadSource,
});

@Resolver()
export class SquadMutationResolver {
  @Mutation(() => SquadPayload, { description: '组建党员突击队（党组织须未撤销；1 至 50 名队员，队长须在队员之中，队员须为本组织或其下级的党员）' })
  createSquad(@MutationInputArg() input: CreateSquadInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => createSquad(em, input));
  }

  @Mutation(() => SquadMemberPayload, { description: '党员加入突击队（不得重复加入；每队最多 50 人）' })
  addSquadMember(@MutationInputArg() input: AddSquadMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => addSquadMember(em, input));
  }

  @Mutation(() => RemoveSquadMemberPayload, { description: '队员退出突击队：删除队员记录（队长和最后一名队员不能退出）' })
  removeSquadMember(@MutationInputArg() input: RemoveSquadMemberInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => removeSquadMember(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const squadResolvers: Function[] = [
  SquadResolver,
  SquadMemberResolver,
  MemberSquadsResolver,
  OrganizationSquadsResolver,
  SquadMutationResolver,
];
