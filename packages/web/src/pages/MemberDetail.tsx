import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { ChangeEventsDocument, MemberDocument, formatMoney, type MemberQuery } from '@dangjian/sdk';
import { toGraphQLRequestError } from '@dangjian/sdk/apollo';
import { Sensitive } from '../RoleSwitch';
import {
  CARE_METHOD_LABELS,
  COMMENDATION_CATEGORY_LABELS,
  EDUCATION_LABELS,
  Empty,
  ErrorView,
  Fields,
  GENDER_LABELS,
  Loading,
  OCCUPATION_LABELS,
  OPERATION_LABELS,
  POST_KIND_LABELS,
  STANDING_LABELS,
  STATUS_LABELS,
  label,
} from '../ui';

type Member = NonNullable<MemberQuery['member']>;
type HistoryItem = { date: string; text: ReactNode };

/** One timeline from what the schema records about a member: joining, becoming full, transfers, temporary branches, reports, duties, care. */
function historyOf(m: Member): HistoryItem[] {
  const items: HistoryItem[] = [{ date: m.joinedPartyAt, text: '入党' }];
  if (m.fullMemberAt) items.push({ date: m.fullMemberAt, text: '转为正式党员' });
  for (const t of m.transfers) items.push({ date: t.transferredAt, text: `组织关系由 ${t.fromOrganization.name} 转接到 ${t.toOrganization.name}（${t.reason}）` });
  for (const t of m.temporaryMemberships) {
    items.push({ date: t.joinedAt, text: `加入临时党组织 ${t.organization.name}${t.role ? `（${t.role}）` : ''}` });
    if (t.leftAt) items.push({ date: t.leftAt, text: `离开临时党组织 ${t.organization.name}` });
  }
  for (const r of m.communityReports) items.push({ date: r.reportedAt, text: `到 ${r.community.name} 报到${r.duty ? `，承担：${r.duty}` : ''}` });
  for (const s of m.inspectionTeamMemberships) {
    items.push({ date: s.servedFrom, text: `加入督查专班 ${s.team.name}（${s.role === 'LEADER' ? '组长' : '组员'}${s.daysOnDuty ? `，在岗 ${s.daysOnDuty} 天` : ''}）` });
  }
  for (const c of m.careVisitsReceived) items.push({ date: c.visitedAt, text: `受到${label(CARE_METHOD_LABELS, c.method)}` });
  for (const p of m.positions) {
    items.push({ date: p.startedAt, text: `任 ${p.title}` });
    if (p.endedAt) items.push({ date: p.endedAt, text: `免去 ${p.title}` });
  }
  return items.sort((a, b) => b.date.localeCompare(a.date));
}

function Section({ title, count, testId, children }: { title: string; count?: number; testId: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId}>
      <h2>
        {title}
        {count !== undefined ? <span className="muted">（{count}）</span> : null}
      </h2>
      {children}
    </section>
  );
}

/** The audit log's events for this member (every committed change, e.g. a status or standing change). */
function ChangeLog({ id }: { id: string }) {
  const { data, loading, error } = useQuery(ChangeEventsDocument, { variables: { filter: { entityId: id }, last: 20 } });
  if (error && toGraphQLRequestError(error)?.is('FORBIDDEN')) return <Empty>当前角色无权查看变更日志</Empty>;
  if (error) return <ErrorView error={error} />;
  if (loading && !data) return <Loading />;
  const edges = [...(data?.changeEvents.edges ?? [])].reverse();
  if (!edges.length) return <Empty>演示数据载入后没有修改记录</Empty>;
  return (
    <ul className="timeline">
      {edges.map(({ node }) => (
        <li key={node.sequence}>
          <span className="when">{new Date(node.occurredAt).toLocaleString('zh-CN')}</span>
          {label(OPERATION_LABELS, node.operation)}：{node.changes.map((c) => c.field).join('、') || '—'}
          {node.actor ? <span className="muted">（操作人 {node.actor}）</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** `#/members/<id>`: a member's record, positions, commendations and history; sensitive fields as the service returns them. */
export function MemberDetailPage({ id }: { id: string }) {
  // Shown from the cache at once, then refreshed: other clients may have changed the record since.
  const { data, loading, error } = useQuery(MemberDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const back = (
    <a className="back" href="#/members">
      ← 返回党员列表
    </a>
  );
  if (error) return <>{back}<ErrorView error={error} /></>;
  if (loading && !data) return <>{back}<Loading /></>;
  const m = data?.member;
  if (!m) return <>{back}<Empty>未找到该党员，或不在您的查看范围内</Empty></>;
  const commendations = m.commendations.edges.map((e) => e.node);
  const history = historyOf(m);
  return (
    <div data-testid="member-page">
      {back}
      <section className="card">
        <h2 data-testid="member-name">{m.name}</h2>
        <Fields
          testId="member-fields"
          items={[
            ['性别', label(GENDER_LABELS, m.gender)],
            ['民族', m.ethnicity],
            ['出生日期', `${m.birthDate}${m.age !== null && m.age !== undefined ? `（${m.age} 岁）` : ''}`],
            ['学历', label(EDUCATION_LABELS, m.education)],
            ['党员类别', label(STATUS_LABELS, m.status), 'member-status'],
            ['党籍状态', label(STANDING_LABELS, m.standing)],
            ['职业', label(OCCUPATION_LABELS, m.occupation)],
            ['所在党组织', m.organization.name],
            ['入党日期', m.joinedPartyAt],
            ['转正日期', m.fullMemberAt],
            ['在职', m.inService ? '是' : '否'],
            ['联系电话', <Sensitive value={m.phone} testId="member-phone" />],
            ['身份证号', <Sensitive value={m.idCardNumber} testId="member-id-card" />],
            ['家庭住址', <Sensitive value={m.address} />],
          ]}
        />
      </section>
      <div className="grid2">
        <Section title="职务" count={m.positions.length} testId="member-positions">
          {m.positions.length ? (
            <ul className="timeline">
              {m.positions.map((p) => (
                <li key={p.id}>
                  <span className="when">
                    {p.startedAt} 至 {p.endedAt ?? '今'}
                  </span>
                  {p.title}
                  {p.organization ? <span className="muted">（{p.organization.name}）</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>无职务</Empty>
          )}
        </Section>
        <Section title="表彰" count={m.commendations.totalCount} testId="member-commendations">
          {commendations.length ? (
            <ul className="timeline">
              {commendations.map((c) => (
                <li key={c.id}>
                  <span className="when">{c.batch.issuedAt}</span>
                  {c.batch.title} · {label(COMMENDATION_CATEGORY_LABELS, c.category)}
                  {c.awardAmount ? <span className="muted">（奖金 {formatMoney(c.awardAmount)} 元）</span> : null}
                  {c.reason ? <div className="muted">{c.reason}</div> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>暂无表彰</Empty>
          )}
        </Section>
        <Section title="经历" count={history.length} testId="member-history">
          <ul className="timeline">
            {history.map((h, i) => (
              <li key={i}>
                <span className="when">{h.date}</span>
                {h.text}
              </li>
            ))}
          </ul>
        </Section>
        <Section title="党员岗与突击队" count={m.posts.length + m.squads.length} testId="member-duties">
          {m.posts.length + m.squads.length ? (
            <div className="chips">
              {m.posts.map((p) => (
                <span className="chip" key={p.id}>
                  {label(POST_KIND_LABELS, p.kind)}：{p.name}
                </span>
              ))}
              {m.squads.map((s) => (
                <span className="chip" key={s.id}>
                  突击队：{s.name}
                </span>
              ))}
            </div>
          ) : (
            <Empty>未在党员岗或突击队</Empty>
          )}
        </Section>
      </div>
      <Section title="修改记录（审计日志）" testId="member-changes">
        <ChangeLog id={id} />
      </Section>
    </div>
  );
}
