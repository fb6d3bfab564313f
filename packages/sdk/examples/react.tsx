/**
 * React (web) with Apollo Client: typed hooks from `@apollo/client/react` with the SDK's documents.
 * Type-checked against the built package by `pnpm --filter @dangjian/sdk test`.
 */
import { ApolloProvider, useMutation, useQuery } from '@apollo/client/react';
import { createApolloClient, toGraphQLRequestError } from '@dangjian/sdk/apollo';
import { OrganizationsDocument, UnitType, UpdateOrganizationDocument, formatMoney, FundAccountsDocument } from '@dangjian/sdk';

const client = createApolloClient({
  url: '/graphql',
  // A function: read the current token before every request and every WebSocket (re)connection.
  auth: () => ({ token: localStorage.getItem('token') }),
});

export function App() {
  return (
    <ApolloProvider client={client}>
      <Villages streetId="T3JnYW5pemF0aW9uOjEwMg" />
      <Accounts />
    </ApolloProvider>
  );
}

function Villages({ streetId }: { streetId: string }) {
  const { data, loading, error, fetchMore } = useQuery(OrganizationsDocument, {
    variables: { filter: { within: { organizationId: streetId, includeDescendants: true }, unitTypes: [UnitType.VILLAGE] }, first: 20 },
  });
  const [rename, renaming] = useMutation(UpdateOrganizationDocument);
  if (loading && !data) return <p>加载中…</p>;
  if (error) return <p>出错了：{toGraphQLRequestError(error)?.code}</p>;
  const villages = data?.organizations;
  if (!villages?.totalCount) return <p>没有村（社区）党组织</p>;
  return (
    <section>
      <h2>村（社区）党组织（共 {villages.totalCount} 个）</h2>
      <ul>
        {villages.edges.map(({ node }) => (
          <li key={node.id}>
            {node.name}（{node.typeCode ?? node.kind}）
            <button
              disabled={renaming.loading}
              onClick={() => rename({ variables: { input: { id: node.id, unitName: `${node.unitName}（已核对）` } } })}
            >
              标记已核对
            </button>
          </li>
        ))}
      </ul>
      {villages.pageInfo.hasNextPage && (
        // relayStylePagination in the SDK's cache appends the next page to the list.
        <button onClick={() => fetchMore({ variables: { after: villages.pageInfo.endCursor } })}>加载更多</button>
      )}
      {renaming.error && <p>保存失败：{describe(renaming.error)}</p>}
    </section>
  );
}

function describe(error: unknown): string {
  const typed = toGraphQLRequestError(error);
  if (typed?.is('BAD_USER_INPUT')) return `请检查：${typed.fields.join('、')}`;
  if (typed?.is('CONFLICT')) return '数据已被他人修改，请刷新后重试';
  return typed?.message ?? '未知错误';
}

function Accounts() {
  const { data } = useQuery(FundAccountsDocument, { variables: { first: 50 } });
  return (
    <table>
      <tbody>
        {data?.fundAccounts.edges.map(({ node }) => (
          <tr key={node.id}>
            <td>{node.name}</td>
            {/* Money is an exact decimal string: format it, never parseFloat it. */}
            <td>{formatMoney(node.balance, { prefix: '¥' })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
