import type { Role } from '../../identity/entities/membership.entity.js';

/** Who is making a request, in which organisation and role. */
export interface Actor {
  userId: string;
  membershipId: string;
  organisationId: string;
  role: Role;
  teamId: string | null;
  employerId: string | null;
  participantId: string | null;
  /** For funder users: the funder whose trajectories they see, as aggregates only. */
  funderId?: string | null;
  sessionId: string;
  /** Cookie sessions need a CSRF token on changes; bearer tokens are not sent by browsers on their own. */
  via: 'cookie' | 'bearer';
  displayName: string;
  locale: 'nl' | 'en';
  /** The level of assurance a broker (DigiD, eHerkenning) vouched for at sign-in: 1 low, 2 substantial, 3 high. */
  assurance?: number | null;
}

export function isStaff(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'team_lead' || actor.role === 'jobcoach';
}
