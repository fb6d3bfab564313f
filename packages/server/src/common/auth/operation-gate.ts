import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Permission } from './roles';
import { requirePermission, unauthenticated, type Viewer } from './viewer';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/** Query fields that need more than plain read access. */
const QUERY_FIELD_PERMISSIONS: Record<string, Permission> = { changeEvents: 'audit' };

function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFields(fragment.selectionSet, fragments) : [];
  });
}

function permissionFor(operation: OperationDefinitionNode['operation'], field: string): Permission {
  if (operation === 'mutation') return 'write';
  if (operation === 'subscription') return 'subscribe';
  return QUERY_FIELD_PERMISSIONS[field] ?? 'read';
}

const ACTIONS: Record<Permission, string> = {
  read: '查询数据',
  write: '修改数据',
  subscribe: '订阅数据变更',
  audit: '查看变更日志',
  pii: '查看敏感信息',
};

/**
 * Decides, before anything executes, whether the caller may run this operation: anonymous callers
 * get nothing but (outside production) introspection, and each root field needs its permission.
 */
export function checkOperation(viewer: Viewer | null, document: DocumentNode, operation: OperationDefinitionNode, production: boolean): void {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const fields = rootFields(operation.selectionSet, fragments);
  const dataFields = fields.filter((field) => !INTROSPECTION_FIELDS.has(field));
  if (!viewer) {
    if (dataFields.length || production) throw unauthenticated();
    return;
  }
  for (const field of dataFields) {
    const permission = permissionFor(operation.operation, field);
    requirePermission(viewer, permission, `${ACTIONS[permission]}（${field}）`);
  }
}
