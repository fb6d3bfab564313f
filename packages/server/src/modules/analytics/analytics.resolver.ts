import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Organization } from '../organization/organization.entity';
import { Analytics, OrganizationAnalytics } from './analytics.types';
import type { FactDefinition } from './fact';
import { factResolvers } from './fact-resolvers';
import { careVisitFact, volunteerServiceFact } from './facts/activity.facts';
import { inspectionCadreFact, inspectionFact, villageCoverageFact } from './facts/inspection.facts';
import { commendationFact, donationFact, donationItemFact, fundTransactionFact } from './facts/money.facts';
import { memberFact, organizationFact, postFact, squadFact, temporaryMembershipFact } from './facts/organization.facts';

/** Every fact analysts can aggregate, in the order the IDE's docs list them. */
export const FACTS: FactDefinition[] = [
  organizationFact,
  memberFact,
  temporaryMembershipFact,
  inspectionFact,
  villageCoverageFact,
  inspectionCadreFact,
  commendationFact,
  fundTransactionFact,
  donationFact,
  donationItemFact,
  postFact,
  squadFact,
  volunteerServiceFact,
  careVisitFact,
];

@Resolver()
export class AnalyticsQueryResolver {
  @Query(() => Analytics, {
    description: '统计分析：分组汇总（group by）、阈值筛选（having）、排序、时间序列（缺口补 0）与覆盖率，每项统计一条 SQL',
  })
  analytics(): Analytics {
    return new Analytics();
  }
}

@Resolver(() => Organization)
export class OrganizationAnalyticsResolver {
  @FieldResolver(() => OrganizationAnalytics, {
    description: '本党组织范围内的统计分析（可在 organizations(filter: { nameContains: … }) 下按名称取得组织后直接统计，无需先查 ID）',
  })
  analytics(
    @Root() org: Organization,
    @Arg('includeDescendants', { defaultValue: true, description: '是否包含全部下级党组织（默认包含）' }) includeDescendants: boolean,
  ): OrganizationAnalytics {
    return Object.assign(new OrganizationAnalytics(), { scope: { organizationId: org.id, includeDescendants } });
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const analyticsResolvers: Function[] = [AnalyticsQueryResolver, OrganizationAnalyticsResolver, ...FACTS.flatMap(factResolvers)];
