import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ERASED_NAME } from '../participants/participants.repository.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

export { ERASED_NAME };

// Transitional: each owner moves its part into its own <capability>.privacy.ts; this file then goes.
@Injectable()
@OwnsPersonalData({ order: 500 })
export class LegacyErasure extends TableRepository implements PersonalDataOwner {
  readonly tables = [];

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly encryption: FieldEncryption,
  ) {
    super(dataSource);
  }

  async erase({ actor, participantId, organisationId, now, reason, addresses }: ErasureContext): Promise<ErasureOutcome> {
    // Why and by whom, kept apart from the (append-only) audit log, which holds ids only.
    await this.manager.query(
      'INSERT INTO erasure_record (organisation_id, participant_id, erased_at, erased_by_user_id, reason) VALUES ($1, $2, $3, $4, $5)',
      [organisationId, participantId, now, actor.userId, reason],
    );
    await this.eraseFreeText(participantId);
    const account = await this.closeAccount(participantId, organisationId, now);
    if (account.email) addresses.add(account.email);
    const mail = await this.eraseMail(
      participantId,
      organisationId,
      [...addresses],
      account.erasedAddress ?? `erased-${participantId}@invalid`,
    );
    return {
      fields: [...(account.anonymised ? ['userAccount'] : []), ...(mail.deleted + mail.anonymised > 0 ? ['mailMessages'] : [])],
      counts: {
        userAccountAnonymised: account.anonymised,
        sessionsRevoked: account.sessionsRevoked,
        oneTimeTokensDeleted: account.tokensDeleted,
        mailMessagesDeleted: mail.deleted,
        mailMessagesAnonymised: mail.anonymised,
      },
    };
  }

  /**
   * Free text written about or by the participant (profile notes, check-in
   * notes, contact summaries, help requests) is removed; the structured rows
   * stay for the anonymised statistics.
   */
  private async eraseFreeText(participantId: string): Promise<void> {
    const erased = this.encryption.encrypt('[verwijderd]');
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
      'DELETE FROM help_request_message WHERE help_request_id IN (SELECT id FROM help_request WHERE participant_id = $1)',
      [participantId],
    );
    await this.manager.query('UPDATE help_request SET body = $2, preferred_time = NULL WHERE participant_id = $1', [participantId, erased]);
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

  /**
   * Mail to the participant's addresses in this organisation (or sent by the
   * installation itself): what was not delivered is not needed and goes;
   * what was sent is kept as a bare delivery record (kind, message id, date,
   * status) for the retention period of mail delivery records, without
   * address, subject, body or error text. Addresses another person in the
   * organisation still uses are left alone.
   */
  private async eraseMail(
    participantId: string,
    organisationId: string,
    candidates: string[],
    erasedAddress: string,
  ): Promise<{ deleted: number; anonymised: number }> {
    if (candidates.length === 0) return { deleted: 0, anonymised: 0 };
    const shared: Array<{ email: string }> = await this.manager.query(
      `SELECT lower(email) AS email FROM participant WHERE organisation_id = $1 AND id <> $2 AND erased_at IS NULL AND lower(email) = ANY($3)
       UNION SELECT lower(email) FROM user_account WHERE lower(email) = ANY($3)`,
      [organisationId, participantId, candidates],
    );
    const stillUsed = new Set(shared.map((row) => row.email));
    const addresses = candidates.filter((address) => !stillUsed.has(address));
    if (addresses.length === 0) return { deleted: 0, anonymised: 0 };
    const scope = 'lower(recipient) = ANY($1) AND (organisation_id = $2 OR organisation_id IS NULL)';
    const deleted: unknown[] = await this.manager.query(`DELETE FROM mail_message WHERE ${scope} AND status <> 'sent' RETURNING id`, [
      addresses,
      organisationId,
    ]);
    const anonymised: unknown[] = await this.manager.query(
      `UPDATE mail_message
          SET recipient = $3, subject = NULL, html = NULL, text = NULL, raw_message = NULL, context = '{}', attachments = '[]', last_error = NULL, updated_at = now()
        WHERE ${scope} AND status = 'sent' RETURNING id`,
      [addresses, organisationId, erasedAddress],
    );
    return { deleted: affectedRows(deleted), anonymised: affectedRows(anonymised) };
  }
}
