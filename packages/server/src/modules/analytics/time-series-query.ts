import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors';
import type { DateRange } from '../../common/filters';
import { INTERVAL_UNITS, TimeInterval } from './analytics.types';
import type { FactArgs, FactDefinition, Measure } from './fact';
import { dimmedRows, factBase, measureColumn, measuresOf, sqlContext, type FactScope, type Row } from './fact-sql';

export interface TimeSeriesArgs extends FactArgs {
  interval: TimeInterval;
  range?: DateRange | null;
}

export interface TimeSeriesPoint extends Row {
  period: string;
  periodEnd: string;
}

/** More buckets than this is a mistake (e.g. daily over decades), refused rather than computed. */
export const MAX_BUCKETS = 1000;

const DAYS_PER_BUCKET: Record<TimeInterval, number> = { DAY: 1, WEEK: 7, MONTH: 28 };

function checkRange(args: TimeSeriesArgs): void {
  const { from, to } = args.range ?? {};
  if (from && to && from > to) throw badUserInput('起始日期不能晚于截止日期', ['range.from', 'range.to']);
  if (from && to && (Date.parse(to) - Date.parse(from)) / 86_400_000 / DAYS_PER_BUCKET[args.interval] > MAX_BUCKETS) {
    throw badUserInput(`时间范围过大：最多 ${MAX_BUCKETS} 个时间段，请缩小范围或改用更粗的时间粒度`, 'range');
  }
}

function seriesQuery(knex: Knex, fact: FactDefinition, scope: FactScope, args: TimeSeriesArgs, measures: Measure[]): Knex.QueryBuilder {
  const sql = sqlContext(knex, scope, args);
  const unit = INTERVAL_UNITS[args.interval];
  const column = `b.${fact.dateColumn}`;
  const columns = (fact.columns ?? []).filter((c) => measures.some((m) => m.columns?.includes(c.name)));
  const dimmed = dimmedRows(fact, sql, [], columns);
  // Always an aggregate, so `bounds` is one row even when both ends are given.
  const bound = (value: string | null | undefined, edge: 'min' | 'max') => `coalesce(${value ? `${sql.literal(value)}::date` : 'null'}, ${edge}(${column}))`;
  const measureColumns = measures.map((m) => `, ${measureColumn(m, sql)}`).join('');
  const measureNames = measures.map((m) => knex.raw(`a."m_${m.field}"`));
  let query = knex.queryBuilder();
  for (const [name, cte] of dimmed.ctes) query = query.with(name, cte);
  return query
    .with('base', factBase(knex, fact, scope, args))
    .with('dimmed', knex.raw(dimmed.sql))
    .with('bounds', knex.raw(`select ${bound(args.range?.from, 'min')} as lo, ${bound(args.range?.to, 'max')} as hi from base b`))
    .with(
      'periods',
      knex.raw(`select generate_series(date_trunc('${unit}', lo), date_trunc('${unit}', hi), interval '1 ${unit}')::date as period
from bounds where lo <= hi limit ${MAX_BUCKETS + 1}`),
    )
    .with('series_keys', knex.raw(`select unnest(array[${scope.keys.map(Number).join(', ')}]::int[]) as __key`))
    .with(
      'agg',
      knex.raw(`select b.__key, date_trunc('${unit}', ${column})::date as __period${measureColumns}
from dimmed b cross join bounds
where ${column} between bounds.lo and bounds.hi group by 1, 2`),
    )
    .select(
      'k.__key',
      knex.raw(`to_char(p.period, 'YYYY-MM-DD') as period`),
      knex.raw(`to_char(p.period + interval '1 ${unit}' - interval '1 day', 'YYYY-MM-DD') as period_end`),
      ...measureNames,
    )
    .from(knex.raw('series_keys k cross join periods p'))
    .joinRaw('left join agg a on a.__key = k.__key and a.__period = p.period')
    .orderBy(['k.__key', 'p.period']);
}

/**
 * A fact's measures per day, week or month for every key, in one SQL statement: `generate_series`
 * lays out every bucket from the range (or the data's first to last date), so buckets without rows
 * appear with zeros. Only `measures` (those the response reads) are computed.
 */
export async function loadTimeSeries(
  em: EntityManager,
  fact: FactDefinition,
  scope: FactScope,
  args: TimeSeriesArgs,
  measures: Measure[] = fact.measures,
): Promise<TimeSeriesPoint[][]> {
  checkRange(args);
  const rows: Row[] = await em.execute(seriesQuery(em.getKnex(), fact, scope, args, measures));
  const periods = new Set(rows.map((row) => row.period));
  if (periods.size > MAX_BUCKETS) throw badUserInput(`时间段过多（超过 ${MAX_BUCKETS} 个）：请指定 range 或改用更粗的时间粒度`, 'interval');
  return scope.keys.map((key) =>
    rows
      .filter((row) => Number(row.__key) === key)
      .map((row) => ({ period: String(row.period), periodEnd: String(row.period_end), ...measuresOf(measures, row) })),
  );
}
