import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { createOrganizationListResolver, listField } from '../../common/relations';
import { MoneyScalar } from '../../common/scalars';
import { FundTransaction } from '../fund/fund.entity';
import { Organization } from '../organization/organization.entity';
import { Donation, DonationItem } from './donation.entity';
import { DonationConnection, DonationFilter, DonationOrder, DonationTotals, MaterialTotal } from './donation.inputs';
import { cashTotalsLoader, donationSource, materialTotals } from './donation.loaders';
import { DonationPayload, RecordDonationInput } from './donation.mutations';
import { recordDonation } from './donation.service';

const FilterArg = () => Arg('filter', () => DonationFilter, { nullable: true, description: '筛选条件' });

const DonationQueries = createEntityQueries({
  entity: Donation,
  label: '捐赠',
  single: 'donation',
  plural: 'donations',
  connection: DonationConnection,
  filter: DonationFilter,
  order: DonationOrder,
  source: donationSource,
});

const itemsOf = listField('Donation', 'items', DonationItem, 'donation_item', { kind: 'column', column: 'donation_id' });

@Resolver(() => Donation)
export class DonationResolver extends DonationQueries {
  @Query(() => DonationTotals, { description: '捐赠合计：资金合计与物资数量合计（按筛选条件）' })
  donationTotals(@FilterArg() filter: DonationFilter | null): DonationTotals {
    return Object.assign(new DonationTotals(), { filter });
  }

  @FieldResolver(() => Organization, { description: '发动（组织）捐赠的党组织（如 工商联党组、产业中心党组）' })
  mobilizedBy(@Root() donation: Donation, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, donation.mobilizedBy);
  }

  @FieldResolver(() => Organization, { description: '受赠党组织' })
  recipient(@Root() donation: Donation, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, donation.recipient);
  }

  @FieldResolver(() => [DonationItem], { description: '捐赠物资明细（资金捐赠为空列表）' })
  items(@Root() donation: Donation, @Ctx() ctx: GraphQLContext): Promise<DonationItem[]> {
    return itemsOf(ctx, donation.id);
  }

  @FieldResolver(() => FundTransaction, { nullable: true, description: '资金捐赠入账的资金流水' })
  fundTransaction(@Root() donation: Donation, @Ctx() ctx: GraphQLContext): Promise<FundTransaction | null> {
    return loadReference(ctx, FundTransaction, donation.fundTransaction);
  }
}

@Resolver(() => DonationItem)
export class DonationItemResolver {
  @FieldResolver(() => Donation, { description: '所属捐赠' })
  donation(@Root() item: DonationItem, @Ctx() ctx: GraphQLContext): Promise<Donation> {
    return loadRequiredReference(ctx, Donation, item.donation);
  }
}

@Resolver(() => DonationTotals)
export class DonationTotalsResolver {
  @FieldResolver(() => MoneyScalar, { description: '资金捐赠合计（元）' })
  async cashTotal(@Root() totals: DonationTotals, @Ctx() ctx: GraphQLContext): Promise<bigint> {
    return (await cashTotalsLoader(ctx, totals.filter).load(0)).cashTotal;
  }

  @FieldResolver(() => Int, { description: '资金捐赠笔数' })
  async cashDonationCount(@Root() totals: DonationTotals, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await cashTotalsLoader(ctx, totals.filter).load(0)).cashDonationCount;
  }

  @FieldResolver(() => Int, { description: '捐赠总笔数（资金与物资）' })
  async donationCount(@Root() totals: DonationTotals, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await cashTotalsLoader(ctx, totals.filter).load(0)).donationCount;
  }

  @FieldResolver(() => [MaterialTotal], { description: '物资数量合计，按物资名称和计量单位分列（数量从多到少）' })
  materials(@Root() totals: DonationTotals, @Ctx() ctx: GraphQLContext): Promise<MaterialTotal[]> {
    return materialTotals(ctx, totals.filter);
  }
}

const OrganizationMobilizedDonationsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'mobilizedDonations',
  label: '捐赠',
  column: 'mobilized_by_id',
  description: '本组织发动（组织）的捐赠，如 工商联党组发动商会捐赠（includeDescendants 为真时含全部下级党组织发动的捐赠）',
  connection: DonationConnection,
  filter: DonationFilter,
  order: DonationOrder,
  source: donationSource,
});

const OrganizationReceivedDonationsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'receivedDonations',
  label: '捐赠',
  column: 'recipient_id',
  description: '本组织接受的捐赠（includeDescendants 为真时含全部下级党组织接受的捐赠）',
  connection: DonationConnection,
  filter: DonationFilter,
  order: DonationOrder,
  source: donationSource,
});

@Resolver()
export class DonationMutationResolver {
  @Mutation(() => DonationPayload, {
    description: '登记捐赠：资金捐赠在同一事务中记入入账账户一笔类别为 捐赠 的收入流水并与捐赠关联；物资捐赠登记物资明细',
  })
  recordDonation(@MutationInputArg() input: RecordDonationInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => recordDonation(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const donationResolvers: Function[] = [
  DonationMutationResolver,
  DonationResolver,
  DonationItemResolver,
  DonationTotalsResolver,
  OrganizationMobilizedDonationsResolver,
  OrganizationReceivedDonationsResolver,
];
