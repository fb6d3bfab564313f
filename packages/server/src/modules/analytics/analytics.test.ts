import { Role } from '../../common/auth/roles';
import { requestScope } from '../../common/request-scope';
import { startTestServer, tokenFor, type TestServer } from '../../test/harness';
import { FACTS } from './analytics.resolver';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Data = Record<string, any>;

async function query(text: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const result = await server.gql(text, variables, headers);
  expect(result.errors).toBeUndefined();
  return { data: result.data as Data, statements: result.extensions?.sqlStatements };
}

async function errorCode(text: string): Promise<string | undefined> {
  const result = await server.gql(text);
  expect(result.data?.analytics ?? null).toBeNull();
  return result.errors?.[0].extensions?.code;
}

const MEASURES: Record<string, string> = Object.fromEntries(FACTS.map((fact) => [fact.field, fact.measures.map((m) => m.field).join(' ')]));

describe('aggregates over the full demo dataset', () => {
  it.each(FACTS.map((fact) => [fact.field, fact] as const))('%s: grouped by two dimensions in one SQL statement', async (_field, fact) => {
    const dimensions = fact.dimensions.slice(0, 2);
    const { data, statements } = await query(`{
      analytics {
        ${fact.field}(groupBy: [${dimensions.map((d) => d.name).join(', ')}], first: 2000) {
          groupCount
          total { ${MEASURES[fact.field]} }
          groups { ${MEASURES[fact.field]} }
        }
      }
    }`);
    expect(statements).toBe(1);
    const result = data.analytics[fact.field];
    expect(result.groups.length).toBe(result.groupCount);
    expect(result.total.count ?? result.total.villageCount ?? result.total.quantity).toBeGreaterThan(0);
  });

  it.each(FACTS.filter((fact) => fact.timeSeriesField).map((fact) => [fact.timeSeriesField!, fact] as const))(
    '%s: a month-by-month series in one SQL statement',
    async (field) => {
      const { data, statements } = await query(`{ analytics { ${field}(interval: MONTH) { period periodEnd count } } }`);
      expect(statements).toBe(1);
      expect(data.analytics[field].length).toBeGreaterThan(0);
    },
  );

  it('nests under any number of organizations at one statement per aggregate', async () => {
    const { data, statements } = await query(`{
      organizations(first: 30, filter: { kinds: [PARTY_COMMITTEE, WORKING_COMMITTEE] }) {
        nodes {
          name
          memberCount(includeDescendants: true)
          analytics { members { total { count } } inspections(groupBy: [ROUND]) { groupCount } }
        }
      }
    }`);
    expect(data.organizations.nodes.length).toBeGreaterThan(20);
    for (const org of data.organizations.nodes) expect(org.analytics.members.total.count).toBe(org.memberCount);
    expect(statements).toBe(4);
  });
});

describe('grouping, thresholds and ordering', () => {
  it('rolls each child organization up with its whole subtree', async () => {
    const { data } = await query(`{
      analytics { members(groupBy: [CHILD_ORGANIZATION], first: 2000) { total { count } groups { count childOrganization { name memberCount(includeDescendants: true) } } } }
    }`);
    const { total, groups } = data.analytics.members;
    for (const group of groups) expect(group.count).toBe(group.childOrganization.memberCount);
    expect(groups.reduce((sum: number, g: Data) => sum + g.count, 0)).toBe(total.count);
  });

  it('applies having, orders by a measure and limits with first while groupCount counts every group', async () => {
    const all = await query('{ analytics { members(groupBy: [TOWN], first: 2000) { groupCount groups { count } } } }');
    const big = all.data.analytics.members.groups.filter((g: Data) => g.count >= 1500).map((g: Data) => g.count);
    const { data } = await query(`{
      analytics { members(groupBy: [TOWN], having: { count: { min: 1500 } }, orderBy: [{ field: COUNT, direction: DESC }], first: 3) {
        groupCount groups { count town { name } }
      } }
    }`);
    const result = data.analytics.members;
    expect(result.groupCount).toBe(big.length);
    expect(result.groups.map((g: Data) => g.count)).toEqual([...big].sort((a, b) => b - a).slice(0, 3));
  });

  it('orders by a dimension only when grouped by it', async () => {
    const { data } = await query('{ analytics { inspections(groupBy: [ROUND], orderBy: [{ field: ROUND, direction: DESC }], first: 2) { groups { round } } } }');
    expect(data.analytics.inspections.groups).toEqual([{ round: 17 }, { round: 16 }]);
    expect(await errorCode('{ analytics { inspections(groupBy: [DAY], orderBy: [{ field: ROUND }]) { groupCount } } }')).toBe('BAD_USER_INPUT');
  });

  it('keeps money exact and consistent with the ledger summary', async () => {
    const { data } = await query(`{
      analytics { fundTransactions(groupBy: [KIND], having: { totalOut: { min: "2030000.00", max: "2030000.00" } }) { total { totalIn totalOut net } groups { kind totalOut } } }
      fundSummary { totalIn totalOut net }
    }`);
    const { total, groups } = data.analytics.fundTransactions;
    expect(total).toEqual(data.fundSummary);
    expect(groups).toEqual([{ kind: 'CONDOLENCE', totalOut: '2030000.00' }]);
  });

  it('computes ages and age bands as of a given date', async () => {
    const { data } = await query(`{
      analytics { members(filter: { names: ["刘小峰", "谈杰"] }, groupBy: [AGE_BAND], asOf: "2020-02-16") { groups { ageBand count averageAge } } }
    }`);
    expect(data.analytics.members.groups).toEqual([
      { ageBand: 'FROM_36_TO_40', count: 1, averageAge: 38 },
      { ageBand: 'OVER_60', count: 1, averageAge: 74 },
    ]);
  });

  it('refuses more groups than allowed, or too many dimensions', async () => {
    expect(await errorCode('{ analytics { members(first: 5000) { groupCount } } }')).toBe('BAD_USER_INPUT');
    expect(await errorCode('{ analytics { members(groupBy: [GENDER, STATUS, EDUCATION, AGE_BAND, TOWN]) { groupCount } } }')).toBe('BAD_USER_INPUT');
  });
});

describe('only what the query reads is computed', () => {
  /** The SQL statements a query sends, captured through the ORM's statement hook (the one that counts them). */
  async function statementsOf(text: string, variables?: Record<string, unknown>) {
    const knex = server.orm.em.getKnex();
    const sql: string[] = [];
    // Only the request's statements: the change feed polls the log on its own timer, outside any request.
    const listener = (statement: { sql: string }) => {
      if (requestScope.getStore()) sql.push(statement.sql);
    };
    knex.on('query', listener);
    try {
      return { ...(await query(text, variables)), sql };
    } finally {
      knex.off('query', listener);
    }
  }

  const UNREAD_WORK = [/community_report/, /\bage\(/, /grouping sets/i, /count\(\*\) over/i];

  it('counts members by occupation in one statement without the reports join, ages, the total or the group count', async () => {
    const { data, statements, sql } = await statementsOf('{ analytics { members(groupBy: [OCCUPATION]) { groups { occupation count } } } }');
    expect(statements).toBe(1);
    expect(sql).toHaveLength(1);
    for (const work of UNREAD_WORK) expect(sql[0]).not.toMatch(work);
    const all = await query('{ analytics { members { total { count } } } }');
    const groups = data.analytics.members.groups as Data[];
    expect(groups.length).toBe(10);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(all.data.analytics.members.total.count);
  });

  it('still joins the reports when a measure needs them, and computes the total and group count when read', async () => {
    const { sql } = await statementsOf('{ analytics { members(groupBy: [OCCUPATION]) { groupCount total { reportedToCommunityCount } } } }');
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/community_report/);
    expect(sql[0]).toMatch(/grouping sets/i);
    expect(sql[0]).toMatch(/count\(\*\) over/i);
    expect(sql[0]).not.toMatch(/\bage\(/);
  });

  it('answers every measure, the total and the group count exactly as plain SQL does, through fragments, aliases and @include', async () => {
    const { data, statements } = await query(
      `query ($withTotal: Boolean!, $skipCount: Boolean!) {
        analytics {
          byOccupation: members(groupBy: [OCCUPATION], asOf: "2020-02-16") {
            groupCount @skip(if: $skipCount)
            ...Figures
            total @include(if: $withTotal) { count ... on MemberStatisticsGroup { averageAge } }
          }
        }
      }
      fragment Figures on MemberStatistics {
        groups { occupation n: count ...Measures }
        total { ...Measures }
      }
      fragment Measures on MemberStatisticsGroup { averageAge inServiceCount reportedToCommunityCount reportedToCommunityRatio }`,
      { withTotal: true, skipCount: false },
    );
    expect(statements).toBe(1);
    const expected = await server.orm.em.getConnection().execute<Data[]>(`
      with reported as (select distinct member_id from community_report)
      select grouping(m.occupation) = 1 as total, m.occupation, count(*)::int as n,
        avg(extract(year from age('2020-02-16'::date, m.birth_date))::int)::float8 as "averageAge",
        (count(*) filter (where m.in_service))::int as "inServiceCount",
        (count(*) filter (where r.member_id is not null))::int as "reportedToCommunityCount",
        (count(*) filter (where m.in_service and r.member_id is not null))::float8 / nullif(count(*) filter (where m.in_service), 0) as "reportedToCommunityRatio"
      from member m left join reported r on r.member_id = m.id
      group by grouping sets ((m.occupation), ()) order by m.occupation nulls last`);
    const figures = ({ averageAge, inServiceCount, reportedToCommunityCount, reportedToCommunityRatio }: Data) => ({
      averageAge,
      inServiceCount,
      reportedToCommunityCount,
      reportedToCommunityRatio,
    });
    const result = data.analytics.byOccupation;
    const total = expected.find((row) => row.total)!;
    expect(result.total).toEqual({ count: total.n, ...figures(total) });
    const groups = expected.filter((row) => !row.total);
    expect(result.groupCount).toBe(groups.length);
    expect(result.groups).toEqual(groups.map((row) => ({ occupation: row.occupation, n: row.n, ...figures(row) })));
  });

  it('ranks and filters groups by measures the response does not read', async () => {
    const read = await query('{ analytics { members(groupBy: [TOWN], first: 2000) { groups { town { name } averageAge count } } } }');
    const expected = (read.data.analytics.members.groups as Data[])
      .filter((g) => g.count >= 1500)
      .sort((a, b) => b.averageAge - a.averageAge)
      .map((g) => g.town?.name ?? null);
    const { data } = await query(`{
      analytics { members(groupBy: [TOWN], having: { count: { min: 1500 } }, orderBy: [{ field: AVERAGE_AGE, direction: DESC }]) { groupCount groups { town { name } } } }
    }`);
    expect(data.analytics.members.groups.map((g: Data) => g.town?.name ?? null)).toEqual(expected);
    expect(data.analytics.members.groupCount).toBe(expected.length);
  });

  it('does not share one answer between fields asking the same question for different parts', async () => {
    const { data, statements } = await query(`{
      analytics {
        counts: members(groupBy: [GENDER]) { total { count } }
        ages: members(groupBy: [GENDER]) { groupCount groups { gender averageAge } }
      }
    }`);
    expect(statements).toBe(2);
    expect(data.analytics.counts.total.count).toBeGreaterThan(40000);
    expect(data.analytics.ages.groupCount).toBe(2);
    for (const group of data.analytics.ages.groups) expect(group.averageAge).toBeGreaterThan(20);
  });

  it('computes only the selected measures of a time series', async () => {
    const { data, sql } = await statementsOf('{ analytics { donationTimeSeries(interval: MONTH) { period cashCount } } }');
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/m_cashCount/);
    expect(sql[0]).not.toMatch(/m_cashTotal|m_materialCount/);
    expect(data.analytics.donationTimeSeries.length).toBeGreaterThan(0);
  });
});

describe('time series', () => {
  it('fills days, weeks and months without data with zeros', async () => {
    const { data } = await query(`{
      analytics {
        days: careVisitTimeSeries(interval: DAY, range: { from: "2020-01-25", to: "2020-02-01" }) { period periodEnd count }
        weeks: inspectionTimeSeries(interval: WEEK, range: { from: "2020-01-01", to: "2020-02-29" }) { period periodEnd count }
        months: fundTransactionTimeSeries(interval: MONTH, filter: { kinds: [CONDOLENCE] }, range: { from: "2019-12-15", to: "2020-03-01" }) { period periodEnd totalOut }
      }
    }`);
    const { days, weeks, months } = data.analytics;
    expect(days.map((d: Data) => d.period)).toEqual(['2020-01-25', '2020-01-26', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30', '2020-01-31', '2020-02-01']);
    expect(days[0]).toEqual({ period: '2020-01-25', periodEnd: '2020-01-25', count: 0 });
    expect(weeks[0]).toEqual({ period: '2019-12-30', periodEnd: '2020-01-05', count: 0 });
    expect(weeks.every((w: Data) => new Date(`${w.period}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(weeks.reduce((sum: number, w: Data) => sum + w.count, 0)).toBe(452 * 17);
    expect(months).toEqual([
      { period: '2019-12-01', periodEnd: '2019-12-31', totalOut: '0.00' },
      { period: '2020-01-01', periodEnd: '2020-01-31', totalOut: '0.00' },
      { period: '2020-02-01', periodEnd: '2020-02-29', totalOut: '2030000.00' },
      { period: '2020-03-01', periodEnd: '2020-03-31', totalOut: '0.00' },
    ]);
  });

  it('refuses reversed or oversized ranges', async () => {
    expect(await errorCode('{ analytics { careVisitTimeSeries(range: { from: "2020-02-01", to: "2020-01-01" }) { count } } }')).toBe('BAD_USER_INPUT');
    expect(await errorCode('{ analytics { careVisitTimeSeries(interval: DAY, range: { from: "2000-01-01", to: "2020-01-01" }) { count } } }')).toBe('BAD_USER_INPUT');
  });
});

describe('coverage', () => {
  it('counts villages inspected per town and per round, against all villages', async () => {
    const { data } = await query(`{
      analytics {
        byTown: villageCoverage(groupBy: [TOWN]) { total { villageCount coveredCount } groups { town { name } villageCount coveredCount } }
        byRound: villageCoverage(groupBy: [ROUND], filter: { rounds: [1, 2] }) { groups { round villageCount coveredCount coverageRatio } }
        tooOften: villageCoverage(minInspections: 18) { total { coveredCount uncoveredCount coverageRatio } }
      }
    }`);
    const { byTown, byRound, tooOften } = data.analytics;
    expect(byTown.total).toEqual({ villageCount: 452, coveredCount: 452 });
    expect(byTown.groups).toHaveLength(19);
    expect(byTown.groups.reduce((sum: number, g: Data) => sum + g.villageCount, 0)).toBe(452);
    expect(byRound.groups).toEqual([
      { round: 1, villageCount: 452, coveredCount: 452, coverageRatio: 1 },
      { round: 2, villageCount: 452, coveredCount: 452, coverageRatio: 1 },
    ]);
    expect(tooOften.total).toEqual({ coveredCount: 0, uncoveredCount: 452, coverageRatio: 0 });
  });

  it('filters inspections that covered every 塆组 of the village', async () => {
    const { data } = await query(`{
      organizations(filter: { nameContains: "龙池桥街道工作委员会" }) { nodes { analytics {
        full: inspections(filter: { fullGroupCoverage: true }, groupBy: [ORGANIZATION], first: 2000) { groups { count } }
        partial: inspections(filter: { fullGroupCoverage: false }) { total { count } }
        all: inspections { total { count villageCount } }
      } } }
    }`);
    const { full, partial, all } = data.organizations.nodes[0].analytics;
    expect(full.groups).toHaveLength(all.total.villageCount);
    expect(full.groups.every((g: Data) => g.count === 3)).toBe(true);
    expect(partial.total.count + full.groups.length * 3).toBe(all.total.count);
  });
});

describe('scope', () => {
  it('counts only the caller’s organization subtree (partitionedBase applies the request scope)', async () => {
    const { data } = await query('{ organizations(filter: { nameContains: "龙池桥街道工作委员会" }) { nodes { id memberCount(includeDescendants: true) } } }');
    const [longchiqiao] = data.organizations.nodes;
    const analyst = { authorization: `Bearer ${await tokenFor(Role.ANALYST, longchiqiao.id)}` };
    const scoped = await query('{ analytics { members { total { count } } inspections { total { villageCount } } } }', undefined, analyst);
    expect(scoped.data.analytics.members.total.count).toBe(longchiqiao.memberCount);
    expect(scoped.data.analytics.inspections.total.villageCount).toBe(20);
  });
});
