import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  MemberStatisticsDimension,
  MemberStatisticsDocument,
  OrganizationChildrenDocument,
  OrganizationKind,
  OrganizationsDocument,
} from '@dangjian/sdk';
import { Empty, ErrorView, Loading } from '../ui';

type OrgLite = { id: string; name: string; kind: string; isTemporary?: boolean };

const PAGE = 100;

/** 某党组织的直属下级，以及按“下级党组织”分组的党员数（一次统计查询得到全部下级的人数，含各自的下级）。 */
function Children({ parentId }: { parentId: string }) {
  const children = useQuery(OrganizationChildrenDocument, { variables: { id: parentId, filter: { dissolved: false }, first: PAGE } });
  const counts = useQuery(MemberStatisticsDocument, {
    variables: { filter: { organization: { organizationId: parentId } }, groupBy: [MemberStatisticsDimension.CHILD_ORGANIZATION], first: 1000 },
  });
  if (children.loading && !children.data) return <Loading />;
  if (children.error) return <ErrorView error={children.error} />;
  const connection = children.data?.organization?.children;
  const edges = connection?.edges ?? [];
  if (!edges.length) return <div className="tree-empty">无下级党组织</div>;
  const countById = new Map<string, number>();
  for (const group of counts.data?.analytics.members.groups ?? []) {
    if (group.childOrganization) countById.set(group.childOrganization.id, group.count);
  }
  return (
    <ul className="tree">
      {edges.map(({ node }) => (
        <OrgNode key={node.id} org={node} memberCount={counts.loading ? undefined : (countById.get(node.id) ?? 0)} />
      ))}
      {connection?.pageInfo.hasNextPage ? (
        <li>
          <button
            type="button"
            className="link"
            disabled={children.loading}
            onClick={() => void children.fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          >
            加载更多（共 {connection.totalCount} 个）
          </button>
        </li>
      ) : null}
    </ul>
  );
}

function OrgNode({ org, memberCount }: { org: OrgLite; memberCount: number | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="tree-node">
      <button type="button" className="tree-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="caret">{open ? '▾' : '▸'}</span>
        <span className="org-name">{org.name}</span>
        {org.isTemporary ? <span className="tag">临时</span> : null}
        <span className="count">{memberCount === undefined ? '…' : `${memberCount.toLocaleString('zh-CN')} 名党员`}</span>
      </button>
      {open ? <Children parentId={org.id} /> : null}
    </li>
  );
}

export function OrgTree() {
  const roots = useQuery(OrganizationsDocument, { variables: { filter: { kinds: [OrganizationKind.CITY_COMMITTEE], dissolved: false }, first: 10 } });
  const total = useQuery(MemberStatisticsDocument, { variables: { groupBy: [], first: 1 } });
  if (roots.loading && !roots.data) return <Loading />;
  if (roots.error) return <ErrorView error={roots.error} />;
  const edges = roots.data?.organizations.edges ?? [];
  if (!edges.length) return <Empty>没有党组织</Empty>;
  return (
    <section className="card">
      <p className="hint">点击党组织展开直属下级；人数含全部下级党组织。</p>
      <ul className="tree root">
        {edges.map(({ node }) => (
          <OrgNode key={node.id} org={node} memberCount={edges.length === 1 ? total.data?.analytics.members.total.count : undefined} />
        ))}
      </ul>
    </section>
  );
}
