import type { Knex } from '@mikro-orm/postgresql';
import { partitionedBase, type Partition } from '../../../common/filters';
import { CareMethod, CareRecipientCategory } from '../../care/care-visit.entity';
import { CareVisitFilter } from '../../care/care.inputs';
import { careVisitSource } from '../../care/care.loaders';
import { VolunteerServiceFilter } from '../../volunteer/volunteer.inputs';
import { volunteerServiceSource } from '../../volunteer/volunteer.loaders';
import { countMeasure, enumDimension, measure, organizationDimensions, timeDimensions } from '../dimensions';
import type { FactArgs, FactDefinition } from '../fact';

/**
 * One row per service and participant (a service without volunteers keeps one row): `__member_id`
 * is the volunteer, `__first` marks one row per service so durations are summed once.
 */
function serviceBase(knex: Knex, partition: Partition, keys: readonly number[], args: FactArgs): Knex.QueryBuilder {
  const services = volunteerServiceSource(partition, args.filter as VolunteerServiceFilter).base(knex, keys);
  const participations = partitionedBase(knex, 'volunteer_participation', { kind: 'root' }, [0]).clearSelect().select('t.service_id', 't.member_id');
  return knex
    .select('s.*', 'p.member_id as __member_id', knex.raw('row_number() over (partition by s.__key, s.id order by p.member_id) = 1 as __first'))
    .from(services.as('s'))
    .leftJoin(participations.as('p'), 'p.service_id', 's.id');
}

export const volunteerServiceFact: FactDefinition = {
  name: 'VolunteerService',
  field: 'volunteerServices',
  label: '志愿服务',
  description: '志愿服务统计：按下级党组织、乡镇、组织服务的党组织、日期分组，计算服务次数、志愿者人数、参加人次、服务时长',
  filter: VolunteerServiceFilter,
  base: serviceBase,
  scopes: [{ name: 'ORGANIZER', column: 'organization_id', description: '组织服务的党组织' }],
  dateColumn: 'served_at',
  timeSeriesField: 'volunteerServiceTimeSeries',
  dimensions: [...organizationDimensions('组织服务的党组织'), ...timeDimensions('served_at', '服务日期')],
  measures: [
    measure('COUNT', 'count', 'int', '志愿服务次数', 'count(distinct b.id)'),
    measure('VOLUNTEER_COUNT', 'volunteerCount', 'int', '志愿者人数（同一人只计一次）', 'count(distinct b.__member_id)'),
    measure('PARTICIPATION_COUNT', 'participationCount', 'int', '参加人次', 'count(b.__member_id)'),
    measure('TOTAL_HOURS', 'totalHours', 'float', '服务总时长（小时，各次服务时长之和）', 'sum(b.duration_minutes) filter (where b.__first) / 60.0'),
  ],
};

export const careVisitFact: FactDefinition = {
  name: 'CareVisit',
  field: 'careVisits',
  label: '慰问',
  description: '慰问统计：按下级党组织、组织慰问的党组织、慰问方式、慰问对象类别、日期分组，计算慰问次数与慰问对象数',
  filter: CareVisitFilter,
  base: (knex, partition, keys, args) => careVisitSource(partition, args.filter as CareVisitFilter).base(knex, keys),
  scopes: [{ name: 'ORGANIZER', column: 'organization_id', description: '组织慰问的党组织' }],
  dateColumn: 'visited_at',
  timeSeriesField: 'careVisitTimeSeries',
  dimensions: [
    ...organizationDimensions('组织慰问的党组织'),
    enumDimension('METHOD', 'method', '慰问方式', CareMethod, 'method'),
    enumDimension('RECIPIENT_CATEGORY', 'recipientCategory', '慰问对象类别', CareRecipientCategory, 'recipient_category'),
    ...timeDimensions('visited_at', '慰问日期'),
  ],
  measures: [
    countMeasure('慰问次数'),
    measure(
      'RECIPIENT_COUNT',
      'recipientCount',
      'int',
      '慰问对象数（党员按人去重，其他对象按姓名或称谓去重）',
      "count(distinct coalesce('m' || b.recipient_member_id::text, 'n' || b.recipient_name))",
    ),
  ],
};
