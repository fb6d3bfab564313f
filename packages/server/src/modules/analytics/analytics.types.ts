import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { MoneyScalar } from '../../common/scalars';

/** Which rows an analytics object counts: everything the caller may see, or one organization (and its subtree). */
export interface AnalyticsScope {
  organizationId: number | null;
  includeDescendants: boolean;
}

@ObjectType({
  description: '统计分析（全部可见数据）：分组汇总、时间序列与覆盖率，每项统计在数据库中以一条 SQL 计算',
})
export class Analytics {
  scope: AnalyticsScope = { organizationId: null, includeDescendants: true };
}

@ObjectType({
  description: '某党组织范围内的统计分析（默认含全部下级党组织），与 Query.analytics 的同名统计含义相同、范围不同',
})
export class OrganizationAnalytics {
  scope!: AnalyticsScope;
}

export enum TimeInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerChineseEnum(TimeInterval, 'TimeInterval', '时间序列的时间粒度', {
  DAY: '按日',
  WEEK: '按周（周一为一周的第一天）',
  MONTH: '按月',
});

/** PostgreSQL `date_trunc` units of the intervals. */
export const INTERVAL_UNITS: Record<TimeInterval, 'day' | 'week' | 'month'> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** Age bands of the party's internal statistics (党内统计公报). */
export enum AgeBand {
  UP_TO_30 = 'UP_TO_30',
  FROM_31_TO_35 = 'FROM_31_TO_35',
  FROM_36_TO_40 = 'FROM_36_TO_40',
  FROM_41_TO_45 = 'FROM_41_TO_45',
  FROM_46_TO_50 = 'FROM_46_TO_50',
  FROM_51_TO_55 = 'FROM_51_TO_55',
  FROM_56_TO_60 = 'FROM_56_TO_60',
  OVER_60 = 'OVER_60',
}
registerChineseEnum(AgeBand, 'AgeBand', '年龄段（按党内统计口径，周岁）', {
  UP_TO_30: '30岁及以下',
  FROM_31_TO_35: '31至35岁',
  FROM_36_TO_40: '36至40岁',
  FROM_41_TO_45: '41至45岁',
  FROM_46_TO_50: '46至50岁',
  FROM_51_TO_55: '51至55岁',
  FROM_56_TO_60: '56至60岁',
  OVER_60: '61岁及以上',
});

/** Upper age of each band but the last, in order. */
export const AGE_BAND_LIMITS: Array<[AgeBand, number]> = [
  [AgeBand.UP_TO_30, 30],
  [AgeBand.FROM_31_TO_35, 35],
  [AgeBand.FROM_36_TO_40, 40],
  [AgeBand.FROM_41_TO_45, 45],
  [AgeBand.FROM_46_TO_50, 50],
  [AgeBand.FROM_51_TO_55, 55],
  [AgeBand.FROM_56_TO_60, 60],
];

@InputType({ description: '整数阈值范围（含两端），用于按统计值筛选分组（类似 SQL 的 having）' })
export class IntRange {
  @Field(() => Int, { nullable: true, description: '最小值（含）' })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: '最大值（含）' })
  max?: number | null;
}

@InputType({ description: '小数阈值范围（含两端），用于按统计值筛选分组（类似 SQL 的 having）' })
export class FloatRange {
  @Field(() => Float, { nullable: true, description: '最小值（含）' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: '最大值（含）' })
  max?: number | null;
}

@InputType({ description: '金额阈值范围（元，含两端），用于按统计值筛选分组（类似 SQL 的 having）' })
export class MoneyRange {
  @Field(() => MoneyScalar, { nullable: true, description: '最小金额（元，含）' })
  min?: bigint | null;

  @Field(() => MoneyScalar, { nullable: true, description: '最大金额（元，含）' })
  max?: bigint | null;
}
