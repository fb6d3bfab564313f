import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors';
import type { Dimension, FactArgs, FactDefinition, Measure, SqlContext } from './fact';
import { entityCte } from './dimensions';
import type { StatisticsSelection } from './selection';
import {
  factBase,
  groupOf,
  measureColumn,
  measuresOf,
  requestedDimensions,
  dimmedRows,
  sqlContext,
  type FactScope,
  type Row,
} from './fact-sql';

export interface StatisticsResult {
  total: Row;
  groups: Row[];
  groupCount: number;
}

interface Plan {
  fact: FactDefinition;
  sql: SqlContext;
  /** The dimensions groups are formed by; none when the query reads no groups (nor their count). */
  dimensions: Dimension[];
  /** Only the measures the response (or having/orderBy) reads: the others may be costly (joins, age()). */
  measures: Measure[];
  args: FactArgs;
  selection: StatisticsSelection;
}

/**
 * `group by`: every dimension per key and, if the total is read, the key alone too, in one pass
 * (grouping sets); without dimensions only the total.
 */
function aggregation(plan: Plan): string {
  const dims = plan.dimensions.map((_, i) => `b.__d${i}`);
  const measures = plan.measures.map((m) => `, ${measureColumn(m, plan.sql)}`).join('');
  if (!dims.length) return `select b.__key, true as __total${measures} from dimmed b group by b.__key`;
  if (!plan.selection.total) return `select b.__key, ${dims.join(', ')}, false as __total${measures} from dimmed b group by b.__key, ${dims.join(', ')}`;
  return `select b.__key, ${dims.join(', ')}, grouping(b.__d0) = 1 as __total${measures}
from dimmed b group by grouping sets ((b.__key, ${dims.join(', ')}), (b.__key))`;
}

function sortExpression(plan: Plan, dimension: Dimension): string {
  const i = plan.dimensions.indexOf(dimension);
  return dimension.output.kind === 'entity' ? `e${i}."${dimension.output.sortColumn}"` : `a.__d${i}`;
}

/** The requested ordering (measures or grouped dimensions), then every dimension ascending. */
function ordering(plan: Plan): string {
  const terms = (plan.args.orderBy ?? []).map(({ field, direction }) => {
    const measure = plan.measures.find((m) => m.name === field);
    if (measure) return `a."m_${measure.field}" ${direction} nulls last`;
    const dimension = plan.dimensions.find((d) => d.name === field);
    if (!dimension) throw badUserInput(`排序字段 ${field} 不是统计值，也不在 groupBy 中`, 'orderBy');
    return `${sortExpression(plan, dimension)} ${direction} nulls last`;
  });
  terms.push(...plan.dimensions.map((d) => `${sortExpression(plan, d)} asc nulls last`));
  return terms.length ? terms.join(', ') : 'a.__key';
}

/** `having`: each measure's range, on the groups only (the total always stays). */
function havingCondition(plan: Plan): { sql: string; bindings: Array<string | number> } {
  const conditions: string[] = [];
  const bindings: Array<string | number> = [];
  for (const measure of plan.measures) {
    const range = plan.args.having?.[measure.field];
    for (const [bound, operator] of [['min', '>='], ['max', '<=']] as const) {
      const value = range?.[bound];
      if (value === null || value === undefined) continue;
      conditions.push(`a."m_${measure.field}" ${operator} ?`);
      bindings.push(typeof value === 'bigint' ? value.toString() : value);
    }
  }
  return { sql: conditions.length ? conditions.join(' and ') : 'true', bindings };
}

/** Entity dimensions are labelled by joining their (scoped) table once the groups are formed. */
function labelJoins(plan: Plan) {
  const entities = plan.dimensions.flatMap((d, i) => (d.output.kind === 'entity' ? [{ i, cte: entityCte(plan.sql.knex, d.output.table) }] : []));
  return {
    ctes: entities.map(({ cte }) => cte),
    columns: entities.map(({ i }) => `, to_jsonb(e${i}) - '__key' as __e${i}`).join(''),
    clauses: entities.map(({ i, cte }) => ` left join ${cte[0]} e${i} on e${i}.id = a.__d${i}`).join(''),
  };
}

/**
 * Which groups come back: with `groups` read, the first ones of each key in the requested order
 * (entity labels joined for it); with only `groupCount` read, one arbitrary group per key carrying
 * the count, so no ordering nor labels are computed.
 */
function rankedGroups(plan: Plan): { sql: string; bindings: Array<string | number>; ctes: Array<[string, Knex.QueryBuilder]>; limit: number } {
  const { groups, groupCount } = plan.selection;
  const labels = groups ? labelJoins(plan) : { ctes: [], columns: '', clauses: '' };
  const having = havingCondition(plan);
  const order = groups ? ` order by ${ordering(plan)}` : '';
  const count = groupCount ? `,\n  count(*) over (partition by a.__key, a.__total) as __groups` : '';
  return {
    sql: `select a.*${labels.columns},
  row_number() over (partition by a.__key, a.__total${order}) as __rn${count}
from agg a${labels.clauses} where a.__total or (${having.sql})`,
    bindings: having.bindings,
    ctes: labels.ctes,
    limit: groups ? (plan.args.first ?? DEFAULT_GROUPS) : 1,
  };
}

function statisticsQuery(plan: Plan, base: Knex.QueryBuilder): Knex.QueryBuilder {
  const knex = plan.sql.knex;
  const columns = (plan.fact.columns ?? []).filter((c) => plan.measures.some((m) => m.columns?.includes(c.name)));
  const dimmed = dimmedRows(plan.fact, plan.sql, plan.dimensions, columns);
  const ranked = plan.dimensions.length ? rankedGroups(plan) : null;
  const ctes = new Map([...dimmed.ctes, ...(ranked?.ctes ?? [])]);
  let query = knex.queryBuilder();
  for (const [name, cte] of ctes) query = query.with(name, cte);
  query = query.with('base', base).with('dimmed', knex.raw(dimmed.sql)).with('agg', knex.raw(aggregation(plan)));
  // Without dimensions there are only totals: nothing to rank, count or cut.
  if (!ranked) return query.select('*').from('agg').orderBy('__key');
  return query
    .with('ranked', knex.raw(ranked.sql, ranked.bindings))
    .select('*')
    .from('ranked')
    .whereRaw('__total or __rn <= ?', [ranked.limit])
    .orderBy([{ column: '__key' }, { column: '__total' }, { column: '__rn' }]);
}

export const DEFAULT_GROUPS = 100;
export const MAX_GROUPS = 2000;

/**
 * Grouped statistics of a fact for every key, in one SQL statement: the fact rows are grouped by
 * key and the requested dimensions, totals come from the same pass (grouping sets), `having`
 * filters and `first` limits the groups of each key. Only what `selection` reads is computed:
 * unread measures (and the joins behind them), the total, the group count or the groups themselves
 * are left out of the SQL.
 */
export async function loadStatistics(
  em: EntityManager,
  fact: FactDefinition,
  scope: FactScope,
  args: FactArgs,
  selection: StatisticsSelection,
): Promise<StatisticsResult[]> {
  const knex = em.getKnex();
  const requested = requestedDimensions(fact, args.groupBy);
  const grouped = selection.groups || selection.groupCount;
  const plan: Plan = {
    fact,
    sql: sqlContext(knex, scope, args),
    dimensions: grouped ? requested : [],
    measures: fact.measures.filter((m) => selection.measures.includes(m.field)),
    args,
    selection,
  };
  // A wrong orderBy is refused whether or not the groups it would sort are read.
  ordering({ ...plan, dimensions: requested, measures: fact.measures });
  const rows: Row[] = await em.execute(statisticsQuery(plan, factBase(knex, fact, scope, args)));
  return scope.keys.map((key) => {
    const own = rows.filter((row) => Number(row.__key) === key);
    const groups = own.filter((row) => !row.__total);
    return {
      total: measuresOf(plan.measures, own.find((row) => row.__total)),
      groups: selection.groups ? groups.map((row) => groupOf(em, plan.dimensions, plan.measures, row)) : [],
      groupCount: selection.groupCount && groups.length ? Number(groups[0].__groups) : 0,
    };
  });
}
