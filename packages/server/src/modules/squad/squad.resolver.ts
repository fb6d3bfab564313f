import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { PageArgs, type Connection } from '../../common/pagination';
import { countLoader, createOrganizationListResolver, listLoader } from '../../common/relations';
import { Member } from '../member/member.entity';
import { MemberConnection, MemberFilter, MemberOrder } from '../member/member.inputs';
import { memberSource } from '../member/member.loaders';
import { Organization } from '../organization/organization.entity';
import { Squad, SquadMember } from './squad.entity';
import { SquadConnection, SquadFilter, SquadOrder } from './squad.inputs';
import { MEMBER_SQUADS, SQUAD_MEMBERS, SQUAD_MEMBERSHIPS, squadSource } from './squad.loaders';

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

  @FieldResolver(() => Int, { description: '队员人数（含队长）' })
  memberCount(@Root() squad: Squad, @Ctx() ctx: GraphQLContext): Promise<number> {
    return countLoader(ctx, 'squad_member', SQUAD_MEMBERSHIPS).load(squad.id);
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
    return listLoader(ctx, Squad, 'squad', MEMBER_SQUADS, 'formed_at').load(member.id);
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

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const squadResolvers: Function[] = [SquadResolver, SquadMemberResolver, MemberSquadsResolver, OrganizationSquadsResolver];
