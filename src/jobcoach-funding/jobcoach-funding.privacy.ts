import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { JobcoachFundingRepository } from './jobcoach-funding.repository.js';

/**
 * UWV pays for jobcoaching and may audit it, so the grants and the hours stay;
 * the text written about the participant in them (refusal reason, warnings,
 * what was done in each hour) does not.
 */
@Injectable()
@OwnsPersonalData({ order: 210 })
export class JobcoachFundingPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'jobcoach_grant',
      erasure: 'anonymise',
      reason: "Periods, decisions and granted hours stay for UWV's accounts (7 years); the reason and the warnings (JSON) are emptied.",
    },
    {
      table: 'jobcoach_hours',
      erasure: 'anonymise',
      reason: "Dates and hours stay for UWV's accounts (7 years); the justification is written over.",
    },
    {
      table: 'jobcoach_hours_link',
      erasure: 'keep',
      reason:
        'trial_placements_and_coach_decisions: which goal or agreement an hour served is what UWV paid for; ids and an agreement code only, no free text.',
    },
  ];

  constructor(private readonly repository: JobcoachFundingRepository) {}

  async erase({ participantId }: ErasureContext): Promise<ErasureOutcome> {
    const grants = await this.repository.anonymiseGrantsOfParticipant(participantId);
    const hours = await this.repository.anonymiseHoursOfParticipant(participantId);
    return {
      fields: grants + hours > 0 ? ['jobcoachFreeText'] : [],
      counts: { jobcoachGrantsAnonymised: grants, jobcoachHoursAnonymised: hours },
    };
  }
}

/** Jobcoach grants, the hours registered under them and the goals and agreements each hour served. */
@Injectable()
@ExportsPersonalData({ order: 110, titleNl: 'Jobcoaching door UWV: toekenningen en logboek' })
export class JobcoachFundingExportContributor implements DataExportContributor {
  readonly section = 'jobcoachFunding';

  constructor(private readonly repository: JobcoachFundingRepository) {}

  collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    return this.repository.exportRows(participantId, organisationId);
  }
}
