import { Injectable } from '@nestjs/common';
import { MembershipsService } from '../identity/memberships.service.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { ParticipantsRepository } from './participants.repository.js';

const ERASED_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'privateNotes'];

/**
 * The participant row stays, emptied and marked erased, so counts and
 * statistics still add up; its e-mail address is already in the context for
 * the mail eraser. Caseload shares of the participant go.
 */
@Injectable()
@OwnsPersonalData({ order: 20 })
export class ParticipantsPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'participant',
      erasure: 'anonymise',
      reason:
        'anonymised_participant_record: the row stays for counts and statistics; name, contact details, date of birth, coach notes and external reference are emptied.',
    },
    {
      table: 'caseload_share',
      erasure: 'delete',
      reason: 'A share of an erased participant has nothing left to show, and its reason is free text.',
    },
    {
      table: 'participant_coach_change',
      erasure: 'delete',
      reason: 'Who coached an erased participant, and why that changed, is free text about them with nothing left to count.',
    },
  ];

  constructor(private readonly participants: ParticipantsRepository) {}

  async erase({ participantId, now }: ErasureContext): Promise<ErasureOutcome> {
    await this.participants.markErased(participantId, now);
    await this.participants.deleteShares(participantId);
    await this.participants.deleteCoachChanges(participantId);
    return { fields: ERASED_FIELDS };
  }
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

  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly memberships: MembershipsService,
    private readonly encryption: FieldEncryption,
  ) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const participant = await this.participants.findInOrganisation(participantId, organisationId);
    const coach = await this.memberships.recipient(participant.coachMembershipId);
    const coachName = coach?.organisationId === organisationId ? coach.displayName : null;
    const coachChanges = await this.participants.coachChanges(participantId, organisationId);
    return {
      id: participant.id,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      dateOfBirth: participant.dateOfBirth,
      coachName,
      privateNotes: this.encryption.decrypt(participant.privateNotes),
      coachChanges: coachChanges.map((change) => ({
        at: change.at.toISOString(),
        from: change.fromName,
        to: change.toName,
        reason: change.reason,
      })),
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    };
  }
}
