import { Injectable } from '@nestjs/common';
import {
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
  type ErasureContext,
  type ErasureOutcome,
} from '../platform/privacy/personal-data.js';
import { type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { MatchesRepository } from './matches.repository.js';

/**
 * Matches are kept for the placement statistics (how many proposals led to
 * an introduction, a trial, a contract); the reasons people wrote about the
 * participant go.
 */
@Injectable()
@OwnsPersonalData({ order: 200 })
export class MatchingPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'match',
      erasure: 'anonymise',
      reason:
        'Kept for the placement statistics (status, score, dates); the free-text reasons (for skipping the trial placement, for the employer’s answer) are emptied.',
    },
    {
      table: 'match_event',
      erasure: 'anonymise',
      reason: 'Kept for the pipeline statistics (which step, when); the free-text reason of each step is emptied.',
    },
    {
      table: 'match_candidate_key',
      erasure: 'anonymise',
      reason:
        'A search key derived from participant_profile by a trigger in the same transaction: when the profile is anonymised the travel area and skill hashes go with it; the occupation codes (the row’s key and all the participant’s keys), the two traits and the levels of what the participant copes with stay, as on the profile.',
    },
  ];

  constructor(private readonly matches: MatchesRepository) {}

  async erase({ participantId, organisationId }: ErasureContext): Promise<ErasureOutcome> {
    const erased = await this.matches.eraseFreeText(participantId, organisationId);
    return {
      fields: erased.matches + erased.events > 0 ? ['matchReasons'] : [],
      counts: { matchReasonsErased: erased.matches, matchEventReasonsErased: erased.events },
    };
  }
}

/** The participant's matches with vacancies, and each step with its reason. */
@Injectable()
@ExportsPersonalData({ order: 75, titleNl: 'Uw matches' })
export class MatchesExportContributor implements DataExportContributor {
  readonly section = 'matches';

  constructor(private readonly matches: MatchesRepository) {}

  collect(participantId: string, organisationId: string): Promise<unknown> {
    return this.matches.forExport(participantId, organisationId);
  }
}
