import { Fragment, useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { MemberDocument, MembersDocument } from '@dangjian/sdk';
import { EDUCATION_LABELS, Empty, ErrorView, GENDER_LABELS, Loading, OCCUPATION_LABELS, STATUS_LABELS } from '../ui';

const PAGE = 20;

/** 党员详情（电话等敏感字段按服务返回的样子显示：无权查看明文时为脱敏值）。 */
function MemberDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery(MemberDocument, { variables: { id } });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorView error={error} />;
  const m = data?.member;
  if (!m) return <Empty>未找到该党员</Empty>;
  return (
    <dl className="detail" data-testid="member-detail">
      <dt>联系电话</dt>
      <dd data-testid="member-phone">{m.phone ?? '—'}</dd>
      <dt>身份证号</dt>
      <dd>{m.idCardNumber ?? '—'}</dd>
      <dt>出生日期</dt>
      <dd>{m.birthDate ?? '—'}</dd>
      <dt>入党日期</dt>
      <dd>{m.joinedPartyAt ?? '—'}</dd>
      <dt>学历</dt>
      <dd>{EDUCATION_LABELS[m.education] ?? m.education}</dd>
      <dt>年龄</dt>
      <dd>{m.age ?? '—'}</dd>
    </dl>
  );
}

export function Members() {
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const variables = { filter: search ? { nameContains: search } : undefined, first: PAGE };
  const { data, loading, error, fetchMore } = useQuery(MembersDocument, { variables });
  useEffect(() => setSelected(null), [search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(input.trim());
  };

  const connection = data?.members;
  const edges = connection?.edges ?? [];

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  };

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
      {error ? <ErrorView error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : !edges.length && !error ? (
        <Empty>{search ? `没有姓名包含“${search}”的党员` : '暂无党员'}</Empty>
      ) : edges.length ? (
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
                  <td>{GENDER_LABELS[node.gender] ?? node.gender}</td>
                  <td>{STATUS_LABELS[node.status] ?? node.status}</td>
                  <td>{OCCUPATION_LABELS[node.occupation] ?? node.occupation}</td>
                  <td>{node.organization.name}</td>
                  <td>{node.joinedPartyAt ?? '—'}</td>
                </tr>
                {selected === node.id ? (
                  <tr>
                    <td colSpan={6}>
                      <MemberDetail id={node.id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" className="more" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? '加载中…' : '加载更多'}
        </button>
      ) : null}
    </section>
  );
}
