import { Injectable } from '@nestjs/common';
import { type CohortFilter, type CohortRow, ParticipantFiguresRepository } from './participant-figures.repository.js';

export type { CohortFilter, CohortRow };

/**
 * Participants as the outcome reports count them: ids with coach, funder and
 * target group, never a name. The caller (reports) decides the actor's scope.
 */
@Injectable()
export class ParticipantFiguresService {
  constructor(private readonly repository: ParticipantFiguresRepository) {}

  cohort(organisationId: string, from: string, to: string, filter: CohortFilter): Promise<CohortRow[]> {
    return this.repository.cohort(organisationId, from, to, filter);
  }

  idsInScope(organisationId: string, filter: CohortFilter): Promise<string[]> {
    return this.repository.idsInScope(organisationId, filter);
  }
}
