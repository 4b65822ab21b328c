import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { Consent } from '../consents/entities/consent.entity.js';
import { Employer } from '../employers/entities/employer.entity.js';
import { Membership } from '../identity/entities/membership.entity.js';
import { OneTimeToken } from '../identity/entities/one-time-token.entity.js';
import { Session } from '../identity/entities/session.entity.js';
import { UserAccount } from '../identity/entities/user-account.entity.js';
import { MailMessage } from '../mail/entities/mail-message.entity.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { Team } from '../organisations/entities/team.entity.js';
import { CaseloadShare } from '../participants/entities/caseload-share.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';

/**
 * Every entity, listed once for the app and the migration CLI alike. A list,
 * not a glob, because globs do not load TypeScript sources under ESM tests.
 */
export const entities = [
  MailMessage,
  Organisation,
  Team,
  UserAccount,
  Membership,
  Session,
  OneTimeToken,
  Employer,
  Participant,
  CaseloadShare,
  Consent,
  AuditEvent,
];
