import { Fragment, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { MemberDocument, MembersDocument, type MemberFilter, type MemberStatus, type OccupationCategory, type PartyStanding } from '@dangjian/sdk';
import { OrgPicker } from '../org';
import { Sensitive } from '../RoleSwitch';
import {
  EDUCATION_LABELS,
  ErrorView,
  Fields,
  GENDER_LABELS,
  LabelSelect,
  LoadMore,
  Loading,
  OCCUPATION_LABELS,
  STANDING_LABELS,
  STATUS_LABELS,
  label,
  stateOf,
  useSessionState,
} from '../ui';
import { MemberDetailPage } from './MemberDetail';

const PAGE = 20;

interface Filters {
  search: string;
  orgPath: string[];
  status: string;
  standing: string;
  occupation: string;
}

const NO_FILTERS: Filters = { search: '', orgPath: [], status: '', standing: '', occupation: '' };

function toMemberFilter(f: Filters): MemberFilter | undefined {
  const filter: MemberFilter = {};
  if (f.search) filter.nameContains = f.search;
  if (f.orgPath.length) filter.organization = { organizationId: f.orgPath[f.orgPath.length - 1], includeDescendants: true };
  if (f.status) filter.statuses = [f.status as MemberStatus];
  if (f.standing) filter.standings = [f.standing as PartyStanding];
  if (f.occupation) filter.occupations = [f.occupation as OccupationCategory];
  return Object.keys(filter).length ? filter : undefined;
}

/** Inline summary under a row: contact fields as the service returns them (masked without the right to see them). */
function MemberSummaryRow({ id }: { id: string }) {
  const { data, loading, error } = useQuery(MemberDocument, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorView error={error} />;
  const m = data?.member;
  if (!m) return <div className="state empty">未找到该党员</div>;
  return (
    <>
      <Fields
        testId="member-detail"
        items={[
          ['联系电话', <Sensitive value={m.phone} testId="member-phone" />],
          ['身份证号', <Sensitive value={m.idCardNumber} />],
          ['出生日期', m.birthDate],
          ['入党日期', m.joinedPartyAt],
          ['学历', label(EDUCATION_LABELS, m.education)],
          ['职务', m.positions.map((p) => p.title).join('、') || '—'],
        ]}
      />
      <a className="back" href={`#/members/${encodeURIComponent(id)}`} data-testid="member-open">
        查看完整档案（职务、表彰、经历）→
      </a>
    </>
  );
}

function MemberList() {
  const [filters, setFilters] = useSessionState<Filters>('members.filters', NO_FILTERS);
  const [input, setInput] = useState(filters.search);
  const [selected, setSelected] = useState<string | null>(null);
  const update = (patch: Partial<Filters>) => {
    setSelected(null);
    setFilters({ ...filters, ...patch });
  };

  const query = useQuery(MembersDocument, { variables: { filter: toMemberFilter(filters), first: PAGE } });
  const connection = query.data?.members;
  const edges = connection?.edges ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ search: input.trim() });
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <section className="card">
      <form className="search" onSubmit={submit}>
        <input type="search" name="q" placeholder="按姓名搜索，如 叶旭" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit">搜索</button>
        {connection ? (
          <span className="muted" data-testid="member-total">
            共 {connection.totalCount.toLocaleString('zh-CN')} 名，已显示 {edges.length} 名
          </span>
        ) : null}
      </form>
      <div className="filters" data-testid="member-filters">
        <label>
          所在党组织
          <OrgPicker path={filters.orgPath} onChange={(orgPath) => update({ orgPath })} />
        </label>
        <LabelSelect label="党员类别" labels={STATUS_LABELS} value={filters.status} onChange={(status) => update({ status })} testId="status-filter" />
        <LabelSelect label="党籍状态" labels={STANDING_LABELS} value={filters.standing} onChange={(standing) => update({ standing })} testId="standing-filter" />
        <LabelSelect label="职业类别" labels={OCCUPATION_LABELS} value={filters.occupation} onChange={(occupation) => update({ occupation })} testId="occupation-filter" />
        {filtered ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setInput('');
              update(NO_FILTERS);
            }}
          >
            清除条件
          </button>
        ) : null}
      </div>
      {query.error && query.data ? <ErrorView error={query.error} /> : null}
      {stateOf(query, !edges.length, filtered ? '没有符合条件的党员' : '暂无党员') ?? (
        <div className="scroll">
          <table className="table" data-testid="member-table">
            <thead>
              <tr>
                <th>姓名</th>
                <th>性别</th>
                <th>类别</th>
                <th>职业</th>
                <th>所在党组织</th>
                <th>入党日期</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <Fragment key={node.id}>
                  <tr className={selected === node.id ? 'selected row' : 'row'} onClick={() => setSelected(selected === node.id ? null : node.id)}>
                    <td className="name">{node.name}</td>
                    <td>{label(GENDER_LABELS, node.gender)}</td>
                    <td>{label(STATUS_LABELS, node.status)}</td>
                    <td>{label(OCCUPATION_LABELS, node.occupation)}</td>
                    <td>{node.organization.name}</td>
                    <td>{node.joinedPartyAt ?? '—'}</td>
                  </tr>
                  {selected === node.id ? (
                    <tr>
                      <td colSpan={6}>
                        <MemberSummaryRow id={node.id} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pageInfo={connection?.pageInfo} onMore={(after) => query.fetchMore({ variables: { after } })} />
    </section>
  );
}

/** `#/members`: the list; `#/members/<id>`: one member's page. */
export function Members({ param }: { param: string | null }) {
  return param ? <MemberDetailPage id={param} /> : <MemberList />;
}
