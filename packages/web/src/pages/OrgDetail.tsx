import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { OrganizationDocument, OrganizationMembersDocument, PostsDocument, SquadsDocument } from '@dangjian/sdk';
import { Fields, LoadMore, ORG_KIND_LABELS, POST_KIND_LABELS, STATUS_LABELS, UNIT_TYPE_LABELS, label, stateOf } from '../ui';

const PAGE = 10;

function Block({ title, total, testId, children }: { title: string; total?: number; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <h3 className="section-title">
        {title}
        {total !== undefined ? <span className="muted">共 {total.toLocaleString('zh-CN')}</span> : null}
      </h3>
      {children}
    </div>
  );
}

/** Members of the subtree, paged (“加载更多”). */
function Members({ id }: { id: string }) {
  const query = useQuery(OrganizationMembersDocument, { variables: { id, includeDescendants: true, first: PAGE } });
  const connection = query.data?.organization?.members;
  const edges = connection?.edges ?? [];
  return (
    <Block title="党员（含下级）" total={connection?.totalCount} testId="org-members">
      {stateOf(query, !edges.length, '没有党员') ?? (
        <div className="scroll">
          <table className="table">
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="name">
                    <a href={`#/members/${encodeURIComponent(node.id)}`}>{node.name}</a>
                  </td>
                  <td>{label(STATUS_LABELS, node.status)}</td>
                  <td>{node.organization.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pageInfo={connection?.pageInfo} total={connection?.totalCount} onMore={(after) => query.fetchMore({ variables: { after } })} />
    </Block>
  );
}

function Posts({ id }: { id: string }) {
  const query = useQuery(PostsDocument, { variables: { filter: { organization: { organizationId: id, includeDescendants: true } }, first: PAGE } });
  const connection = query.data?.posts;
  const edges = connection?.edges ?? [];
  return (
    <Block title="党员岗（含下级）" total={connection?.totalCount} testId="org-posts">
      {stateOf(query, !edges.length, '没有党员岗') ?? (
        <ul className="timeline">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <strong>{node.name}</strong> · {label(POST_KIND_LABELS, node.kind)} · {node.holderCount} 人在岗
              <div className="muted">{node.organization.name}</div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore pageInfo={connection?.pageInfo} total={connection?.totalCount} onMore={(after) => query.fetchMore({ variables: { after } })} />
    </Block>
  );
}

function Squads({ id }: { id: string }) {
  const query = useQuery(SquadsDocument, { variables: { filter: { organization: { organizationId: id, includeDescendants: true } }, first: PAGE } });
  const connection = query.data?.squads;
  const edges = connection?.edges ?? [];
  return (
    <Block title="党员突击队（含下级）" total={connection?.totalCount} testId="org-squads">
      {stateOf(query, !edges.length, '没有突击队') ?? (
        <ul className="timeline">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <strong>{node.name}</strong> · {node.memberCount} 名队员{node.leader ? ` · 队长 ${node.leader.name}` : ''}
              <div className="muted">{node.mission}</div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore pageInfo={connection?.pageInfo} total={connection?.totalCount} onMore={(after) => query.fetchMore({ variables: { after } })} />
    </Block>
  );
}

/** The selected organization: details, children (with member counts from the tree), members, posts and squads. */
export function OrgDetail({ id, children }: { id: string; children: ReactNode }) {
  const query = useQuery(OrganizationDocument, { variables: { id } });
  const org = query.data?.organization;
  const state = stateOf(query, !org, '未找到该党组织，或不在您的查看范围内');
  return (
    <section className="card" data-testid="org-detail">
      {state ?? (
        <>
          <h2 data-testid="org-detail-name">{org!.name}</h2>
          <p className="muted">{org!.ancestors.map((a) => a.name).join(' › ') || '顶级党组织'}</p>
          <Fields
            items={[
              ['类别', `${label(ORG_KIND_LABELS, org!.kind)}${org!.typeCode ? `（${org!.typeCode}）` : ''}`],
              ['所在单位', `${org!.unitName}（${label(UNIT_TYPE_LABELS, org!.unitType)}）`],
              ['成立日期', org!.establishedAt],
              ['书记', org!.secretary?.name],
              ['党员', `${org!.memberCount.toLocaleString('zh-CN')} 名（直属 ${org!.directMemberCount.toLocaleString('zh-CN')} 名）`, 'org-member-count'],
              ['塆组', org!.villageGroupCount],
              ...(org!.isTemporary ? ([['临时任务', org!.task], ['批准文号', org!.approvalDocument]] as Array<[string, ReactNode]>) : []),
            ]}
          />
        </>
      )}
      {children}
      <Members id={id} />
      <Posts id={id} />
      <Squads id={id} />
    </section>
  );
}
