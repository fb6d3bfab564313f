import { useQuery } from '@apollo/client/react';
import { OrganizationChildrenDocument, OrganizationOrderField, OrganizationsDocument } from '@dangjian/sdk';

/** The top of what the caller may see: the city committee for ADMIN/ANALYST, the scoped organization otherwise. */
export function useScopeRoot() {
  const query = useQuery(OrganizationsDocument, {
    variables: { filter: { dissolved: false, temporary: false }, orderBy: { field: OrganizationOrderField.DEPTH }, first: 1 },
  });
  return { ...query, root: query.data?.organizations.edges[0]?.node ?? null };
}

function ChildSelect({ parentId, value, onChange, level }: { parentId: string; value: string; onChange: (id: string) => void; level: number }) {
  const children = useQuery(OrganizationChildrenDocument, { variables: { id: parentId, filter: { dissolved: false }, first: 100 } });
  const edges = children.data?.organization?.children.edges ?? [];
  if (children.error) return <span className="small-error">下级党组织加载失败</span>;
  if (!children.data) return <span className="muted">…</span>;
  if (!edges.length) return null;
  return (
    <select data-testid={`org-picker-${level}`} aria-label={`第 ${level + 1} 级党组织`} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{level === 0 ? '全部党组织' : '（含全部下级）'}</option>
      {edges.map(({ node }) => (
        <option key={node.id} value={node.id}>
          {node.name}
        </option>
      ))}
    </select>
  );
}

/**
 * Subtree picker: one select per level, from the caller's scope root down (children load when a
 * level is chosen). `path` is the chosen organization ids from the top; its last entry is the subtree.
 */
export function OrgPicker({ path, onChange, maxDepth = 3 }: { path: string[]; onChange: (path: string[]) => void; maxDepth?: number }) {
  const { root, error, loading } = useScopeRoot();
  if (error) return <span className="small-error">党组织加载失败</span>;
  if (loading || !root) return <span className="muted">…</span>;
  const parents = [root.id, ...path].slice(0, maxDepth);
  return (
    <span className="org-picker">
      {parents.map((parentId, level) => (
        <ChildSelect
          key={parentId}
          parentId={parentId}
          level={level}
          value={path[level] ?? ''}
          onChange={(id) => onChange(id ? [...path.slice(0, level), id] : path.slice(0, level))}
        />
      ))}
    </span>
  );
}
