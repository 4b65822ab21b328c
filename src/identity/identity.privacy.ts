import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { IdentityRepository } from './identity.repository.js';
import { SessionsRepository } from './sessions.repository.js';

/** The name an erased account (and participant) is shown with. */
export const ERASED_ACCOUNT_NAME = 'Verwijderd';

/** The address an anonymised account gets: unique, and undeliverable by design (RFC 6761 `.invalid`). */
export function erasedAccountAddress(userId: string): string {
  return `erased-${userId}@invalid`;
}

/**
 * The participant's sign-in: their membership is disabled, its sessions
 * revoked and its sign-in tokens deleted. The account itself is anonymised
 * unless the person also works with Werkbrug in another organisation: that
 * organisation's data is not ours to erase. Runs after the capabilities'
 * own tables, and adds the account's address for the mail eraser.
 */
@Injectable()
@OwnsPersonalData({ order: 450 })
export class IdentityPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'user_account',
      erasure: 'anonymise',
      reason: 'The participant’s account: address, name, phone and secrets emptied, unless another organisation still uses it.',
    },
    {
      table: 'membership',
      erasure: 'anonymise',
      reason: 'The participant’s membership is disabled and kept (ids and role only) for the audit trail.',
    },
    { table: 'session', erasure: 'anonymise', reason: 'Sessions are revoked; they hold hashes and times, no personal values.' },
    { table: 'one_time_token', erasure: 'delete', reason: 'Sign-in links and invitations of the participant are deleted.' },
    { table: 'totp_recovery_code', erasure: 'delete', reason: 'Recovery codes for two-factor sign-in go with the account’s secrets.' },
  ];

  constructor(
    private readonly identity: IdentityRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async erase({ participantId, organisationId, now, addresses }: ErasureContext): Promise<ErasureOutcome> {
    const membership = await this.identity.lockParticipantMembership(participantId, organisationId);
    if (!membership) return { counts: { userAccountAnonymised: false, sessionsRevoked: 0, oneTimeTokensDeleted: 0 } };
    await this.identity.disableMembership(membership.id, now);
    const anonymised = (await this.identity.otherMembershipCount(membership.user_id, membership.id)) === 0;
    if (anonymised) {
      addresses.add(membership.email.toLowerCase());
      await this.identity.anonymiseAccount(membership.user_id, erasedAccountAddress(membership.user_id), ERASED_ACCOUNT_NAME, now);
    }
    // With the account kept for another organisation, only this membership's sessions and tokens go.
    const sessionsRevoked = await this.sessions.revokeForMembership(membership.id, membership.user_id, anonymised, now);
    const oneTimeTokensDeleted = await this.identity.deleteTokensOf(membership.id, membership.user_id, anonymised);
    return {
      fields: anonymised ? ['userAccount'] : [],
      counts: { userAccountAnonymised: anonymised, sessionsRevoked, oneTimeTokensDeleted },
    };
  }
}

/** The account the participant signs in with: never the password hash or the second-factor secret. */
@Injectable()
@ExportsPersonalData({ order: 20, titleNl: 'Uw account' })
export class UserAccountExportContributor implements DataExportContributor {
  readonly section = 'userAccount';

  constructor(private readonly identity: IdentityRepository) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const row = await this.identity.participantAccount(participantId, organisationId);
    if (!row) return null;
    return {
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      phone: row.phone,
      createdAt: row.created_at.toISOString(),
      disabledAt: row.disabled_at?.toISOString() ?? null,
    };
  }
}

/** The participant's roles in this organisation (other organisations' data never crosses over). */
@Injectable()
@ExportsPersonalData({ order: 30, titleNl: 'Uw toegang tot Werkbrug' })
export class MembershipsExportContributor implements DataExportContributor {
  readonly section = 'memberships';

  constructor(private readonly identity: IdentityRepository) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const login = await this.identity.participantRecipient(participantId, organisationId);
    if (!login) return [];
    const rows = await this.identity.membershipsOfUserIn(login.user_id, organisationId);
    return rows.map((row) => ({ id: row.id, role: row.role, status: row.status, createdAt: row.created_at.toISOString() }));
  }
}
