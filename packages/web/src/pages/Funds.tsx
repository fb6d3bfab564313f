import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { FundAccountsDocument, FundTransactionOrderField, FundTransactionsDocument, OrderDirection, formatMoney } from '@dangjian/sdk';
import { DIRECTION_LABELS, Empty, ErrorView, FUND_ACCOUNT_KIND_LABELS, Loading, TRANSACTION_KIND_LABELS, stateOf } from '../ui';

const PAGE = 20;

/** 选中账户的流水（最新在上，游标分页“加载更多”）。 */
function Ledger({ accountId, accountName }: { accountId: string; accountName: string }) {
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(FundTransactionsDocument, {
    variables: { filter: { accountIds: [accountId] }, orderBy: { field: FundTransactionOrderField.OCCURRED_AT, direction: OrderDirection.DESC }, first: PAGE },
  });
  const connection = data?.fundTransactions;
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
      <h2>
        {accountName} · 流水{' '}
        {connection ? (
          <span className="muted" data-testid="ledger-total">
            共 {connection.totalCount.toLocaleString('zh-CN')} 笔，已显示 {edges.length} 笔
          </span>
        ) : null}
      </h2>
      {error ? <ErrorView error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : !edges.length && !error ? (
        <Empty>该账户暂无流水</Empty>
      ) : edges.length ? (
        <div className="scroll">
          <table className="table" data-testid="ledger-table">
            <thead>
              <tr>
                <th>日期</th>
                <th>收支</th>
                <th>类别</th>
                <th className="num">金额（元）</th>
                <th>对方</th>
                <th>用途</th>
                <th>文号/会议</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.occurredAt}</td>
                  <td className={node.direction === 'IN' ? 'in' : 'out'}>{DIRECTION_LABELS[node.direction] ?? node.direction}</td>
                  <td>{TRANSACTION_KIND_LABELS[node.kind] ?? node.kind}</td>
                  <td className="num">{formatMoney(node.amount)}</td>
                  <td>{node.targetOrganization?.name ?? node.counterparty}</td>
                  <td>{node.purpose}</td>
                  <td>{node.documentNumber ?? node.approvalMeeting ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" className="more" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? '加载中…' : '加载更多'}
        </button>
      ) : null}
    </section>
  );
}

export function Funds() {
  const { data, loading, error } = useQuery(FundAccountsDocument, { variables: { first: 100 } });
  const edges = data?.fundAccounts.edges ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (!selected && edges.length) setSelected(edges[0].node.id);
  }, [edges, selected]);
  const current = edges.find((e) => e.node.id === selected)?.node;

  return (
    <div>
      <section className="card">
        <h2>
          资金账户{' '}
          {data ? (
            <span className="muted" data-testid="account-total">
              共 {data.fundAccounts.totalCount} 个
            </span>
          ) : null}
        </h2>
        {stateOf({ loading, error, data }, !edges.length, '暂无资金账户') ?? (
          <div className="scroll">
            <table className="table" data-testid="account-table">
              <thead>
                <tr>
                  <th>账户</th>
                  <th>类型</th>
                  <th>所属党组织</th>
                  <th>开立日期</th>
                  <th className="num">收入合计（元）</th>
                  <th className="num">支出合计（元）</th>
                  <th className="num">余额（元）</th>
                </tr>
              </thead>
              <tbody>
                {edges.map(({ node }) => (
                  <tr key={node.id} className={selected === node.id ? 'selected row' : 'row'} onClick={() => setSelected(node.id)}>
                    <td className="name">{node.name}</td>
                    <td>{FUND_ACCOUNT_KIND_LABELS[node.kind] ?? node.kind}</td>
                    <td>{node.organization.name}</td>
                    <td>{node.openedAt}</td>
                    <td className="num">{formatMoney(node.totalIn)}</td>
                    <td className="num">{formatMoney(node.totalOut)}</td>
                    <td className="num balance" data-testid="account-balance">
                      {formatMoney(node.balance)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {current ? <Ledger key={current.id} accountId={current.id} accountName={current.name} /> : null}
    </div>
  );
}
