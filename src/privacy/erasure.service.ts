import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldEncryption } from '../common/crypto/field-encryption.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../authorization/actor.js';
import { Clock } from '../common/clock/clock.js';
import { InvalidInputException } from '../common/http/problem.js';
import { ConsentsService } from '../consents/consents.service.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { EraseParticipantDto, ErasureResultDto } from './dto/erasure.dto.js';

export const ERASED_NAME = 'Verwijderd';

const ERASED_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'privateNotes'];

/** Compares names as people type them: case, accents' composition and extra spaces do not matter. */
export function sameName(typed: string, actual: string): boolean {
  const normal = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
  return normal(typed) === normal(actual);
}

/**
 * The right to erasure (GDPR art. 17), within what the law requires us to
 * keep (see retention-policy.ts). The participant row stays, emptied and
 * marked erased, so counts and statistics still add up; the audit log keeps
 * its rows (ids only, append-only).
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly encryption: FieldEncryption,
  ) {}

  async erase(actor: Actor, participantId: string, input: EraseParticipantDto): Promise<ErasureResultDto> {
    return this.dataSource.transaction(async (manager) => {
      // Locked, and 404 once erased: a second erasure finds nothing.
      const participant = await this.participants.findVisible(actor, participantId, manager, true);
      if (!sameName(input.confirmName, `${participant.firstName} ${participant.lastName}`)) {
        throw new InvalidInputException([{ name: 'confirmName', reason: "must equal the participant's full name (first and last name)" }]);
      }
      const organisationId = participant.organisationId;
      const now = this.clock.now();
      const addresses = new Set<string>();
      if (participant.email) addresses.add(participant.email.toLowerCase());

      const consentIds = await this.consents.withdrawAll(actor, participantId, manager);
      // Why and by whom, kept apart from the (append-only) audit log, which holds ids only.
      await manager.query(
        'INSERT INTO erasure_record (organisation_id, participant_id, erased_at, erased_by_user_id, reason) VALUES ($1, $2, $3, $4, $5)',
        [organisationId, participantId, now, actor.userId, input.reason],
      );

      await manager.getRepository(Participant).update(
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

      await this.eraseFreeText(manager, participantId);
      const account = await this.closeAccount(manager, participantId, organisationId, now);
      if (account.email) addresses.add(account.email);
      const mail = await this.eraseMail(
        manager,
        participantId,
        organisationId,
        [...addresses],
        account.erasedAddress ?? `erased-${participantId}@invalid`,
      );

      await this.audit.record(
        actor,
        {
          action: 'erase',
          resourceType: 'participant',
          resourceId: participantId,
          subjectParticipantId: participantId,
          fields: [
            ...ERASED_FIELDS,
            ...(account.anonymised ? ['userAccount'] : []),
            ...(mail.deleted + mail.anonymised > 0 ? ['mailMessages'] : []),
          ],
        },
        manager,
      );
      return {
        participantId,
        erasedAt: now.toISOString(),
        consentsWithdrawn: consentIds.length,
        userAccountAnonymised: account.anonymised,
        sessionsRevoked: account.sessionsRevoked,
        oneTimeTokensDeleted: account.tokensDeleted,
        mailMessagesDeleted: mail.deleted,
        mailMessagesAnonymised: mail.anonymised,
      };
    });
  }

  /**
   * Disables the participant's membership, revokes its sessions and deletes
   * its sign-in tokens. The account itself is anonymised unless the person
   * also works with Werkbrug in another organisation: that organisation's
   * data is not ours to erase.
   */
  /**
   * Free text written about or by the participant (profile notes, check-in
   * notes, contact summaries, help requests) is removed; the structured rows
   * stay for the anonymised statistics.
   */
  private async eraseFreeText(manager: EntityManager, participantId: string): Promise<void> {
    const erased = this.encryption.encrypt('[verwijderd]');
    await manager.query(
      "UPDATE participant_profile SET private_notes = NULL, benefit_type = NULL, work_history = '[]' WHERE participant_id = $1",
      [participantId],
    );
    await manager.query('DELETE FROM participant_barrier WHERE participant_id = $1', [participantId]);
    await manager.query(
      "UPDATE checkin SET notes = NULL, look_back = NULL, look_ahead = NULL, frame = NULL, actions = '[]', missed_reason = NULL WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1)",
      [participantId],
    );
    await manager.query('UPDATE contact_log SET summary = NULL WHERE participant_id = $1', [participantId]);
    await manager.query(
      'DELETE FROM checkin_preparation WHERE checkin_id IN (SELECT c.id FROM checkin c JOIN placement p ON p.id = c.placement_id WHERE p.participant_id = $1)',
      [participantId],
    );
    await manager.query(
      'DELETE FROM help_request_message WHERE help_request_id IN (SELECT id FROM help_request WHERE participant_id = $1)',
      [participantId],
    );
    await manager.query('UPDATE help_request SET body = $2, preferred_time = NULL WHERE participant_id = $1', [participantId, erased]);
    await manager.query(
      'UPDATE placement SET employer_contact_name = NULL, employer_contact_email = NULL, employer_contact_phone = NULL, trial_evaluation = NULL, closure_reason = NULL WHERE participant_id = $1',
      [participantId],
    );
  }

  private async closeAccount(
    manager: EntityManager,
    participantId: string,
    organisationId: string,
    now: Date,
  ): Promise<{ anonymised: boolean; email: string | null; erasedAddress: string | null; sessionsRevoked: number; tokensDeleted: number }> {
    const [membership]: Array<{ id: string; user_id: string; email: string }> = await manager.query(
      `SELECT m.id, m.user_id, u.email FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 FOR UPDATE OF m, u`,
      [participantId, organisationId],
    );
    if (!membership) return { anonymised: false, email: null, erasedAddress: null, sessionsRevoked: 0, tokensDeleted: 0 };
    await manager.query("UPDATE membership SET status = 'disabled', team_id = NULL, absent_until = NULL, updated_at = $2 WHERE id = $1", [
      membership.id,
      now,
    ]);
    const [{ others }]: Array<{ others: number }> = await manager.query(
      'SELECT count(*)::int AS others FROM membership WHERE user_id = $1 AND id <> $2',
      [membership.user_id, membership.id],
    );
    const anonymised = others === 0;
    const erasedAddress = `erased-${membership.user_id}@invalid`;
    if (anonymised) {
      await manager.query(
        `UPDATE user_account
            SET email = $2, display_name = $3, phone = NULL, password_hash = NULL, totp_secret = NULL, totp_enabled = false,
                disabled_at = coalesce(disabled_at, $4), updated_at = $4
          WHERE id = $1`,
        [membership.user_id, erasedAddress, ERASED_NAME, now],
      );
    }
    // With the account kept for another organisation, only this membership's sessions and tokens go.
    const sessions: unknown[] = await manager.query(
      `UPDATE session SET revoked_at = $3 WHERE revoked_at IS NULL AND (membership_id = $1 OR ($4 AND user_id = $2)) RETURNING id`,
      [membership.id, membership.user_id, now, anonymised],
    );
    const tokens: unknown[] = await manager.query(
      'DELETE FROM one_time_token WHERE membership_id = $1 OR ($3 AND user_id = $2) RETURNING id',
      [membership.id, membership.user_id, anonymised],
    );
    return {
      anonymised,
      email: anonymised ? membership.email.toLowerCase() : null,
      erasedAddress: anonymised ? erasedAddress : null,
      sessionsRevoked: rowCount(sessions),
      tokensDeleted: rowCount(tokens),
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
    manager: EntityManager,
    participantId: string,
    organisationId: string,
    candidates: string[],
    erasedAddress: string,
  ): Promise<{ deleted: number; anonymised: number }> {
    if (candidates.length === 0) return { deleted: 0, anonymised: 0 };
    const shared: Array<{ email: string }> = await manager.query(
      `SELECT lower(email) AS email FROM participant WHERE organisation_id = $1 AND id <> $2 AND erased_at IS NULL AND lower(email) = ANY($3)
       UNION SELECT lower(email) FROM user_account WHERE lower(email) = ANY($3)`,
      [organisationId, participantId, candidates],
    );
    const stillUsed = new Set(shared.map((row) => row.email));
    const addresses = candidates.filter((address) => !stillUsed.has(address));
    if (addresses.length === 0) return { deleted: 0, anonymised: 0 };
    const scope = 'lower(recipient) = ANY($1) AND (organisation_id = $2 OR organisation_id IS NULL)';
    const deleted: unknown[] = await manager.query(`DELETE FROM mail_message WHERE ${scope} AND status <> 'sent' RETURNING id`, [
      addresses,
      organisationId,
    ]);
    const anonymised: unknown[] = await manager.query(
      `UPDATE mail_message
          SET recipient = $3, subject = NULL, html = NULL, text = NULL, raw_message = NULL, context = '{}', attachments = '[]', last_error = NULL, updated_at = now()
        WHERE ${scope} AND status = 'sent' RETURNING id`,
      [addresses, organisationId, erasedAddress],
    );
    return { deleted: rowCount(deleted), anonymised: rowCount(anonymised) };
  }
}

/** TypeORM's postgres driver answers an UPDATE or DELETE with [rows, affected row count]. */
function rowCount(result: unknown[]): number {
  return typeof result[1] === 'number' ? result[1] : 0;
}
