import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
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
