import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConsentsService } from '../consents/consents.service.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

export const ERASED_NAME = 'Verwijderd';

const ERASED_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'privateNotes'];

// Transitional: each owner moves its part into its own <capability>.privacy.ts; this file then goes.
@Injectable()
@OwnsPersonalData({ order: 500 })
export class LegacyErasure extends TableRepository implements PersonalDataOwner {
  readonly tables = [];

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly encryption: FieldEncryption,
    private readonly consents: ConsentsService,
  ) {
    super(dataSource);
  }

  async erase({ actor, participantId, organisationId, now, reason, addresses }: ErasureContext): Promise<ErasureOutcome> {
    const consentIds = await this.consents.withdrawAll(actor, participantId, this.manager);
    // Why and by whom, kept apart from the (append-only) audit log, which holds ids only.
    await this.manager.query(
      'INSERT INTO erasure_record (organisation_id, participant_id, erased_at, erased_by_user_id, reason) VALUES ($1, $2, $3, $4, $5)',
      [organisationId, participantId, now, actor.userId, reason],
    );
    await this.manager.getRepository(Participant).update(
      { id: participantId },
      {
        firstName: ERASED_NAME,
        lastName: ERASED_NAME,
        email: null,
        phone: null,
        dateOfBirth: null,
        privateNotes: null,
        erasedAt: now,
        version: () => 'version + 1',
      },
    );
    await this.eraseFreeText(participantId);
    const account = await this.closeAccount(participantId, organisationId, now);
    if (account.email) addresses.add(account.email);
    return {
      fields: [...ERASED_FIELDS, ...(account.anonymised ? ['userAccount'] : [])],
      counts: {
        consentsWithdrawn: consentIds.length,
        userAccountAnonymised: account.anonymised,
        sessionsRevoked: account.sessionsRevoked,
        oneTimeTokensDeleted: account.tokensDeleted,
      },
    };
  }

  /**
   * Free text written about or by the participant (profile notes, check-in
   * notes, contact summaries) is removed; the structured rows
   * stay for the anonymised statistics.
   */
  private async eraseFreeText(participantId: string): Promise<void> {
    await this.manager.query(
      "UPDATE participant_profile SET private_notes = NULL, benefit_type = NULL, work_history = '[]' WHERE participant_id = $1",
      [participantId],
    );
    await this.manager.query('DELETE FROM participant_barrier WHERE participant_id = $1', [participantId]);
    await this.manager.query(
      "UPDATE checkin SET notes = NULL, look_back = NULL, look_ahead = NULL, frame = NULL, actions = '[]', missed_reason = NULL WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1)",
      [participantId],
    );
    await this.manager.query('UPDATE contact_log SET summary = NULL WHERE participant_id = $1', [participantId]);
    await this.manager.query(
      'DELETE FROM checkin_preparation WHERE checkin_id IN (SELECT c.id FROM checkin c JOIN placement p ON p.id = c.placement_id WHERE p.participant_id = $1)',
      [participantId],
    );
    await this.manager.query(
      'UPDATE placement SET employer_contact_name = NULL, employer_contact_email = NULL, employer_contact_phone = NULL, trial_evaluation = NULL, closure_reason = NULL WHERE participant_id = $1',
      [participantId],
    );
  }

  /**
   * Disables the participant's membership, revokes its sessions and deletes
   * its sign-in tokens. The account itself is anonymised unless the person
   * also works with Werkbrug in another organisation: that organisation's
   * data is not ours to erase.
   */
  private async closeAccount(
    participantId: string,
    organisationId: string,
    now: Date,
  ): Promise<{ anonymised: boolean; email: string | null; erasedAddress: string | null; sessionsRevoked: number; tokensDeleted: number }> {
    const [membership]: Array<{ id: string; user_id: string; email: string }> = await this.manager.query(
      `SELECT m.id, m.user_id, u.email FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 FOR UPDATE OF m, u`,
      [participantId, organisationId],
    );
    if (!membership) return { anonymised: false, email: null, erasedAddress: null, sessionsRevoked: 0, tokensDeleted: 0 };
    await this.manager.query(
      "UPDATE membership SET status = 'disabled', team_id = NULL, absent_until = NULL, updated_at = $2 WHERE id = $1",
      [membership.id, now],
    );
    const [{ others }]: Array<{ others: number }> = await this.manager.query(
      'SELECT count(*)::int AS others FROM membership WHERE user_id = $1 AND id <> $2',
      [membership.user_id, membership.id],
    );
    const anonymised = others === 0;
    const erasedAddress = `erased-${membership.user_id}@invalid`;
    if (anonymised) {
      await this.manager.query(
        `UPDATE user_account
            SET email = $2, display_name = $3, phone = NULL, password_hash = NULL, totp_secret = NULL, totp_enabled = false,
                disabled_at = coalesce(disabled_at, $4), updated_at = $4
          WHERE id = $1`,
        [membership.user_id, erasedAddress, ERASED_NAME, now],
      );
    }
    // With the account kept for another organisation, only this membership's sessions and tokens go.
    const sessions: unknown[] = await this.manager.query(
      `UPDATE session SET revoked_at = $3 WHERE revoked_at IS NULL AND (membership_id = $1 OR ($4 AND user_id = $2)) RETURNING id`,
      [membership.id, membership.user_id, now, anonymised],
    );
    const tokens: unknown[] = await this.manager.query(
      'DELETE FROM one_time_token WHERE membership_id = $1 OR ($3 AND user_id = $2) RETURNING id',
      [membership.id, membership.user_id, anonymised],
    );
    return {
      anonymised,
      email: anonymised ? membership.email.toLowerCase() : null,
      erasedAddress: anonymised ? erasedAddress : null,
      sessionsRevoked: affectedRows(sessions),
      tokensDeleted: affectedRows(tokens),
    };
  }
}
