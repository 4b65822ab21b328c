import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { ConsentsService } from '../consents/consents.service.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from './data-export-contributor.js';

/** The participant's user account and membership in this organisation, if they have one. */
async function participantLogin(
  manager: EntityManager,
  participantId: string,
  organisationId: string,
): Promise<{ userId: string; email: string } | null> {
  const rows: Array<{ user_id: string; email: string }> = await manager.query(
    `SELECT u.id AS user_id, u.email
       FROM membership m JOIN user_account u ON u.id = m.user_id
      WHERE m.participant_id = $1 AND m.organisation_id = $2`,
    [participantId, organisationId],
  );
  return rows[0] ? { userId: rows[0].user_id, email: rows[0].email } : null;
}

/**
 * The participant record. Coach notes (privateNotes) are decrypted and
 * included for staff AND for the participant themself: under GDPR art. 15
 * the data subject is entitled to a copy of all personal data held about
 * them, and the notes are exactly that. (Ordinary reads keep hiding them from
 * participants; a coach who thinks a note must be withheld to protect someone
 * else's rights (art. 15(4)) has to take that up with the privacy officer,
 * not silently drop it.)
 */
@Injectable()
@ExportsPersonalData({ order: 10, titleNl: 'Uw gegevens' })
export class ParticipantExportContributor implements DataExportContributor {
  readonly section = 'participant';

  constructor(private readonly encryption: FieldEncryption) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const participant = await manager.getRepository(Participant).findOneByOrFail({ id: participantId, organisationId });
    const coach: Array<{ display_name: string }> = participant.coachMembershipId
      ? await manager.query(
          'SELECT u.display_name FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.id = $1 AND m.organisation_id = $2',
          [participant.coachMembershipId, organisationId],
        )
      : [];
    return {
      id: participant.id,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      dateOfBirth: participant.dateOfBirth,
      coachName: coach[0]?.display_name ?? null,
      privateNotes: this.encryption.decrypt(participant.privateNotes),
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    };
  }
}

/** Every consent ever given or withdrawn, with what it meant. */
@Injectable()
@ExportsPersonalData({ order: 40, titleNl: 'Uw toestemmingen' })
export class ConsentsExportContributor implements DataExportContributor {
  readonly section = 'consents';

  constructor(private readonly consents: ConsentsService) {}

  collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    return this.consents.history(participantId, organisationId, manager);
  }
}

export const CORE_EXPORT_CONTRIBUTORS = [ParticipantExportContributor, ConsentsExportContributor];
