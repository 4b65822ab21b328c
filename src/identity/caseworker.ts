import type { Membership } from './entities/membership.entity.js';

export const CASEWORKER_RULE = 'must be an active coach or team lead of your organisation';

/**
 * Whether a membership may carry a caseload (a participant's coach, an
 * employer's contact coach): a job coach or team lead of the organisation who
 * is not disabled. One rule for the API and the bulk import alike.
 */
export function mayCarryCaseload(membership: Pick<Membership, 'role' | 'status'> | null | undefined): boolean {
  return !!membership && ['jobcoach', 'team_lead'].includes(membership.role) && membership.status !== 'disabled';
}
