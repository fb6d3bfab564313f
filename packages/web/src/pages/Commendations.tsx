import { useQuery } from '@apollo/client/react';
import { CommendationBatchesDocument, CommendationCategory } from '@dangjian/sdk';
import { COMMENDATION_CATEGORY_LABELS, stateOf } from '../ui';

const CATEGORIES = Object.values(CommendationCategory);

export function Commendations() {
  const { data, loading, error } = useQuery(CommendationBatchesDocument, { variables: { first: 50 } });
  const connection = data?.commendationBatches;
  const edges = connection?.edges ?? [];
  return (
    <section className="card">
      <h2>
        表彰批次{' '}
        {connection ? (
          <span className="muted" data-testid="batch-total">
            共 {connection.totalCount} 批
          </span>
        ) : null}
      </h2>
      {stateOf({ loading, error, data }, !edges.length, '暂无表彰') ?? (
        <div className="scroll">
          <table className="table" data-testid="batch-table">
            <thead>
              <tr>
                <th>批次</th>
                <th>文号</th>
                <th>发文单位</th>
                <th>日期</th>
                {CATEGORIES.map((c) => (
                  <th key={c}>{COMMENDATION_CATEGORY_LABELS[c] ?? c}</th>
                ))}
                <th>合计</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => {
                const count = (c: string) => node.countsByCategory.find((g) => g.category === c)?.count ?? 0;
                const total = node.countsByCategory.reduce((sum, g) => sum + g.count, 0);
                return (
                  <tr key={node.id} data-testid="batch-row">
                    <td className="name">{node.title}</td>
                    <td>{node.documentNumber ?? '—'}</td>
                    <td>{node.issuer.name}</td>
                    <td>{node.issuedAt}</td>
                    {CATEGORIES.map((c) => (
                      <td key={c} data-category={c}>
                        {count(c) || '—'}
                      </td>
                    ))}
                    <td>{total}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
