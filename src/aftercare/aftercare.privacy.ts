import { Injectable } from '@nestjs/common';
import { OneTimeTokensService } from '../identity/one-time-tokens.service.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { CheckinsRepository } from './checkins.repository.js';
import { HandoverRepository } from './handover.repository.js';
import { RisksRepository } from './risks.repository.js';

/**
 * Aftercare's privacy contract. Check-ins, contacts and handovers stay as
 * dated, structured rows for the anonymised statistics; everything written
 * about the participant in them (notes, frame, look back and ahead, actions,
 * life domains, signals, agreements, missed reason, contact summaries, the
 * handover checklist and attendance) is emptied, the participant's own
 * preparations go, and outstanding handover confirmation links are deleted.
 *
 * The data export of these tables stays nested in the placements section
 * (each placement carries its handover, check-ins and contacts), which the
 * placements capability writes.
 */
@Injectable()
@OwnsPersonalData({ order: 300 })
export class AftercarePrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'handover_meeting',
      erasure: 'anonymise',
      reason: 'The meeting dates stay for the placement counts; checklist, attendance, place and video link are emptied.',
    },
    {
      table: 'checkin',
      erasure: 'anonymise',
      reason:
        'Due and held dates and the channel stay for the aftercare statistics; every note, frame, action, domain and signal is emptied.',
    },
    {
      table: 'checkin_preparation',
      erasure: 'delete',
      reason: "The participant's own answers before a check-in; nothing in them is needed afterwards.",
    },
    {
      table: 'contact_log',
      erasure: 'anonymise',
      reason: 'Date, channel, party and topic stay for the contact report per coach; the summary is emptied.',
    },
    {
      table: 'placement_risk',
      erasure: 'anonymise',
      reason:
        "Rule, dates and what followed stay for the report on risks raised and what followed; the coach's note is emptied. Reasons are generated from dates and counts, never medical data.",
    },
  ] as const;

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly checkins: CheckinsRepository,
    private readonly tokens: OneTimeTokensService,
    private readonly risks: RisksRepository,
  ) {}

  async erase({ participantId }: ErasureContext): Promise<ErasureOutcome> {
    const confirmationLinks = await this.tokens.deleteForSubjects(
      'handover_confirmation',
      await this.handovers.idsForParticipant(participantId),
    );
    const handovers = await this.handovers.anonymiseForParticipant(participantId);
    const checkins = await this.checkins.anonymiseCheckins(participantId);
    const preparations = await this.checkins.deletePreparations(participantId);
    const contacts = await this.checkins.anonymiseContacts(participantId);
    const risks = await this.risks.anonymiseForParticipant(participantId);
    return {
      fields: [
        ...(handovers > 0 ? ['handoverChecklist'] : []),
        ...(checkins > 0 ? ['checkinNotes'] : []),
        ...(preparations > 0 ? ['checkinPreparations'] : []),
        ...(contacts > 0 ? ['contactSummaries'] : []),
        ...(risks > 0 ? ['riskNotes'] : []),
      ],
      counts: { handoverConfirmationLinksDeleted: confirmationLinks },
    };
  }
}

/** The early warning's risks about the participant's work, with what the coach did about them. */
@Injectable()
@ExportsPersonalData({ order: 85, titleNl: 'Signalen over uw werk en wat de coach deed' })
export class PlacementRisksExportContributor implements DataExportContributor {
  readonly section = 'placementRisks';

  constructor(private readonly risks: RisksRepository) {}

  collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    return this.risks.exportForParticipant(participantId, organisationId);
  }
}
