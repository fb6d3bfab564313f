import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, type Partition } from '../../../common/filters';
import { CommendationBatch, CommendationCategory } from '../../commendation/commendation.entity';
import { CommendationFilter, RecipientKind } from '../../commendation/commendation.inputs';
import { commendationSource } from '../../commendation/commendation.loaders';
import { DonationKind, DonorType } from '../../donation/donation.entity';
import { DonationFilter } from '../../donation/donation.inputs';
import { donationSource } from '../../donation/donation.loaders';
import { FundAccount, TransactionDirection, TransactionKind } from '../../fund/fund.entity';
import { FundTransactionFilter } from '../../fund/fund.inputs';
import { fundTransactionSource } from '../../fund/fund.loaders';
import { DonationItemFilter } from '../analytics.inputs';
import {
  booleanDimension,
  countMeasure,
  distinctCount,
  entityCte,
  entityDimension,
  enumDimension,
  measure,
  organizationDimension,
  organizationDimensions,
  timeDimensions,
  valueDimension,
} from '../dimensions';
import type { FactArgs, FactDefinition } from '../fact';

const ACCOUNT_TARGET = { entity: FundAccount, table: 'fund_account', sortColumn: 'name' };
const BATCH_TARGET = { entity: CommendationBatch, table: 'commendation_batch', sortColumn: 'issued_at' };

/** Fund movements in exact fen: in, out, and in minus out. */
const moneyMeasures = [
  measure('TOTAL_IN', 'totalIn', 'money', '收入合计（元）', "sum(b.amount) filter (where b.direction = 'IN')"),
  measure('TOTAL_OUT', 'totalOut', 'money', '支出合计（元）', "sum(b.amount) filter (where b.direction = 'OUT')"),
  measure('NET', 'net', 'money', '净额：收入合计 − 支出合计（元）', "sum(case when b.direction = 'IN' then b.amount else -b.amount end)"),
];

export const fundTransactionFact: FactDefinition = {
  name: 'FundTransaction',
  field: 'fundTransactions',
  label: '资金流水',
  description: '资金统计：资金流水按账户、账户所属党组织、拨付对象、流水类别、收支方向、日期分组，计算收入、支出、净额（精确到分）',
  filter: FundTransactionFilter,
  base: (knex, partition, keys, args) => fundTransactionSource(partition, args.filter as FundTransactionFilter).base(knex, keys),
  dateColumn: 'occurred_at',
  timeSeriesField: 'fundTransactionTimeSeries',
  joins: {
    account: (sql) => {
      const accounts = entityCte(sql.knex, 'fund_account');
      return { ctes: [accounts], clause: `left join ${accounts[0]} fa on fa.id = b.account_id` };
    },
  },
  dimensions: [
    entityDimension('ACCOUNT', 'account', '资金账户', ACCOUNT_TARGET, 'b.account_id'),
    organizationDimension('ACCOUNT_ORGANIZATION', 'accountOrganization', '资金账户所属党组织', 'fa.organization_id', ['account']),
    organizationDimension('TARGET_ORGANIZATION', 'targetOrganization', '拨付对象党组织（下拨、慰问、奖励的接收方）', 'b.target_organization_id'),
    enumDimension('KIND', 'kind', '流水类别', TransactionKind, 'kind'),
    enumDimension('DIRECTION', 'direction', '收支方向', TransactionDirection, 'direction'),
    ...timeDimensions('occurred_at', '发生日期'),
  ],
  measures: [countMeasure('流水笔数'), ...moneyMeasures],
};

/** Donations are counted under the organization that received them, or under the one that mobilized them. */
const DONATION_SCOPES = [
  { name: 'RECIPIENT', column: 'recipient_id', description: '受赠党组织' },
  { name: 'MOBILIZER', column: 'mobilized_by_id', description: '发动（组织）捐赠的党组织（如 工商联党组）' },
];

const donorDimensions = [
  organizationDimension('MOBILIZED_BY', 'mobilizedBy', '发动（组织）捐赠的党组织', 'b.mobilized_by_id'),
  organizationDimension('RECIPIENT', 'recipient', '受赠党组织', 'b.recipient_id'),
  enumDimension('DONOR_TYPE', 'donorType', '捐赠方类型', DonorType, 'donor_type'),
];

export const donationFact: FactDefinition = {
  name: 'Donation',
  field: 'donations',
  label: '捐赠',
  description: '捐赠统计：按发动党组织、受赠党组织、捐赠方类型、捐赠形式、日期分组，计算笔数与资金合计（精确到分）',
  filter: DonationFilter,
  base: (knex, partition, keys, args) => donationSource(partition, args.filter as DonationFilter).base(knex, keys),
  scopes: DONATION_SCOPES,
  dateColumn: 'donated_at',
  timeSeriesField: 'donationTimeSeries',
  dimensions: [
    ...organizationDimensions('受赠（或按 via 发动捐赠）的党组织').slice(0, 2),
    ...donorDimensions,
    enumDimension('KIND', 'kind', '捐赠形式（资金 / 物资）', DonationKind, 'kind'),
    ...timeDimensions('donated_at', '捐赠日期'),
  ],
  measures: [
    countMeasure('捐赠笔数'),
    measure('CASH_COUNT', 'cashCount', 'int', '资金捐赠笔数', "count(*) filter (where b.kind = 'CASH')"),
    measure('CASH_TOTAL', 'cashTotal', 'money', '资金捐赠合计（元）', "sum(b.amount) filter (where b.kind = 'CASH')"),
    measure('MATERIAL_COUNT', 'materialCount', 'int', '物资捐赠笔数', "count(*) filter (where b.kind = 'MATERIAL')"),
  ],
};

/** Items of the donations matching `filter.donation`, each with its donation's organizations, donor type and date. */
function itemBase(knex: Knex, partition: Partition, keys: readonly number[], args: FactArgs): Knex.QueryBuilder {
  const filter = args.filter as DonationItemFilter | null | undefined;
  const donations = donationSource(partition, filter?.donation).base(knex, keys);
  const items = partitionedBase(knex, 'donation_item', { kind: 'root' }, [0]).clearSelect().select('t.*');
  if (filter?.names?.length) items.whereIn('t.name', filter.names);
  return knex
    .select('i.*', 'd.__key', 'd.mobilized_by_id', 'd.recipient_id', 'd.donor_type', 'd.donated_at')
    .from(items.as('i'))
    .join(donations.as('d'), 'd.id', 'i.donation_id');
}

export const donationItemFact: FactDefinition = {
  name: 'DonationItem',
  field: 'donationItems',
  label: '捐赠物资',
  description: '捐赠物资统计：物资明细按物资名称、计量单位、发动党组织、受赠党组织分组，计算数量合计',
  filter: DonationItemFilter,
  base: itemBase,
  scopes: DONATION_SCOPES,
  dimensions: [
    ...organizationDimensions('受赠（或按 via 发动捐赠）的党组织').slice(0, 2),
    valueDimension('ITEM', 'item', '物资名称', () => String, 'b.name'),
    valueDimension('UNIT', 'unit', '计量单位', () => String, 'b.unit'),
    ...donorDimensions,
  ],
  measures: [
    measure('QUANTITY', 'quantity', 'int', '数量合计（同一分组内单位不同的数量也会相加，按物资名称分组时请同时按计量单位分组）', 'sum(b.quantity)'),
    distinctCount('DONATION_COUNT', 'donationCount', '涉及的捐赠笔数', 'donation_id'),
  ],
};

export const commendationFact: FactDefinition = {
  name: 'Commendation',
  field: 'commendations',
  label: '表彰',
  description: '表彰统计：按表彰批次、表彰类别、对象类型、是否有奖金分组，计算人（单位）数与奖金合计',
  filter: CommendationFilter,
  base: (knex, partition, keys, args) => commendationSource(partition, args.filter as CommendationFilter).base(knex, keys),
  dimensions: [
    entityDimension('BATCH', 'batch', '表彰批次', BATCH_TARGET, 'b.batch_id'),
    enumDimension('CATEGORY', 'category', '表彰类别', CommendationCategory, 'category'),
    valueDimension(
      'RECIPIENT_KIND',
      'recipientKind',
      '表彰对象类型（党员 / 党组织）',
      () => RecipientKind,
      `case when b.recipient_member_id is not null then '${RecipientKind.MEMBER}' else '${RecipientKind.ORGANIZATION}' end`,
    ),
    booleanDimension('HAS_AWARD', 'hasAward', '是否有奖金', 'b.award_amount is not null'),
  ],
  measures: [
    countMeasure('表彰数（人数或单位数）'),
    measure('AWARD_COUNT', 'awardCount', 'int', '有奖金的表彰数', 'count(b.award_amount)'),
    measure('AWARD_TOTAL', 'awardTotal', 'money', '奖金合计（元）', 'sum(b.award_amount)'),
  ],
};
