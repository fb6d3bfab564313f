import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLContext } from '../../common/context';
import { notFound } from '../../common/errors';
import { partitionedBase, scopedTable, whereAnyOf, whereContains, whereInDateRange, whereInOrganization, type OrganizationScope, type Partition } from '../../common/filters';
import { fromGlobalIdOf } from '../../common/global-id';
import { orderTerms, type OrderInput } from '../../common/ordering';
import type { ConnectionSource } from '../../common/pagination';
import { aggregateField } from '../../common/relations';
import { UnitType } from '../organization/organization.enums';
import { InspectionRecord, InspectionTeam } from './inspection.entity';
import {
  InspectionRecordOrderField,
  InspectionTeamOrderField,
  type InspectionRecordFilter,
  type InspectionTeamFilter,
} from './inspection.inputs';
import type { InspectionCoverage } from './inspection.types';

const TEAM_ORDER_COLUMNS: Record<InspectionTeamOrderField, string> = {
  NUMBER: 'number',
  NAME: 'name',
  FORMED_AT: 'formed_at',
};

const RECORD_ORDER_COLUMNS: Record<InspectionRecordOrderField, string> = {
  INSPECTED_AT: 'inspected_at',
  ROUND: 'round',
};

/** Rows belonging to a team (its members, its records): the key is the team. */
export const TEAM_ROWS: Partition = { kind: 'column', column: 'team_id' };

/** A member's team memberships: the key is the member. */
export const MEMBER_MEMBERSHIPS: Partition = { kind: 'column', column: 'member_id' };

/** Unit types counted as 村（社区） for coverage. */
const VILLAGE_UNIT_TYPES = [UnitType.VILLAGE, UnitType.COMMUNITY];

function applyTeamFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: InspectionTeamFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.area_id', filter.area);
  whereInOrganization(knex, qb, 't.organizer_id', filter.organizer);
  whereContains(qb, 't.name', filter.nameContains);
}

export function inspectionTeamSource(
  partition: Partition,
  filter?: InspectionTeamFilter | null,
  order?: OrderInput<InspectionTeamOrderField> | null,
): ConnectionSource<InspectionTeam> {
  return {
    entity: InspectionTeam,
    ...orderTerms(TEAM_ORDER_COLUMNS, order, InspectionTeamOrderField.NUMBER),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'inspection_team', partition, keys);
      applyTeamFilter(knex, qb, filter);
      return qb;
    },
  };
}

function applyRecordFilter(knex: Knex, qb: Knex.QueryBuilder, filter?: InspectionRecordFilter | null): void {
  if (!filter) return;
  whereInOrganization(knex, qb, 't.organization_id', filter.organization);
  if (filter.teamId) qb.where('t.team_id', fromGlobalIdOf('InspectionTeam', filter.teamId, 'teamId'));
  whereAnyOf(qb, 't.round', filter.rounds);
  whereInDateRange(qb, 't.inspected_at', filter.inspectedAt);
  whereAnyOf(qb, 't.rectification_status', filter.rectificationStatuses);
  if (filter.hasProblems != null) qb.where('t.problem_count', filter.hasProblems ? '>' : '=', 0);
  if (filter.fullGroupCoverage != null) {
    const full = scopedTable(knex, 'organization', 'g')
      .select(knex.raw('1'))
      .whereRaw('g.id = t.organization_id and t.groups_visited >= g.village_group_count');
    qb[filter.fullGroupCoverage ? 'whereExists' : 'whereNotExists'](full);
  }
}

export function inspectionRecordSource(
  partition: Partition,
  filter?: InspectionRecordFilter | null,
  order?: OrderInput<InspectionRecordOrderField> | null,
): ConnectionSource<InspectionRecord> {
  return {
    entity: InspectionRecord,
    ...orderTerms(RECORD_ORDER_COLUMNS, order, InspectionRecordOrderField.INSPECTED_AT),
    base: (knex, keys) => {
      const qb = partitionedBase(knex, 'inspection_record', partition, keys);
      applyRecordFilter(knex, qb, filter);
      return qb;
    },
  };
}

/** An inspection team's field aggregating its records that match the filter, e.g. `count(distinct b.inspected_at)`. */
export function teamRecordAggregateField(field: string, aggregate: string) {
  return aggregateField('InspectionTeam', field, ({ filter }: { filter: InspectionRecordFilter | null }) => ({
    table: 'inspection_record',
    partition: TEAM_ROWS,
    aggregate,
    narrow: { variant: filter, apply: (knex, qb) => applyRecordFilter(knex, qb, filter) },
  }));
}

/** `total` and `inspected` villages (in one round, if given) among those in the scope's subtree. */
function villageCounts(knex: Knex, scope: OrganizationScope | null, round: number | null): Knex.QueryBuilder {
  const inspected = knex('inspection_record as r').select(knex.raw('1')).whereRaw('r.organization_id = v.id');
  if (round != null) inspected.where('r.round', round);
  const villages = scopedTable(knex, 'organization', 'v')
    .select(knex.raw('count(*)::int as total'), knex.raw('(count(*) filter (where exists ?))::int as inspected', [inspected]))
    .whereIn('v.unit_type', VILLAGE_UNIT_TYPES);
  whereInOrganization(knex, villages, 'v.id', scope);
  return villages;
}

/**
 * Villages and communities in the organization's subtree (the whole tree without one) and how many
 * of them have been inspected, counted and divided in one SQL statement that also checks that the
 * organization exists.
 */
export async function loadInspectionCoverage(
  ctx: GraphQLContext,
  organizationId: string | null,
  round: number | null,
): Promise<InspectionCoverage> {
  const knex = ctx.em.getKnex();
  const scopeId = organizationId ? fromGlobalIdOf('Organization', organizationId, 'organizationId') : null;
  const scope = organizationId ? { organizationId, includeDescendants: true } : null;
  const visible = scopedTable(knex, 'organization', 's').select(knex.raw('1')).where('s.id', scopeId ?? 0);
  const found = scopeId ? knex.raw('exists(?) as found', [visible]) : knex.raw('true as found');
  const ratio = knex.raw('coalesce(c.inspected::float8 / nullif(c.total, 0), 0) as ratio');
  const [row]: Array<{ total: number; inspected: number; ratio: number; found: boolean }> = await ctx.em.execute(
    knex.select('c.total', 'c.inspected', ratio, found).from(villageCounts(knex, scope, round).as('c')),
  );
  if (!row.found) throw notFound('党组织', organizationId!);
  return { round, villagesTotal: row.total, villagesInspected: row.inspected, ratio: row.ratio };
}
