import { useMemo, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  CommendationStatisticsDimension,
  CommendationStatisticsDocument,
  DonationTimeSeriesDocument,
  DonationTotalsDocument,
  FundTransactionTimeSeriesDocument,
  InspectionCoverageByTownDocument,
  InspectionCoverageDocument,
  InspectionTimeSeriesDocument,
  MemberStatisticsDimension,
  MemberStatisticsDocument,
  OrganizationsDocument,
  TimeInterval,
  formatWanYuan,
  sumMoney,
} from '@dangjian/sdk';
import { EChart, GOLD, PARTY_RED, type ChartOption } from '../chart';
import { COMMENDATION_CATEGORY_LABELS, ErrorView, OCCUPATION_LABELS, shortOrgName, stateOf } from '../ui';

/** The seed's epidemic period: donations from 2020-01-25, spending until mid-February. */
const FUND_RANGE = { from: '2020-01-24', to: '2020-02-16' };
const ROUND_RANGE = { from: '2020-01-28', to: '2020-02-13' };
/** Money strings to 万元 for chart axes only (sums and figures use the SDK's exact money helpers). */
const wan = (money: string) => Number(money) / 10_000;

function Figure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="figure" data-testid={testId}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{children}</div>
    </div>
  );
}

/** A dashboard card: title, a loading/error/empty state or the chart, and a one-line caption. */
function ChartCard({ title, state, caption, children }: { title: string; state: ReactNode; caption?: ReactNode; children: () => ReactNode }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      {state ?? (
        <>
          {children()}
          {caption}
        </>
      )}
    </section>
  );
}

function useOccupationChart() {
  const query = useQuery(MemberStatisticsDocument, { variables: { groupBy: [MemberStatisticsDimension.OCCUPATION], first: 50 } });
  const groups = query.data?.analytics.members.groups ?? [];
  const option = useMemo<ChartOption>(() => {
    const sorted = [...groups].sort((a, b) => b.count - a.count);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: sorted.map((g) => OCCUPATION_LABELS[g.occupation ?? ''] ?? g.occupation ?? '未填') },
      series: [{ type: 'bar', name: '党员数', data: sorted.map((g) => g.count), itemStyle: { color: PARTY_RED }, label: { show: true, position: 'right' } }],
    };
  }, [groups]);
  return { query, empty: !groups.length, option };
}

function useInspectionChart() {
  const query = useQuery(InspectionTimeSeriesDocument, { variables: { interval: TimeInterval.DAY, range: ROUND_RANGE } });
  const points = query.data?.analytics.inspectionTimeSeries ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['督查次数', '发现问题'], top: 0 },
      grid: { left: 50, right: 30, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => p.period.slice(5)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: '督查次数', data: points.map((p) => p.count), itemStyle: { color: PARTY_RED } },
        { type: 'line', name: '发现问题', data: points.map((p) => p.problemCount), itemStyle: { color: GOLD }, smooth: true },
      ],
    }),
    [points],
  );
  return { query, empty: !points.some((p) => p.count > 0), option };
}

/** Coverage by town: villages inspected (inspections grouped by town) over villages (organizations grouped by town). */
function useTownCoverageChart() {
  const query = useQuery(InspectionCoverageByTownDocument, { variables: {} });
  const rows = useMemo(() => {
    const analytics = query.data?.analytics;
    if (!analytics) return [];
    const totals = new Map(analytics.organizations.groups.map((g) => [g.town?.id, g.count]));
    return analytics.inspections.groups
      .filter((g) => g.town)
      .map((g) => {
        const total = totals.get(g.town!.id) ?? g.villageCount;
        return { name: shortOrgName(g.town!.name), inspected: g.villageCount, total, ratio: total ? g.villageCount / total : 0, problems: g.problemCount };
      })
      .sort((a, b) => a.ratio - b.ratio || b.total - a.total);
  }, [query.data]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (items: Array<{ dataIndex: number }>) => {
          const r = rows[items[0].dataIndex];
          return `${r.name}<br/>覆盖 ${r.inspected} / ${r.total} 个村（社区）（${(r.ratio * 100).toFixed(1)}%）<br/>发现问题 ${r.problems} 个`;
        },
      },
      grid: { left: 100, right: 60, top: 10, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [{ type: 'bar', name: '覆盖率', barMaxWidth: 22, data: rows.map((r) => Math.round(r.ratio * 1000) / 10), itemStyle: { color: PARTY_RED }, label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex].inspected}/${rows[p.dataIndex].total}` } }],
    }),
    [rows],
  );
  const inspected = rows.reduce((sum, r) => sum + r.inspected, 0);
  const total = rows.reduce((sum, r) => sum + r.total, 0);
  const caption = `${rows.length} 个乡镇（街道）：已督查 ${inspected} / ${total} 个村（社区）`;
  return { query, empty: !rows.length, option, caption };
}

/** Donations received (cash) and spending (ledger outflows) per day. */
function useFundsChart() {
  const donations = useQuery(DonationTimeSeriesDocument, { variables: { interval: TimeInterval.DAY, range: FUND_RANGE } });
  const ledger = useQuery(FundTransactionTimeSeriesDocument, { variables: { interval: TimeInterval.DAY, range: FUND_RANGE } });
  const donated = donations.data?.analytics.donationTimeSeries ?? [];
  const spent = ledger.data?.analytics.fundTransactionTimeSeries ?? [];
  const option = useMemo<ChartOption>(() => {
    const spentByDay = new Map(spent.map((p) => [p.period, p.totalOut]));
    const days = donated.length ? donated.map((p) => p.period) : spent.map((p) => p.period);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` },
      legend: { data: ['捐赠资金', '资金支出'], top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', name: '万元' },
      series: [
        { type: 'bar', name: '捐赠资金', data: donated.map((p) => wan(p.cashTotal)), itemStyle: { color: PARTY_RED } },
        { type: 'bar', name: '资金支出', data: days.map((d) => wan(spentByDay.get(d) ?? '0')), itemStyle: { color: GOLD } },
      ],
    };
  }, [donated, spent]);
  const query = { loading: donations.loading || ledger.loading, error: donations.error ?? ledger.error, data: donations.data && ledger.data };
  const caption = `${FUND_RANGE.from} 至 ${FUND_RANGE.to}：捐赠资金 ${formatWanYuan(sumMoney(donated.map((p) => p.cashTotal)))}，资金支出 ${formatWanYuan(sumMoney(spent.map((p) => p.totalOut)))}`;
  return { query, empty: !donated.length && !spent.length, option, caption };
}

function useCommendationChart() {
  const query = useQuery(CommendationStatisticsDocument, { variables: { groupBy: [CommendationStatisticsDimension.CATEGORY] } });
  const groups = query.data?.analytics.commendations.groups ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（单位）（{d}%）' },
      legend: { bottom: 0 },
      color: [PARTY_RED, GOLD, '#e8684a', '#f6bd16', '#5b8ff9'],
      series: [
        {
          type: 'pie',
          name: '表彰类别',
          radius: ['35%', '70%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
          data: groups.map((g) => ({ name: COMMENDATION_CATEGORY_LABELS[g.category ?? ''] ?? g.category, value: g.count })),
        },
      ],
    }),
    [groups],
  );
  const total = query.data?.analytics.commendations.total;
  const caption = total ? `共表彰 ${total.count} 人（单位），其中 ${total.awardCount} 项发放奖金 ${formatWanYuan(total.awardTotal)}` : '';
  return { query, empty: !groups.length, option, caption };
}

function Caption({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p className="caption" data-testid={testId}>
      {children}
    </p>
  );
}

export function Dashboard() {
  const occupation = useOccupationChart();
  const stats = occupation.query;
  const grassroots = useQuery(OrganizationsDocument, { variables: { filter: { grassroots: true, dissolved: false }, first: 1 } });
  const coverage = useQuery(InspectionCoverageDocument, { variables: {} });
  const donations = useQuery(DonationTotalsDocument, { variables: {} });
  const inspection = useInspectionChart();
  const towns = useTownCoverageChart();
  const funds = useFundsChart();
  const commendations = useCommendationChart();

  const figure = (q: { loading: boolean; error?: unknown }, render: () => ReactNode) =>
    q.error ? <span className="small-error">加载失败</span> : q.loading ? <span className="muted">…</span> : render();

  const firstError = stats.error ?? grassroots.error ?? coverage.error ?? donations.error;
  const cov = coverage.data?.inspectionCoverage;
  const don = donations.data?.donationTotals;

  return (
    <div>
      {firstError ? <ErrorView error={firstError} /> : null}
      <div className="figures">
        <Figure label="党员总数" testId="fig-members">
          {figure(stats, () => stats.data?.analytics.members.total.count.toLocaleString('zh-CN'))}
        </Figure>
        <Figure label="基层党组织" testId="fig-grassroots">
          {figure(grassroots, () => grassroots.data?.organizations.totalCount.toLocaleString('zh-CN'))}
        </Figure>
        <Figure label="督查覆盖率" testId="fig-coverage">
          {figure(coverage, () =>
            cov ? (
              <>
                {(cov.ratio * 100).toFixed(1)}%
                <div className="figure-sub">
                  {cov.villagesInspected} / {cov.villagesTotal} 个村（社区）{cov.round ? `，第 ${cov.round} 轮` : ''}
                </div>
              </>
            ) : (
              '—'
            ),
          )}
        </Figure>
        <Figure label="捐赠资金" testId="fig-donations">
          {figure(donations, () =>
            don ? (
              <>
                {formatWanYuan(don.cashTotal)}
                <div className="figure-sub">共 {don.donationCount} 笔捐赠</div>
              </>
            ) : (
              '—'
            ),
          )}
        </Figure>
      </div>
      <div className="grid2">
        <ChartCard title="党员职业分布" state={stateOf(occupation.query, occupation.empty)}>
          {() => <EChart option={occupation.option} testId="occupation-chart" />}
        </ChartCard>
        <ChartCard title="每日督查次数（17 轮，2020-01-28 至 2020-02-13）" state={stateOf(inspection.query, inspection.empty, '该时段没有督查记录')}>
          {() => <EChart option={inspection.option} testId="inspection-chart" />}
        </ChartCard>
        <ChartCard
          title="各乡镇（街道）督查覆盖率"
          state={stateOf(towns.query, towns.empty, '没有督查记录')}
          caption={<Caption testId="town-coverage-caption">{towns.caption}</Caption>}
        >
          {() => <EChart option={towns.option} testId="town-coverage-chart" className="chart tall" />}
        </ChartCard>
        <ChartCard
          title="捐赠与资金支出（按日）"
          state={stateOf(funds.query, funds.empty, '该时段没有捐赠或资金流水')}
          caption={<Caption testId="funds-caption">{funds.caption}</Caption>}
        >
          {() => <EChart option={funds.option} testId="funds-chart" />}
        </ChartCard>
        <ChartCard
          title="表彰类别"
          state={stateOf(commendations.query, commendations.empty, '暂无表彰')}
          caption={<Caption testId="commendation-caption">{commendations.caption}</Caption>}
        >
          {() => <EChart option={commendations.option} testId="commendation-chart" />}
        </ChartCard>
      </div>
    </div>
  );
}
