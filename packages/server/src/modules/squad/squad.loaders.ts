import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Squad } from './squad.entity';
import { SquadOrderField, type SquadFilter } from './squad.inputs';

const ORDER_COLUMNS: Record<SquadOrderField, string> = {
  FORMED_AT: 'formed_at',
  NAME: 'name',
};

/** Members joined to squads through squad_member: the key is the squad. */
export const SQUAD_MEMBERS: Partition = { kind: 'join', table: 'squad_member', rowColumn: 'member_id', keyColumn: 'squad_id' };

/** Squads joined to members through squad_member: the key is the member. */
export const MEMBER_SQUADS: Partition = { kind: 'join', table: 'squad_member', rowColumn: 'squad_id', keyColumn: 'member_id' };

/** A squad's squad_member rows: the key is the squad. */
export const SQUAD_MEMBERSHIPS: Partition = { kind: 'column', column: 'squad_id' };

function applySquadFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: SquadFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereContains(qb, 't.name', filter.nameContains);
  whereInDateRange(qb, 't.formed_at', filter.formedAt);
}

export function squadSource(partition: Partition, filter?: SquadFilter | null, order?: OrderInput<SquadOrderField> | null): ConnectionSource<Squad> {
  return {
    entity: Squad,
    ...orderTerms(ORDER_COLUMNS, order, SquadOrderField.FORMED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'squad', partition, keys);
      applySquadFilter(knex, qb, filter);
      return qb;
    },
  };
}
