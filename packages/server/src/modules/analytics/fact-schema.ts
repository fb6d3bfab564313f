import { Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { registerChineseEnum } from '../../common/enums';
import { DateRange } from '../../common/filters';
import { OrderDirection } from '../../common/pagination';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import { FloatRange, IntRange, MoneyRange, TimeInterval } from './analytics.types';
import type { Dimension, FactDefinition, Measure } from './fact';
import { DEFAULT_GROUPS, MAX_GROUPS } from './statistics-query';

/**
 * GraphQL types of a fact, built from its definition: the group and statistics object types, the
 * dimension and order enums, the having and order inputs, and the argument sets.
 */
export interface FactTypes {
  Statistics: ClassType;
  Args: ClassType;
  NestedArgs: ClassType;
  Point?: ClassType;
  TimeSeriesArgs?: ClassType;
  NestedTimeSeriesArgs?: ClassType;
}

/** A class whose `name` is `name` (type-graphql reads metadata by class). */
function namedClass(name: string, base: ClassType = class {}): ClassType {
  return { [name]: class extends base {} }[name];
}

function chineseEnum(name: string, description: string, entries: Array<[string, string]>): object {
  const values = Object.fromEntries(entries.map(([key]) => [key, key]));
  registerChineseEnum(values, name, description, Object.fromEntries(entries));
  return values;
}

const MEASURE_TYPES = { int: () => Int, float: () => Float, money: () => MoneyScalar };
const RANGE_TYPES = { int: () => IntRange, float: () => FloatRange, money: () => MoneyRange };

function addMeasureFields(target: ClassType, measures: Measure[]): void {
  for (const m of measures) Field(MEASURE_TYPES[m.type], { nullable: m.nullable, description: m.description })(target.prototype, m.field);
}

function dimensionType(dimension: Dimension): () => unknown {
  const output = dimension.output;
  return output.kind === 'entity' ? () => output.entity : output.type;
}

function groupType(fact: FactDefinition): ClassType {
  const Group = namedClass(`${fact.name}StatisticsGroup`);
  for (const d of fact.dimensions) {
    Field(dimensionType(d) as () => ClassType, { nullable: true, description: `${d.description}（未按此维度分组时为空）` })(Group.prototype, d.field);
  }
  addMeasureFields(Group, fact.measures);
  ObjectType(`${fact.name}StatisticsGroup`, { description: `${fact.label}统计的一组（total 为全部符合条件的${fact.label}，各维度字段为空）` })(Group);
  return Group;
}

function statisticsType(fact: FactDefinition): ClassType {
  const Group = groupType(fact);
  const Statistics = namedClass(`${fact.name}Statistics`);
  const proto = Statistics.prototype;
  Field(() => Group, { description: `全部符合筛选条件的${fact.label}的汇总（不受 having、first 影响）` })(proto, 'total');
  Field(() => [Group], { description: '按 groupBy 分组的结果：经 having 筛选、orderBy 排序、first 截取；未指定 groupBy 时为空列表' })(proto, 'groups');
  Field(() => Int, { description: '符合 having 的分组总数（不受 first 影响）' })(proto, 'groupCount');
  ObjectType(`${fact.name}Statistics`, { description: `${fact.label}统计：汇总与分组结果` })(Statistics);
  return Statistics;
}

function havingType(fact: FactDefinition): ClassType {
  const Having = namedClass(`${fact.name}StatisticsHaving`);
  for (const m of fact.measures) Field(RANGE_TYPES[m.type], { nullable: true, description: `${m.description}的范围` })(Having.prototype, m.field);
  InputType(`${fact.name}StatisticsHaving`, { description: `${fact.label}分组的阈值条件（类似 SQL 的 having，各条件同时满足）` })(Having);
  return Having;
}

function orderType(fact: FactDefinition): ClassType {
  const fields = chineseEnum(`${fact.name}StatisticsOrderField`, `${fact.label}统计的排序依据：统计值或分组维度`, [
    ...fact.measures.map((m): [string, string] => [m.name, `统计值：${m.description}`]),
    ...fact.dimensions.map((d): [string, string] => [d.name, `分组维度（须在 groupBy 中）：${d.description}`]),
  ]);
  const Order = namedClass(`${fact.name}StatisticsOrder`);
  Field(() => fields, { description: '排序依据' })(Order.prototype, 'field');
  Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: '排序方向' })(Order.prototype, 'direction');
  InputType(`${fact.name}StatisticsOrder`, { description: `${fact.label}分组的排序方式` })(Order);
  return Order;
}

function filterField(fact: FactDefinition, proto: object): void {
  if (!fact.filter) return;
  Field(() => fact.filter!, { nullable: true, description: fact.filterDescription ?? `只统计符合条件的${fact.label}` })(proto, 'filter');
  ValidateNested()(proto, 'filter');
}

function extraArgFields(fact: FactDefinition, proto: object): void {
  for (const extra of fact.extraArgs ?? []) {
    Field(extra.type as () => ClassType, { nullable: extra.nullable, defaultValue: extra.defaultValue, description: extra.description })(proto, extra.name);
    for (const validator of extra.validators ?? []) validator(proto, extra.name);
  }
}

function statisticsArgs(fact: FactDefinition): ClassType {
  const dimensions = chineseEnum(
    `${fact.name}StatisticsDimension`,
    `${fact.label}统计的分组维度`,
    fact.dimensions.map((d) => [d.name, d.description]),
  );
  const Having = havingType(fact);
  const Order = orderType(fact);
  const Args = namedClass(`${fact.name}StatisticsArgs`);
  const proto = Args.prototype;
  filterField(fact, proto);
  Field(() => [dimensions], { nullable: true, description: '分组维度（按顺序组合，最多 4 个）；不填时只计算 total' })(proto, 'groupBy');
  Field(() => Having, { nullable: true, description: '分组的阈值条件（类似 SQL 的 having）' })(proto, 'having');
  ValidateNested()(proto, 'having');
  Field(() => [Order], { nullable: true, description: '分组排序（默认按各分组维度升序）' })(proto, 'orderBy');
  Field(() => Int, { defaultValue: DEFAULT_GROUPS, description: `最多返回的分组数（1～${MAX_GROUPS}）；groupCount 给出总数` })(proto, 'first');
  Min(1, { message: 'first 至少为 1' })(proto, 'first');
  Max(MAX_GROUPS, { message: `first 不能超过 ${MAX_GROUPS}` })(proto, 'first');
  extraArgFields(fact, proto);
  ArgsType()(Args);
  return Args;
}

/** Under `Organization.analytics`, facts with several organization columns take `via` to pick one. */
function viaEnum(fact: FactDefinition): object | null {
  if ((fact.scopes?.length ?? 0) < 2) return null;
  return chineseEnum(`${fact.name}Scope`, `${fact.label}按哪个党组织归属统计`, fact.scopes!.map((s) => [s.name, s.description]));
}

function withVia(fact: FactDefinition, via: object | null, Args: ClassType, name: string): ClassType {
  if (!via) return Args;
  const Nested = namedClass(name, Args);
  Field(() => via, { defaultValue: fact.scopes![0].name, description: `${fact.label}按哪个党组织归属计入本组织范围` })(Nested.prototype, 'via');
  ArgsType()(Nested);
  return Nested;
}

function timeSeriesTypes(fact: FactDefinition, via: object | null): Pick<FactTypes, 'Point' | 'TimeSeriesArgs' | 'NestedTimeSeriesArgs'> {
  const Point = namedClass(`${fact.name}TimeSeriesPoint`);
  Field(() => LocalDateScalar, { description: '时间段的第一天' })(Point.prototype, 'period');
  Field(() => LocalDateScalar, { description: '时间段的最后一天' })(Point.prototype, 'periodEnd');
  addMeasureFields(Point, fact.measures);
  ObjectType(`${fact.name}TimeSeriesPoint`, { description: `${fact.label}时间序列的一个时间段（没有数据的时间段各统计值为 0）` })(Point);
  const Args = namedClass(`${fact.name}TimeSeriesArgs`);
  filterField(fact, Args.prototype);
  Field(() => TimeInterval, { defaultValue: TimeInterval.DAY, description: '时间粒度' })(Args.prototype, 'interval');
  Field(() => DateRange, { nullable: true, description: '时间范围（默认从最早到最晚一条数据的日期）' })(Args.prototype, 'range');
  ArgsType()(Args);
  return { Point, TimeSeriesArgs: Args, NestedTimeSeriesArgs: withVia(fact, via, Args, `${fact.name}NestedTimeSeriesArgs`) };
}

export function factTypes(fact: FactDefinition): FactTypes {
  const Args = statisticsArgs(fact);
  const via = viaEnum(fact);
  return {
    Statistics: statisticsType(fact),
    Args,
    NestedArgs: withVia(fact, via, Args, `${fact.name}NestedStatisticsArgs`),
    ...(fact.dateColumn ? timeSeriesTypes(fact, via) : {}),
  };
}
