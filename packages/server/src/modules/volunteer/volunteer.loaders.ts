import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { partitionedBase, whereContains, whereInDateRange, whereInOrganization, type Partition, scopedTable } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { VolunteerService } from './volunteer.entity';
import { VolunteerServiceOrderField, type VolunteerServiceFilter, type VolunteerStatistics } from './volunteer.inputs';

const ORDER_COLUMNS: Record<VolunteerServiceOrderField, string> = {
  SERVED_AT: 'served_at',
  DURATION: 'duration_minutes',
};

/** Members joined to services through volunteer_participation: the key is the service. */
export const SERVICE_PARTICIPANTS: Partition = {
  kind: 'join',
  table: 'volunteer_participation',
  rowColumn: 'member_id',
  keyColumn: 'service_id',
};

/** Services joined to members through volunteer_participation: the key is the member. */
export const MEMBER_SERVICES: Partition = {
  kind: 'join',
  table: 'volunteer_participation',
  rowColumn: 'service_id',
  keyColumn: 'member_id',
};

/** A service's volunteer_participation rows: the key is the service. */
export const SERVICE_PARTICIPATIONS: Partition = { kind: 'column', column: 'service_id' };

function applyVolunteerServiceFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: VolunteerServiceFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  whereInDateRange(qb, 't.served_at', filter.servedAt);
  whereContains(qb, 't.content', filter.contentContains);
  if (filter.participantId) {
    const memberId = fromGlobalIdOf('Member', filter.participantId, 'participantId');
    qb.whereExists(
      knex('volunteer_participation as fp').select(knex.raw('1')).whereRaw('fp.service_id = t.id').where('fp.member_id', memberId),
    );
  }
}

export function volunteerServiceSource(
  partition: Partition,
  filter?: VolunteerServiceFilter | null,
  order?: OrderInput<VolunteerServiceOrderField> | null,
): ConnectionSource<VolunteerService> {
  return {
    entity: VolunteerService,
    ...orderTerms(ORDER_COLUMNS, order, VolunteerServiceOrderField.SERVED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'volunteer_service', partition, keys);
      applyVolunteerServiceFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** Counts and hours of the services matching `filter`, in one statement. */
export async function volunteerStatistics(ctx: GraphQLContext, filter?: VolunteerServiceFilter | null): Promise<VolunteerStatistics> {
  const knex = ctx.em.getKnex();
  const services = scopedTable(knex, 'volunteer_service').select('t.id', 't.duration_minutes');
  applyVolunteerServiceFilter(knex, services, filter);
  const query = knex
    .with('s', services)
    .with('p', knex('volunteer_participation as vp').join('s', 's.id', 'vp.service_id').select('vp.member_id', 's.duration_minutes'))
    .select({
      serviceCount: knex.raw('(select count(*) from s)'),
      serviceMinutes: knex.raw('(select coalesce(sum(duration_minutes), 0) from s)'),
      distinctVolunteerCount: knex.raw('(select count(distinct member_id) from p)'),
      participationCount: knex.raw('(select count(*) from p)'),
      volunteerMinutes: knex.raw('(select coalesce(sum(duration_minutes), 0) from p)'),
    });
  const [row]: Array<Record<string, string>> = await ctx.em.execute(query);
  return {
    serviceCount: Number(row.serviceCount),
    distinctVolunteerCount: Number(row.distinctVolunteerCount),
    participationCount: Number(row.participationCount),
    totalHours: Number(row.serviceMinutes) / 60,
    volunteerHours: Number(row.volunteerMinutes) / 60,
  };
}
