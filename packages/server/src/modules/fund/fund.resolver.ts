import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import { createEntityQueries, loadReference, loadRequiredReference } from '../../common/entity-queries';
import { MutationInputArg, runMutation } from '../../common/mutation';
import { PageArgs, type Connection } from '../../common/pagination';
import { createOrganizationListResolver, listField } from '../../common/relations';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { Member } from '../member/member.entity';
import { Organization } from '../organization/organization.entity';
import { FundAccount, FundTransaction } from './fund.entity';
import {
  FundAccountConnection,
  FundAccountFilter,
  FundAccountOrder,
  FundSummary,
  FundTransactionConnection,
  FundTransactionFilter,
  FundTransactionOrder,
} from './fund.inputs';
import { accountTotalsLoader, fundAccountSource, fundSummary, fundTransactionSource } from './fund.loaders';
import {
  AllocateFundsInput,
  AllocateFundsPayload,
  FundAccountPayload,
  FundTransactionPayload,
  OpenFundAccountInput,
  CloseFundAccountInput,
  RecordPartyFeeInput,
} from './fund.mutations';
import { allocateFunds, closeFundAccount, openFundAccount, recordPartyFee } from './fund.service';

type TransactionOrder = InstanceType<typeof FundTransactionOrder>;

const AsOf = () => Arg('asOf', () => LocalDateScalar, { nullable: true, description: '截至该日期（含）；不填则统计全部流水' });
const TransactionFilterArg = () =>
  Arg('filter', () => FundTransactionFilter, { nullable: true, description: '筛选条件' });
const TransactionOrderArg = () => Arg('orderBy', () => FundTransactionOrder, { nullable: true, description: '排序方式' });

const FundAccountQueries = createEntityQueries({
  entity: FundAccount,
  label: '资金账户',
  single: 'fundAccount',
  plural: 'fundAccounts',
  connection: FundAccountConnection,
  filter: FundAccountFilter,
  order: FundAccountOrder,
  source: fundAccountSource,
});

@Resolver(() => FundAccount)
export class FundAccountResolver extends FundAccountQueries {
  @FieldResolver(() => Organization, { description: '账户所属党组织' })
  organization(@Root() account: FundAccount, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return loadRequiredReference(ctx, Organization, account.organization);
  }

  @FieldResolver(() => MoneyScalar, { description: '余额（元）= 收入合计 − 支出合计，由流水汇总得出' })
  async balance(@Root() account: FundAccount, @AsOf() asOf: string | null, @Ctx() ctx: GraphQLContext): Promise<bigint> {
    return (await accountTotalsLoader(ctx, asOf).load(account.id)).net;
  }

  @FieldResolver(() => MoneyScalar, { description: '收入合计（元）' })
  async totalIn(@Root() account: FundAccount, @AsOf() asOf: string | null, @Ctx() ctx: GraphQLContext): Promise<bigint> {
    return (await accountTotalsLoader(ctx, asOf).load(account.id)).totalIn;
  }

  @FieldResolver(() => MoneyScalar, { description: '支出合计（元）' })
  async totalOut(@Root() account: FundAccount, @AsOf() asOf: string | null, @Ctx() ctx: GraphQLContext): Promise<bigint> {
    return (await accountTotalsLoader(ctx, asOf).load(account.id)).totalOut;
  }

  @FieldResolver(() => FundTransactionConnection, { description: '本账户的资金流水' })
  transactions(
    @Root() account: FundAccount,
    @Args() page: PageArgs,
    @TransactionFilterArg() filter: FundTransactionFilter | null,
    @TransactionOrderArg() orderBy: TransactionOrder | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<FundTransaction>> {
    return ctx.loaders
      .connection('fundAccount.transactions', page, { filter, orderBy }, () =>
        fundTransactionSource({ kind: 'column', column: 'account_id' }, filter, orderBy),
      )
      .load(account.id);
  }
}

const FundTransactionQueries = createEntityQueries({
  entity: FundTransaction,
  label: '资金流水',
  single: 'fundTransaction',
  plural: 'fundTransactions',
  connection: FundTransactionConnection,
  filter: FundTransactionFilter,
  order: FundTransactionOrder,
  source: fundTransactionSource,
});

@Resolver(() => FundTransaction)
export class FundTransactionResolver extends FundTransactionQueries {
  @Query(() => FundSummary, { description: '资金收支汇总：符合条件的流水的收入、支出、净额合计，并按流水类别分列' })
  fundSummary(@TransactionFilterArg() filter: FundTransactionFilter | null, @Ctx() ctx: GraphQLContext): Promise<FundSummary> {
    return fundSummary(ctx, filter);
  }

  @FieldResolver(() => FundAccount, { description: '资金账户' })
  account(@Root() transaction: FundTransaction, @Ctx() ctx: GraphQLContext): Promise<FundAccount> {
    return loadRequiredReference(ctx, FundAccount, transaction.account);
  }

  @FieldResolver(() => Member, { nullable: true, description: '记账人' })
  recordedBy(@Root() transaction: FundTransaction, @Ctx() ctx: GraphQLContext): Promise<Member | null> {
    return loadReference(ctx, Member, transaction.recordedBy);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '拨付对象党组织（下拨、慰问等支出的接收方）' })
  targetOrganization(@Root() transaction: FundTransaction, @Ctx() ctx: GraphQLContext): Promise<Organization | null> {
    return loadReference(ctx, Organization, transaction.targetOrganization);
  }
}

/** Fund-related fields of an organization. */
const fundAccountsOf = listField('Organization', 'fundAccounts', FundAccount, 'fund_account', { kind: 'column', column: 'organization_id' }, 'name');

@Resolver(() => Organization)
export class OrganizationFundsResolver {
  @FieldResolver(() => [FundAccount], { description: '本组织开立（所属）的资金账户' })
  fundAccounts(@Root() org: Organization, @Ctx() ctx: GraphQLContext): Promise<FundAccount[]> {
    return fundAccountsOf(ctx, org.id);
  }
}

const OrganizationReceivedAllocationsResolver = createOrganizationListResolver({
  organization: Organization,
  name: 'receivedAllocations',
  label: '资金流水',
  column: 'target_organization_id',
  description: '拨付给本组织的资金流水，即拨付对象为本组织的下拨、慰问、奖励等（includeDescendants 为真时含拨付给全部下级党组织的）',
  connection: FundTransactionConnection,
  filter: FundTransactionFilter,
  order: FundTransactionOrder,
  source: fundTransactionSource,
});

@Resolver()
export class FundMutationResolver {
  @Mutation(() => FundAccountPayload, { description: '开立资金账户（账户名称全局唯一；临时党组织不能开立党费类账户）' })
  openFundAccount(@MutationInputArg() input: OpenFundAccountInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => openFundAccount(em, input));
  }

  @Mutation(() => FundAccountPayload, { description: '销户：账户余额须为零，否则以 FAILED_PRECONDITION（HAS_BALANCE）拒绝；销户后不能再记账' })
  closeFundAccount(@MutationInputArg() input: CloseFundAccountInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => closeFundAccount(em, input));
  }

  @Mutation(() => FundTransactionPayload, { description: '登记党费收入：在党费或代管党费账户记入一笔类别为 党费 的收入流水' })
  recordPartyFee(@MutationInputArg() input: RecordPartyFeeInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => recordPartyFee(em, input));
  }

  @Mutation(() => AllocateFundsPayload, {
    description:
      '拨付资金（下拨或慰问）：从账户记入一笔支出流水，记录拨付对象、用途、审批会议和文号；' +
      '余额由流水汇总得出且任何时候不得为负，余额不足时以 INSUFFICIENT_FUNDS 拒绝（并发拨付逐笔排队核算）',
  })
  allocateFunds(@MutationInputArg() input: AllocateFundsInput, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return runMutation({ ctx, info, input }, (em) => allocateFunds(em, input));
  }
}

/** Resolvers of this module, registered in schema.ts through modules/index.ts. */
export const fundResolvers: Function[] = [
  FundMutationResolver,
  FundAccountResolver,
  FundTransactionResolver,
  OrganizationFundsResolver,
  OrganizationReceivedAllocationsResolver,
];
