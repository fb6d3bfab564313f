import { GraphQLError } from 'graphql';
import { roleAllows, type Permission, type Role } from './roles';

/** Who is calling: a verified token or API key, or nobody. */
export interface Viewer {
  /** Token subject or `apikey:<name>`; recorded as the actor of changes. */
  subject: string;
  role: Role;
  /** The organization whose subtree the caller may see; null with ADMIN means everything. */
  organizationId: number | null;
  /** Materialized path of that organization ("/1/102/"); null means unrestricted. */
  scopePath: string | null;
}

export const ANONYMOUS = null;

export function unauthenticated(message = '需要登录：请提供有效的 Bearer 令牌或 API Key'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

export function can(viewer: Viewer | null, permission: Permission): boolean {
  return viewer !== null && roleAllows(viewer.role, permission);
}

export function requirePermission(viewer: Viewer | null, permission: Permission, action: string): Viewer {
  if (!viewer) throw unauthenticated();
  if (!roleAllows(viewer.role, permission)) throw forbidden(`当前角色（${viewer.role}）无权${action}`);
  return viewer;
}

/** Whether an organization path lies inside the viewer's subtree. */
export function pathInScope(viewer: Viewer | null, path: string | null | undefined): boolean {
  if (!viewer) return false;
  if (viewer.scopePath === null) return true;
  return typeof path === 'string' && path.startsWith(viewer.scopePath);
}
