import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConsentsService } from '../consents/consents.service.js';
import { erasedAccountAddress } from '../identity/identity.privacy.js';
import { MembershipsService } from '../identity/memberships.service.js';
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
    private readonly memberships: MembershipsService,
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
    // The account was closed by identity's eraser (order 450), which gathered its address.
    const account = await this.memberships.participantRecipient(participantId, organisationId);
    const accountAnonymised = !!account && account.email === erasedAccountAddress(account.userId);
    const mail = await this.eraseMail(
      participantId,
      organisationId,
      [...addresses],
      accountAnonymised ? account.email : `erased-${participantId}@invalid`,
    );
    return {
      fields: [...ERASED_FIELDS, ...(mail.deleted + mail.anonymised > 0 ? ['mailMessages'] : [])],
      counts: {
        consentsWithdrawn: consentIds.length,
        mailMessagesDeleted: mail.deleted,
        mailMessagesAnonymised: mail.anonymised,
      },
    };
  }

  /**
   * Free text written about or by the participant (profile notes, help
   * requests; aftercare erases its own) is removed; the structured rows
   * stay for the anonymised statistics.
   */
  private async eraseFreeText(participantId: string): Promise<void> {
    const erased = this.encryption.encrypt('[verwijderd]');
    await this.manager.query(
      "UPDATE participant_profile SET private_notes = NULL, benefit_type = NULL, work_history = '[]' WHERE participant_id = $1",
      [participantId],
    );
    await this.manager.query('DELETE FROM participant_barrier WHERE participant_id = $1', [participantId]);
    await this.manager.query(
      'DELETE FROM help_request_message WHERE help_request_id IN (SELECT id FROM help_request WHERE participant_id = $1)',
      [participantId],
    );
    await this.manager.query('UPDATE help_request SET body = $2, preferred_time = NULL WHERE participant_id = $1', [participantId, erased]);
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
