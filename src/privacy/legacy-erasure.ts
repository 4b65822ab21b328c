import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConsentsService } from '../consents/consents.service.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { TableRepository } from '../platform/database/transactions.js';
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
    private readonly consents: ConsentsService,
  ) {
    super(dataSource);
  }

  async erase({ actor, participantId, organisationId, now, reason }: ErasureContext): Promise<ErasureOutcome> {
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
    return { fields: ERASED_FIELDS, counts: { consentsWithdrawn: consentIds.length } };
  }

  /** The profile's free text (notes, benefit type, work history) and the barriers; the structured rows stay for the statistics. */
  private async eraseFreeText(participantId: string): Promise<void> {
    await this.manager.query(
      "UPDATE participant_profile SET private_notes = NULL, benefit_type = NULL, work_history = '[]' WHERE participant_id = $1",
      [participantId],
    );
    await this.manager.query('DELETE FROM participant_barrier WHERE participant_id = $1', [participantId]);
  }
}
