import { Injectable } from '@nestjs/common';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { PlacementsRepository } from './placements.repository.js';
import { SubsidyRepository } from './subsidy.repository.js';

/**
 * Erasure of placements: the rows stay (outcome counts, quota and subsidy
 * accounts need them) without the contact person's details or any free text
 * about the participant. The subsidy tables are declared by the subsidy's own contract.
 */
@Injectable()
@OwnsPersonalData({ order: 200 })
export class PlacementsPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'placement',
      erasure: 'anonymise',
      reason:
        'Kept for outcome counts, quota and subsidy accounts; contact person, trial evaluation, extension and closure reasons and wage scale are emptied.',
    },
    { table: 'placement_event', erasure: 'anonymise', reason: 'Kept for aftercare counts; the reason and the details (JSON) are emptied.' },
  ];

  constructor(private readonly repository: PlacementsRepository) {}

  async erase({ participantId }: ErasureContext): Promise<ErasureOutcome> {
    const placements = await this.repository.anonymiseForParticipant(participantId);
    const events = await this.repository.anonymiseEventsForParticipant(participantId);
    return {
      fields: placements + events > 0 ? ['placementFreeText'] : [],
      counts: { placementsAnonymised: placements, placementEventsAnonymised: events },
    };
  }
}

/** Placements with their handover, check-ins, contacts and subsidy assessments. */
@Injectable()
@ExportsPersonalData({ order: 80, titleNl: 'Uw werk en de begeleiding' })
export class PlacementsExportContributor implements DataExportContributor {
  readonly section = 'placements';

  constructor(
    private readonly repository: PlacementsRepository,
    private readonly subsidy: SubsidyRepository,
    private readonly encryption: FieldEncryption,
  ) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const placements = await this.repository.exportPlacements(participantId, organisationId);
    for (const placement of placements) {
      const id = placement.id as string;
      // Handover meetings, check-ins and contacts belong to aftercare; read here until AftercareService exports them per placement.
      placement.handover = await this.repository.foreignExportHandovers(id);
      const checkins = await this.repository.foreignExportCheckins(id);
      placement.checkins = checkins.map((checkin) => ({ ...checkin, notes: this.encryption.decrypt(checkin.notes as string | null) }));
      const contacts = await this.repository.foreignExportContacts(id);
      placement.contacts = contacts.map((contact) => ({ ...contact, summary: this.encryption.decrypt(contact.summary as string | null) }));
      placement.wageValueAssessments = await this.subsidy.exportWageValueAssessments(id);
    }
    return placements;
  }
}
