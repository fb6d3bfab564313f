import { createContext, useContext, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { MemberStatisticsDimension, MemberStatisticsDocument, OrganizationChildrenDocument } from '@dangjian/sdk';
import { useScopeRoot } from '../org';
import { Empty, ErrorView, LoadMore, Loading, shortOrgName, stateOf } from '../ui';
import { OrgDetail } from './OrgDetail';

type OrgLite = { id: string; name: string; kind: string; isTemporary?: boolean };

const PAGE = 100;

/** The selected node, shared by the tree and the detail panel. */
const Selection = createContext<{ selected: string | null; select: (id: string) => void }>({ selected: null, select: () => {} });

/** A node's direct children and, from one statistics query grouped by child organization, each child's member count (subtree included). */
function useChildren(parentId: string) {
  const children = useQuery(OrganizationChildrenDocument, { variables: { id: parentId, filter: { dissolved: false }, first: PAGE } });
  const counts = useQuery(MemberStatisticsDocument, {
    variables: { filter: { organization: { organizationId: parentId } }, groupBy: [MemberStatisticsDimension.CHILD_ORGANIZATION], first: 1000 },
  });
  const countById = new Map<string, number>();
  for (const group of counts.data?.analytics.members.groups ?? []) {
    if (group.childOrganization) countById.set(group.childOrganization.id, group.count);
  }
  const connection = children.data?.organization?.children;
  const countOf = (id: string) => (counts.loading ? undefined : (countById.get(id) ?? 0));
  return { children, connection, edges: connection?.edges ?? [], countOf };
}

function Children({ parentId }: { parentId: string }) {
  const { children, connection, edges, countOf } = useChildren(parentId);
  if (children.loading && !children.data) return <Loading />;
  if (children.error) return <ErrorView error={children.error} />;
  if (!edges.length) return <div className="tree-empty">无下级党组织</div>;
  return (
    <ul className="tree">
      {edges.map(({ node }) => (
        <OrgNode key={node.id} org={node} memberCount={countOf(node.id)} />
      ))}
      <li>
        <LoadMore pageInfo={connection?.pageInfo} total={connection?.totalCount} onMore={(after) => children.fetchMore({ variables: { after } })} />
      </li>
    </ul>
  );
}

const members = (count: number | undefined) => (count === undefined ? '…' : `${count.toLocaleString('zh-CN')} 名党员`);

function OrgNode({ org, memberCount }: { org: OrgLite; memberCount: number | undefined }) {
  const [open, setOpen] = useState(false);
  const { selected, select } = useContext(Selection);
  return (
    <li className="tree-node">
      <button
        type="button"
        className={selected === org.id ? 'tree-toggle selected' : 'tree-toggle'}
        aria-expanded={open}
        aria-current={selected === org.id}
        onClick={() => {
          setOpen(!open || selected !== org.id);
          select(org.id);
        }}
      >
        <span className="caret">{open ? '▾' : '▸'}</span>
        <span className="org-name">{org.name}</span>
        {org.isTemporary ? <span className="tag">临时</span> : null}
        <span className="count">{members(memberCount)}</span>
      </button>
      {open ? <Children parentId={org.id} /> : null}
    </li>
  );
}

/** The selected node's children as a list (same cached queries as the tree); choosing one selects it. */
function ChildList({ parentId }: { parentId: string }) {
  const { children, connection, edges, countOf } = useChildren(parentId);
  const { select } = useContext(Selection);
  return (
    <div data-testid="org-children">
      <h3 className="section-title">
        下级党组织{connection ? <span className="muted">共 {connection.totalCount}</span> : null}
      </h3>
      {stateOf(children, !edges.length, '无下级党组织') ?? (
        <div className="chips">
          {edges.map(({ node }) => (
            <button type="button" key={node.id} className="chip link" onClick={() => select(node.id)}>
              {shortOrgName(node.name)} · {members(countOf(node.id))}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function OrgTree() {
  const scope = useScopeRoot();
  const total = useQuery(MemberStatisticsDocument, { variables: { groupBy: [], first: 1 } });
  const [selected, setSelected] = useState<string | null>(null);
  if (scope.loading && !scope.data) return <Loading />;
  if (scope.error) return <ErrorView error={scope.error} />;
  const root = scope.root;
  if (!root) return <Empty>您的范围内没有党组织</Empty>;
  const current = selected ?? root.id;
  return (
    <Selection.Provider value={{ selected: current, select: setSelected }}>
      <div className="split">
        <section className="card">
          <p className="hint">点击党组织展开直属下级并在右侧查看详情；人数含全部下级党组织。</p>
          <ul className="tree root">
            <OrgNode org={root} memberCount={total.data?.analytics.members.total.count} />
          </ul>
        </section>
        <OrgDetail id={current}>
          <ChildList parentId={current} />
        </OrgDetail>
      </div>
    </Selection.Provider>
  );
}
