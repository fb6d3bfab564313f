import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { countField, createOrganizationListResolver } from '../../common/relations';
import { Member } from '../member/member.entity';
import { MemberConnection, MemberFilter, MemberOrder } from '../member/member.inputs';
import { memberSource } from '../member/member.loaders';
import { Organization } from '../organization/organization.entity';
import { VolunteerParticipation, VolunteerService } from './volunteer.entity';
import { VolunteerServiceConnection, VolunteerServiceFilter, VolunteerServiceOrder, VolunteerStatistics } from './volunteer.inputs';
import {
  MEMBER_SERVICES,
  SERVICE_PARTICIPANTS,
  SERVICE_PARTICIPATIONS,
  volunteerServiceSource,
  volunteerStatistics,
} from './volunteer.loaders';
import { RecordVolunteerServiceInput, VolunteerServicePayload } from './volunteer.mutations';
import { recordVolunteerService } from './volunteer.service';

const VolunteerServiceQueries = createEntityQueries({
  entity: VolunteerService,
  label: '志愿服务',
  single: 'volunteerService',
  plural: 'volunteerServices',
  connection: VolunteerServiceConnection,
  filter: VolunteerServiceFilter,
  order: VolunteerServiceOrder,
  source: volunteerServiceSource,
});

const participantCountOf = countField('VolunteerService', 'participantCount', 'volunteer_participation', SERVICE_PARTICIPATIONS);

@Resolver(() => VolunteerService)
export class VolunteerServiceResolver extends VolunteerServiceQueries {
  @Query(() => VolunteerStatistics, { description: '志愿服务统计：服务次数、志愿者人数、服务时长（按筛选条件汇总）' })
  volunteerStatistics(
    @Arg('filter', () => VolunteerServiceFilter, { nullable: true, description: '筛选条件' }) filter: VolunteerServiceFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<VolunteerStatistics> {
    return volunteerStatistics(ctx, filter);
  }

  @FieldResolver(() => Organization, { description: '组织服务的党组织' })
  organization(@Root() service: VolunteerService, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, service.organization);
  }

  @FieldResolver(() => MemberConnection, { description: '参加服务的志愿者（党员）' })
  participants(
    @Root() service: VolunteerService,
    @Args() page: PageArgs,
    @Arg('filter', () => MemberFilter, { nullable: true, description: '筛选条件' }) filter: MemberFilter | null,
    @Arg('orderBy', () => MemberOrder, { nullable: true, description: '排序方式' }) orderBy: InstanceType<typeof MemberOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Member>> {
    return ctx.loaders
      .connection('volunteerService.participants', page, { filter, orderBy }, () => memberSource(SERVICE_PARTICIPANTS, filter, orderBy))
      .load(service.id);
  }

  @FieldResolver(() => Int, { description: '参加服务的志愿者人数' })
  participantCount(@Root() service: VolunteerService, @Ctx() ctx: GraphQLContext): Promise<number> {
    return participantCountOf(ctx, service.id);
  }
}

@Resolver(() => VolunteerParticipation)
export class VolunteerParticipationResolver {
  @FieldResolver(() => VolunteerService, { description: '志愿服务' })
  service(@Root() participation: VolunteerParticipation, @Ctx() ctx: GraphQLContext): Promise<VolunteerService> {
    return loadRequiredReference(ctx, VolunteerService, participation.service);
  }

  @FieldResolver(() => Member, { description: '志愿者（党员）' })
  member(@Root() participation: VolunteerParticipation, @Ctx() ctx: GraphQLContext): Promise<Member> {
    return loadRequiredReference(ctx, Member, participation.member);
  }
}

/** Volunteer services a member took part in. */
@Resolver(() => Member)
export class MemberVolunteerServicesResolver {
  @FieldResolver(() => VolunteerServiceConnection, { description: '参加的志愿服务' })
  volunteerServices(
    @Root() member: Member,
    @Args() page: PageArgs,
    @Arg('filter', () => VolunteerServiceFilter, { nullable: true, description: '筛选条件' }) filter: VolunteerServiceFilter | null,
    @Arg('orderBy', () => VolunteerServiceOrder, { nullable: true, description: '排序方式' })
    orderBy: InstanceType<typeof VolunteerServiceOrder> | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<VolunteerService>> {
    return ctx.loaders
      .connection('member.volunteerServices', page, { filter, orderBy }, () => volunteerServiceSource(MEMBER_SERVICES, filter, orderBy))
      .load(member.id);
  }
}

const OrganizationVolunteerServicesResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'volunteerServices',
  label: '志愿服务',
  connection: VolunteerServiceConnection,
  filter: VolunteerServiceFilter,
  order: VolunteerServiceOrder,
  source: volunteerServiceSource,
});

@Resolver()
export class VolunteerMutationResolver {
  @Mutation(() => VolunteerServicePayload, { description: '登记一次志愿服务及参加的志愿者（时长 1 至 1440 分钟，志愿者 1 至 200 人且不得重复）' })
  recordVolunteerService(
    @MutationInputArg() input: RecordVolunteerServiceInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return runMutation({ ctx, info, input }, (em) => recordVolunteerService(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const volunteerResolvers: Function[] = [
  VolunteerServiceResolver,
  VolunteerParticipationResolver,
  MemberVolunteerServicesResolver,
  OrganizationVolunteerServicesResolver,
  VolunteerMutationResolver,
];
