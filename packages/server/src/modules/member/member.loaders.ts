import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type Partition } from '../../common/filters';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { Member } from './member.entity';
import { MemberOrderField, type MemberFilter } from './member.inputs';

const ORDER_COLUMNS: Record<MemberOrderField, string> = {
  JOINED_PARTY_AT: 'joined_party_at',
  NAME: 'name',
  BIRTH_DATE: 'birth_date',
  ID: 'id',
};

export function applyMemberFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: MemberFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereContains(qb, 't.name', filter.nameContains);
  whereAnyOf(qb, 't.name', filter.names);
  whereAnyOf(qb, 't.status', filter.statuses);
  whereAnyOf(qb, 't.standing', filter.standings);
  whereAnyOf(qb, 't.occupation', filter.occupations);
  whereAnyOf(qb, 't.education', filter.educations);
  if (filter.gender) qb.where('t.gender', filter.gender);
  if (filter.inService != null) qb.where('t.in_service', filter.inService);
  if (filter.mobile != null) qb.where('t.mobile', filter.mobile);
  if (filter.reportedToCommunity != null) {
    qb[filter.reportedToCommunity ? 'whereExists' : 'whereNotExists'](
      knex('community_report as r').select(knex.raw('1')).whereRaw('r.member_id = t.id'),
    );
  }
  whereInDateRange(qb, 't.joined_party_at', filter.joinedPartyAt);
  whereInDateRange(qb, 't.birth_date', filter.birthDate);
}

export function memberSource(
  partition: Partition,
  filter?: MemberFilter | null,
  order?: OrderInput<MemberOrderField> | null,
): ConnectionSource<Member> {
  return {
    entity: Member,
    ...orderTerms(ORDER_COLUMNS, order, MemberOrderField.JOINED_PARTY_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'member', partition, keys);
      applyMemberFilter(knex, qb, filter);
      return qb;
    },
  };
}
