import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors';
import { loadOrganization } from '../organization/organization.service';
import { loadMembers } from '../member/member.service';
import { VolunteerParticipation, VolunteerService } from './volunteer.entity';
import type { RecordVolunteerServiceInput, VolunteerServicePayload } from './volunteer.mutations';

/**
 * Services may be recorded after the fact, also for an organization dissolved since (a temporary
 * branch ends with its task), but only for a day within the organization's lifetime. Volunteers
 * come from anywhere (在职党员 serve where they report), so there is no subtree rule for them.
 */
export async function recordVolunteerService(em: EntityManager, input: RecordVolunteerServiceInput): Promise<VolunteerServicePayload> {
  const organization = await loadOrganization(em, input.organizationId, 'organizationId');
  if (input.servedAt < organization.establishedAt) throw badUserInput('服务日期不能早于党组织的成立日期', 'servedAt');
  if (organization.dissolvedAt && input.servedAt > organization.dissolvedAt) {
    throw badUserInput(`${organization.name}已于 ${organization.dissolvedAt} 撤销，服务日期不能晚于撤销日期`, ['organizationId', 'servedAt']);
  }
  const participants = await loadMembers(em, input.participantIds, 'participantIds');
  const service = em.create(VolunteerService, {
    organization,
    content: input.content.trim(),
    location: input.location.trim(),
    servedAt: input.servedAt,
    durationMinutes: input.durationMinutes,
  });
  for (const member of participants) em.create(VolunteerParticipation, { service, member });
  return { service, organization };
}
