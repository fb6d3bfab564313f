import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, whereAnyOf } from '../../common/filters';
import { fromGlobalId, fromGlobalIdOf } from '../../common/global-id';
import { badUserInput } from '../../common/errors';
import { decodeCursor, encodeCursor, OrderDirection, type ConnectionSource } from '../../common/pagination';
import { ChangeEvent } from './change-event.entity';
import type { ChangeEventFilter } from './change-feed.inputs';

/** Change events are always read in commit order; the cursor is the sequence. */
export const CHANGE_EVENT_ORDER_KEY = 'SEQUENCE:asc';

export function encodeSequenceCursor(sequence: number | string): string {
  return encodeCursor(CHANGE_EVENT_ORDER_KEY, [String(sequence)]);
}

export function changeEventCursor(event: ChangeEvent): string {
  return encodeSequenceCursor(event.sequence);
}

/** The sequence a change-event cursor points at. */
export function decodeSequenceCursor(cursor: string, field = 'after'): number {
  const [sequence] = decodeCursor(cursor, CHANGE_EVENT_ORDER_KEY, 1, field);
  if (typeof sequence !== 'string' || !/^\d{1,15}$/.test(sequence)) throw badUserInput('无效的游标', field);
  return Number(sequence);
}

/** Rows whose path lies in the organization's subtree (or is exactly it), resolved in SQL. */
export function whereInOrganizationPath(qb: Knex.QueryBuilder, column: string, organizationGlobalId: string, includeDescendants: boolean): void {
  const id = fromGlobalIdOf('Organization', organizationGlobalId, 'organizationId');
  const path = '(select path from organization where id = ?)';
  if (includeDescendants) qb.whereRaw(`?? like ${path} || '%'`, [column, id]);
  else qb.whereRaw(`?? = ${path}`, [column, id]);
}

function applyFilter(qb: Knex.QueryBuilder, filter?: ChangeEventFilter | null): void {
  if (!filter) return;
  whereAnyOf(qb, 't.entity_type', filter.entityTypes);
  whereAnyOf(qb, 't.operation', filter.operations);
  if (filter.entityId) {
    const { typeName, id } = fromGlobalId(filter.entityId, 'entityId');
    qb.where({ 't.entity_type': typeName, 't.entity_id': id });
  }
  if (filter.organization) {
    whereInOrganizationPath(qb, 't.organization_path', filter.organization.organizationId, filter.organization.includeDescendants);
  }
  if (filter.actor) qb.where('t.actor', filter.actor);
  if (filter.occurredAt?.from) qb.where('t.occurred_at', '>=', filter.occurredAt.from);
  if (filter.occurredAt?.to) qb.where('t.occurred_at', '<=', filter.occurredAt.to);
}

export function changeEventSource(filter?: ChangeEventFilter | null): ConnectionSource<ChangeEvent> {
  return {
    entity: ChangeEvent,
    orderKey: CHANGE_EVENT_ORDER_KEY,
    order: [{ column: 'sequence', direction: OrderDirection.ASC }],
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'change_event', { kind: 'root' }, keys);
      applyFilter(qb, filter);
      return qb;
    },
  };
}
