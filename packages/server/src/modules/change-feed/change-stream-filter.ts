import type { Knex } from '@mikro-orm/postgresql';
import type { ChangeEvent } from './change-event.entity';

/**
 * What a subscriber wants to see. The same filter is applied in SQL when replaying from the log
 * and in memory to live events, so both halves of a stream agree exactly.
 */
export interface ChangeStreamFilter {
  entityTypes?: string[];
  entity?: { type: string; id: number };
  /** Organization path of the scope, e.g. "/1/102/". */
  organizationPath?: string;
  /** With an organization path: also the events of its whole subtree (default) or only its own. */
  includeDescendants?: boolean;
  /** The subscriber's own subtree: it never receives an event outside it (null: unrestricted). */
  viewerScopePath: string | null;
}

export function matchesFilter(event: ChangeEvent, filter: ChangeStreamFilter): boolean {
  if (filter.viewerScopePath !== null && !(event.organizationPath ?? '').startsWith(filter.viewerScopePath)) return false;
  if (filter.entityTypes?.length && !filter.entityTypes.includes(event.entityType)) return false;
  if (filter.entity && (filter.entity.type !== event.entityType || filter.entity.id !== event.entityId)) return false;
  if (filter.organizationPath !== undefined) {
    const path = event.organizationPath ?? '';
    return filter.includeDescendants === false ? path === filter.organizationPath : path.startsWith(filter.organizationPath);
  }
  return true;
}

export function applyStreamFilter(qb: Knex.QueryBuilder, filter: ChangeStreamFilter): Knex.QueryBuilder {
  if (filter.viewerScopePath !== null) qb.where('organization_path', 'like', `${filter.viewerScopePath}%`);
  if (filter.entityTypes?.length) qb.whereIn('entity_type', filter.entityTypes);
  if (filter.entity) qb.where({ entity_type: filter.entity.type, entity_id: filter.entity.id });
  if (filter.organizationPath !== undefined) {
    if (filter.includeDescendants === false) qb.where('organization_path', filter.organizationPath);
    else qb.where('organization_path', 'like', `${filter.organizationPath}%`);
  }
  return qb;
}
