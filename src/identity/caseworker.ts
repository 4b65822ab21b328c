import type { EntityManager } from 'typeorm';
import { Membership } from './entities/membership.entity.js';

export const CASEWORKER_RULE = 'must be an active coach or team lead of your organisation';

/**
 * Whether a membership may carry a caseload (a participant's coach, an
 * employer's contact coach): a job coach or team lead of the organisation who
 * is not disabled. One rule for the API and the bulk import alike.
 */
export async function isCaseworker(manager: EntityManager, organisationId: string, membershipId: string): Promise<boolean> {
  const membership = await manager.getRepository(Membership).findOneBy({ id: membershipId, organisationId });
  return !!membership && ['jobcoach', 'team_lead'].includes(membership.role) && membership.status !== 'disabled';
}
