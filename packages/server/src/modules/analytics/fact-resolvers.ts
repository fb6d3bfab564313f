import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root, type ClassType } from 'type-graphql';
import type { GraphQLContext } from '../../common/context';
import type { Partition } from '../../common/filters';
import { organizationPartition } from '../../common/relations';
import { Analytics, OrganizationAnalytics, type AnalyticsScope } from './analytics.types';
import type { FactArgs, FactDefinition } from './fact';
import type { FactScope } from './fact-sql';
import { factTypes } from './fact-schema';
import { selectedMeasures, statisticsSelection } from './selection';
import { loadStatistics } from './statistics-query';
import { loadTimeSeries, type TimeSeriesArgs } from './time-series-query';

/** JSON that tolerates the bigint fen of money thresholds, to tell loaders' argument sets apart. */
const stableJson = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

/** How the rows of a fact relate to the analytics object's scope (whole dataset or one organization). */
function factScope(fact: FactDefinition, scope: AnalyticsScope, via: string | null | undefined): Omit<FactScope, 'keys'> & { key: number } {
  const column = fact.scopes?.find((s) => s.name === via) ?? fact.scopes?.[0];
  if (scope.organizationId === null) return { partition: { kind: 'root' }, organizationColumn: column?.column ?? null, key: 0 };
  if (!column) throw new Error(`fact ${fact.name} cannot be scoped to an organization`);
  const partition: Partition = (fact.partition ?? ((c, all) => organizationPartition(all, c)))(column.column, scope.includeDescendants);
  return { partition, organizationColumn: column.column, key: scope.organizationId };
}

/**
 * One statement for every organization asking the same question in a request (DataLoader keyed by
 * organization). The question includes what the response reads (`selection`): the SQL computes
 * only that, so fields asking for other parts must not share the answer.
 */
function loadFact<V>(
  ctx: GraphQLContext,
  kind: string,
  fact: FactDefinition,
  scope: AnalyticsScope,
  args: FactArgs,
  selection: unknown,
  load: (scope: FactScope) => Promise<V[]>,
): Promise<V> {
  const { key, ...rest } = factScope(fact, scope, args.via);
  const name = `analytics.${kind}:${fact.field}:${stableJson([rest, args, selection])}`;
  return ctx.loaders.get<V>(name, (keys) => load({ ...rest, keys: keys.map(Number) })).load(key);
}

type Holder = { scope: AnalyticsScope };

function statisticsResolver(fact: FactDefinition, parent: ClassType, returns: ClassType, argsType: ClassType): Function {
  const field = fact.field;
  @Resolver(() => parent)
  class FactStatisticsResolver {
    @FieldResolver(() => returns, { name: field, description: fact.description })
    [field](@Root() holder: Holder, @Args(() => argsType) args: FactArgs, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
      const selection = statisticsSelection(fact, args, info);
      return loadFact(ctx, 'statistics', fact, holder.scope, args, selection, (scope) => loadStatistics(ctx.em, fact, scope, args, selection));
    }
  }
  return FactStatisticsResolver;
}

function timeSeriesResolver(fact: FactDefinition, parent: ClassType, returns: ClassType, argsType: ClassType): Function {
  const field = fact.timeSeriesField!;
  @Resolver(() => parent)
  class FactTimeSeriesResolver {
    @FieldResolver(() => [returns], {
      name: field,
      description: `${fact.label}时间序列：按日、周或月汇总，没有数据的时间段补 0（generate_series）`,
    })
    [field](@Root() holder: Holder, @Args(() => argsType) args: TimeSeriesArgs, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
      const measures = selectedMeasures(fact, info);
      const fields = measures.map((m) => m.field);
      return loadFact(ctx, 'series', fact, holder.scope, args, fields, (scope) => loadTimeSeries(ctx.em, fact, scope, args, measures));
    }
  }
  return FactTimeSeriesResolver;
}

/**
 * The fields of a fact: its statistics (and time series, if it has a date) on `Analytics`, and —
 * if its rows belong to organizations — the same on `OrganizationAnalytics`.
 */
export function factResolvers(fact: FactDefinition): Function[] {
  const types = factTypes(fact);
  const parents: Array<[ClassType, ClassType, ClassType | undefined]> = [[Analytics, types.Args, types.TimeSeriesArgs]];
  if (fact.scopes?.length) parents.push([OrganizationAnalytics, types.NestedArgs, types.NestedTimeSeriesArgs]);
  return parents.flatMap(([parent, args, seriesArgs]) => [
    statisticsResolver(fact, parent, types.Statistics, args),
    ...(types.Point && seriesArgs ? [timeSeriesResolver(fact, parent, types.Point, seriesArgs)] : []),
  ]);
}
