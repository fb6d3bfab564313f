import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  InspectionCoverageDocument,
  InspectionRecordOrderField,
  InspectionRecordsDocument,
  InspectionTeamsDocument,
  OrderDirection,
  OrganizationsDocument,
  RectificationStatus,
  type InspectionRecordFilter,
} from '@dangjian/sdk';
import { Empty, ErrorView, Loading, RECTIFICATION_LABELS, stateOf } from '../ui';

const ROUNDS = Array.from({ length: 17 }, (_, i) => i + 1);
const PAGE = 20;

/** 督查覆盖率（全部轮次或某一轮）。 */
function Coverage({ round }: { round: number | null }) {
  const { data, loading, error } = useQuery(InspectionCoverageDocument, { variables: { round } });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorView error={error} />;
  const cov = data?.inspectionCoverage;
  if (!cov) return <Empty />;
  return (
    <div className="muted" data-testid="inspection-coverage">
      {round ? `第 ${round} 轮` : '全部轮次'}覆盖率 <strong className="hl">{(cov.ratio * 100).toFixed(1)}%</strong>（已督查 {cov.villagesInspected} / {cov.villagesTotal} 个村（社区））
    </div>
  );
}

function Teams({ onPick }: { onPick: (id: string) => void }) {
  const { data, loading, error } = useQuery(InspectionTeamsDocument, { variables: { first: 50 } });
  const edges = data?.inspectionTeams.edges ?? [];
  return (
    <section className="card">
      <h2>
        督查专班{' '}
        {data ? (
          <span className="muted" data-testid="team-total">
            共 {data.inspectionTeams.totalCount} 个
          </span>
        ) : null}
      </h2>
      {stateOf({ loading, error, data }, !edges.length, '暂无督查专班') ?? (
        <div className="scroll">
          <table className="table" data-testid="team-table">
            <thead>
              <tr>
                <th>专班</th>
                <th>包保区域</th>
                <th>成员</th>
                <th>督查次数</th>
                <th>覆盖村（社区）</th>
                <th>督查天数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="name">{node.name}</td>
                  <td>{node.area?.name ?? '—'}</td>
                  <td>{node.members.map((m) => m.member.name).join('、') || '—'}</td>
                  <td>{node.recordCount}</td>
                  <td>{node.coveredOrganizationCount}</td>
                  <td>{node.distinctInspectionDays}</td>
                  <td>
                    <button type="button" className="link" onClick={() => onPick(node.id)}>
                      查看记录
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** 某专班包保区域内的基层党组织，供按村（社区）筛选。 */
function VillageSelect({ areaId, value, onChange }: { areaId: string | null; value: string; onChange: (v: string) => void }) {
  const { data, loading } = useQuery(OrganizationsDocument, {
    variables: { filter: { within: { organizationId: areaId ?? '' }, grassroots: true, dissolved: false }, first: 100 },
    skip: !areaId,
  });
  const options = data?.organizations.edges ?? [];
  return (
    <label>
      村（社区）
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={!areaId || loading}>
        <option value="">{areaId ? (loading ? '加载中…' : '全部') : '先选专班'}</option>
        {options.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Inspection() {
  const [round, setRound] = useState<number | null>(null);
  const [teamId, setTeamId] = useState('');
  const [villageId, setVillageId] = useState('');
  const [status, setStatus] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);

  const teams = useQuery(InspectionTeamsDocument, { variables: { first: 50 } });
  const teamEdges = teams.data?.inspectionTeams.edges ?? [];
  const areaId = teamEdges.find((e) => e.node.id === teamId)?.node.area?.id ?? null;

  const filter: InspectionRecordFilter = {};
  if (round) filter.rounds = [round];
  if (teamId) filter.teamId = teamId;
  if (villageId) filter.organization = { organizationId: villageId };
  if (status) filter.rectificationStatuses = [status as RectificationStatus];
  const records = useQuery(InspectionRecordsDocument, {
    variables: { filter, orderBy: { field: InspectionRecordOrderField.INSPECTED_AT, direction: OrderDirection.DESC }, first: PAGE },
  });
  const connection = records.data?.inspectionRecords;
  const edges = connection?.edges ?? [];

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await records.fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div>
      <Teams
        onPick={(id) => {
          setTeamId(id);
          setVillageId('');
        }}
      />
      <section className="card">
        <h2>督查记录</h2>
        <div className="filters">
          <label>
            轮次
            <select value={round ?? ''} onChange={(e) => setRound(e.target.value ? Number(e.target.value) : null)} data-testid="round-select">
              <option value="">全部</option>
              {ROUNDS.map((r) => (
                <option key={r} value={r}>
                  第 {r} 轮
                </option>
              ))}
            </select>
          </label>
          <label>
            督查专班
            <select
              value={teamId}
              onChange={(e) => {
                setTeamId(e.target.value);
                setVillageId('');
              }}
            >
              <option value="">全部</option>
              {teamEdges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                </option>
              ))}
            </select>
          </label>
          <VillageSelect areaId={areaId} value={villageId} onChange={setVillageId} />
          <label>
            整改状态
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">全部</option>
              {Object.values(RectificationStatus).map((s) => (
                <option key={s} value={s}>
                  {RECTIFICATION_LABELS[s] ?? s}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Coverage round={round} />
        {records.error ? <ErrorView error={records.error} /> : null}
        {records.loading && !records.data ? (
          <Loading />
        ) : !edges.length && !records.error ? (
          <Empty>没有符合条件的督查记录</Empty>
        ) : edges.length ? (
          <>
            <div className="muted" data-testid="record-total">
              共 {connection?.totalCount.toLocaleString('zh-CN')} 条，已显示 {edges.length} 条
            </div>
            <div className="scroll">
              <table className="table" data-testid="record-table">
                <thead>
                  <tr>
                    <th>轮次</th>
                    <th>督查日期</th>
                    <th>专班</th>
                    <th>村（社区）</th>
                    <th>走访塆组</th>
                    <th>问题</th>
                    <th>整改状态</th>
                    <th>整改日期</th>
                  </tr>
                </thead>
                <tbody>
                  {edges.map(({ node }) => (
                    <tr key={node.id} title={node.findings ?? undefined}>
                      <td>第 {node.round} 轮</td>
                      <td>{node.inspectedAt}</td>
                      <td>{node.team.name}</td>
                      <td>{node.organization.name}</td>
                      <td>
                        {node.groupsVisited ?? '—'}
                        {node.organization.villageGroupCount != null ? ` / ${node.organization.villageGroupCount}` : ''}
                      </td>
                      <td>{node.problemCount ? `${node.problemCount} 个：${node.problems ?? ''}` : '无'}</td>
                      <td>
                        <span className={`status ${node.rectificationStatus}`}>{RECTIFICATION_LABELS[node.rectificationStatus] ?? node.rectificationStatus}</span>
                      </td>
                      <td>{node.rectifiedAt ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        {connection?.pageInfo.hasNextPage ? (
          <button type="button" className="more" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? '加载中…' : '加载更多'}
          </button>
        ) : null}
      </section>
    </div>
  );
}
