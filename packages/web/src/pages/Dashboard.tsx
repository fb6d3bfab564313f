import { useEffect, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  DonationTotalsDocument,
  InspectionCoverageDocument,
  InspectionTimeSeriesDocument,
  TimeInterval,
  MemberStatisticsDocument,
  MemberStatisticsDimension,
  OrganizationsDocument,
  formatWanYuan,
} from '@dangjian/sdk';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty, ErrorView, Loading, OCCUPATION_LABELS } from '../ui';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function Figure({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="figure" data-testid={testId}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{children}</div>
    </div>
  );
}

function OccupationChart({ groups }: { groups: Array<{ occupation?: string | null; count: number }> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const sorted = [...groups].sort((a, b) => b.count - a.count);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: sorted.map((g) => OCCUPATION_LABELS[g.occupation ?? ''] ?? g.occupation ?? '未填') },
      series: [{ type: 'bar', name: '党员数', data: sorted.map((g) => g.count), itemStyle: { color: '#c8161d' }, label: { show: true, position: 'right' } }],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [groups]);
  return <div ref={ref} className="chart" data-testid="occupation-chart" />;
}

type DayPoint = { period: string; count: number; villageCount: number; problemCount: number; pendingCount: number };

/** 每日督查次数（第 1–17 轮，2020-01-28 至 2020-02-13），附发现问题数。 */
function InspectionChart({ points }: { points: DayPoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['督查次数', '发现问题'], top: 0 },
      grid: { left: 50, right: 30, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: points.map((p) => p.period.slice(5)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: '督查次数', data: points.map((p) => p.count), itemStyle: { color: '#c8161d' } },
        { type: 'line', name: '发现问题', data: points.map((p) => p.problemCount), itemStyle: { color: '#d48806' }, smooth: true },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [points]);
  return <div ref={ref} className="chart" data-testid="inspection-chart" />;
}

export function Dashboard() {
  const stats = useQuery(MemberStatisticsDocument, { variables: { groupBy: [MemberStatisticsDimension.OCCUPATION], first: 50 } });
  const grassroots = useQuery(OrganizationsDocument, { variables: { filter: { grassroots: true, dissolved: false }, first: 1 } });
  const coverage = useQuery(InspectionCoverageDocument, { variables: {} });
  const donations = useQuery(DonationTotalsDocument, { variables: {} });
  const series = useQuery(InspectionTimeSeriesDocument, { variables: { interval: TimeInterval.DAY, range: { from: '2020-01-28', to: '2020-02-13' } } });
  const points = series.data?.analytics.inspectionTimeSeries ?? [];

  const figure = (q: { loading: boolean; error?: unknown }, render: () => React.ReactNode) =>
    q.error ? <span className="small-error">加载失败</span> : q.loading ? <span className="muted">…</span> : render();

  const firstError = stats.error ?? grassroots.error ?? coverage.error ?? donations.error;
  const cov = coverage.data?.inspectionCoverage;
  const don = donations.data?.donationTotals;
  const groups = stats.data?.analytics.members.groups ?? [];

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
      <section className="card">
        <h2>党员职业分布</h2>
        {stats.loading ? <Loading /> : stats.error ? <ErrorView error={stats.error} /> : groups.length ? <OccupationChart groups={groups} /> : <Empty />}
      </section>
      <section className="card">
        <h2>每日督查次数（17 轮，2020-01-28 至 2020-02-13）</h2>
        {series.loading && !series.data ? <Loading /> : series.error ? <ErrorView error={series.error} /> : points.length ? <InspectionChart points={points} /> : <Empty>该时段没有督查记录</Empty>}
      </section>
    </div>
  );
}
