import { ChangeSetType, type ChangeSet, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden } from '../../common/auth/viewer';
import { requestScope } from '../../common/request-scope';
import { ChangeOperation, type FieldChange } from './change-event.entity';

/** Bookkeeping columns every row has; they are not news to a subscriber. */
const IGNORED_PROPERTIES = new Set(['id', 'version', 'createdAt', 'updatedAt']);

const OPERATIONS: Partial<Record<ChangeSetType, ChangeOperation>> = {
  [ChangeSetType.CREATE]: ChangeOperation.CREATE,
  [ChangeSetType.UPDATE]: ChangeOperation.UPDATE,
  [ChangeSetType.DELETE]: ChangeOperation.DELETE,
};

/** What entity classes may declare to take part in the change feed. */
interface ChangeFeedEntityClass {
  /** `false` for infrastructure tables that must not produce events. */
  changeFeed?: boolean;
  /** Masks for sensitive properties, applied to before/after values in the log. */
  sensitiveProperties?: Record<string, (value: string) => string>;
}

interface ChangeFeedEntity {
  id: number;
  /** The organization whose subtree this row belongs to, for scoped subscribers. */
  owningOrganizationId?(): number | null | undefined;
}

interface PendingEvent {
  entity_type: string;
  entity_id: number;
  operation: ChangeOperation;
  organization_id: number | null;
  changes: FieldChange[];
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
  return value ?? null;
}

/** Applies the entity class's masks for sensitive properties to a value as it goes into the log. */
function maskerOf(entityClass: ChangeFeedEntityClass): (field: string, value: unknown) => unknown {
  const masks = entityClass.sensitiveProperties ?? {};
  return (field, value) => {
    const json = toJsonValue(value);
    return typeof json === 'string' && masks[field] ? masks[field](json) : json;
  };
}

function fieldChanges(changeSet: ChangeSet<object>): FieldChange[] {
  const mask = maskerOf(changeSet.entity.constructor as ChangeFeedEntityClass);
  const after = changeSet.type === ChangeSetType.DELETE ? {} : (changeSet.payload as Record<string, unknown>);
  const before = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  const fields = changeSet.type === ChangeSetType.DELETE ? Object.keys(before) : Object.keys(after);
  return fields
    .filter((field) => !IGNORED_PROPERTIES.has(field))
    .map((field) => ({
      field,
      before: changeSet.type === ChangeSetType.CREATE ? null : mask(field, before[field]),
      after: changeSet.type === ChangeSetType.DELETE ? null : mask(field, after[field]),
    }));
}

/**
 * The field list of the CREATE event for a row created with `values` (properties in `fields`
 * order, references as entities or ids): what the flush would log for the same `em.create`.
 */
export function createdFieldChanges(entityClass: Function, fields: readonly string[], values: Record<string, unknown>): FieldChange[] {
  const mask = maskerOf(entityClass as ChangeFeedEntityClass);
  return fields
    .filter((field) => field in values && !IGNORED_PROPERTIES.has(field))
    .map((field) => ({ field, before: null, after: mask(field, values[field]) }));
}

/** Who, in which request and mutation, made the changes being logged. */
export function changeEventOrigin(): [actor: string, requestId: string | null, mutation: string | null] {
  const scope = requestScope.getStore();
  return [scope?.actor ?? 'system', scope?.requestId ?? null, scope?.mutation ?? null];
}

/** The change_event columns every writer of the log fills, in this order. */
export const CHANGE_EVENT_COLUMNS =
  'sequence, entity_type, entity_id, operation, organization_id, organization_path, actor, request_id, mutation, changes, occurred_at';

function pendingEvent(changeSet: ChangeSet<object>): PendingEvent | null {
  const operation = OPERATIONS[changeSet.type];
  const entityClass = changeSet.entity.constructor as ChangeFeedEntityClass;
  if (!operation || entityClass.changeFeed === false) return null;
  const entity = changeSet.entity as ChangeFeedEntity;
  return {
    entity_type: changeSet.meta.className,
    entity_id: entity.id,
    operation,
    organization_id: entity.owningOrganizationId?.() ?? null,
    changes: fieldChanges(changeSet),
  };
}

/**
 * A caller limited to a subtree may only write rows that end up inside it: creating, moving or
 * transferring anything to outside its subtree is refused and the transaction rolls back. (Rows
 * it may not see cannot be loaded for writing in the first place.)
 */
async function assertWithinScope(em: EntityManager, events: PendingEvent[], scopePath: string | null): Promise<void> {
  if (scopePath === null) return;
  const ids = [...new Set(events.map((event) => event.organization_id).filter((id): id is number => id !== null))];
  const rows = ids.length ? await em.execute<Array<{ path: string }>>(em.getKnex()('organization').select('path').whereIn('id', ids)) : [];
  const outside = events.some((event) => event.organization_id === null) || rows.length < ids.length || rows.some((row) => !row.path.startsWith(scopePath));
  if (outside) throw forbidden('不能在自己管辖的党组织范围之外新增、修改或转移数据');
}

/**
 * Appends a ChangeEvent for every entity a flush wrote, inside the same transaction. Taking the
 * next sequence numbers locks the counter row until commit, so sequences are gap-free and a
 * reader never sees a later event commit before an earlier one.
 */
export class ChangeFeedSubscriber implements EventSubscriber {
  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const events = uow.getChangeSets().map(pendingEvent).filter((event): event is PendingEvent => event !== null);
    if (!events.length) return;
    if (!em.isInTransaction()) throw new Error('writes must run inside runMutation (a transaction) to be logged');
    const scope = requestScope.getStore();
    await assertWithinScope(em as EntityManager, events, scope?.viewer?.scopePath ?? null);
    await (em as EntityManager).execute(
      `with next as (update change_sequence set value = value + ? where id = 1 returning value)
       insert into change_event (${CHANGE_EVENT_COLUMNS})
       select next.value - ? + e.ord, e.entity_type, e.entity_id, e.operation, e.organization_id, o.path,
              ?, ?, ?, e.changes, now()
       from next
       cross join rows from (jsonb_to_recordset(?::jsonb)
            as (entity_type text, entity_id int, operation text, organization_id int, changes jsonb)) with ordinality
            as e(entity_type, entity_id, operation, organization_id, changes, ord)
       left join organization o on o.id = e.organization_id`,
      [events.length, events.length, ...changeEventOrigin(), JSON.stringify(events)],
    );
  }
}
