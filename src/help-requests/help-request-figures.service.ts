import { Injectable } from '@nestjs/common';
import { type HelpRequestMonthRow, HelpRequestFiguresRepository } from './help-request-figures.repository.js';

export type { HelpRequestMonthRow };

/** Help requests as the outcome reports count them: time to first contact against the deadline, escalations. */
@Injectable()
export class HelpRequestFiguresService {
  constructor(private readonly repository: HelpRequestFiguresRepository) {}

  /** `participantIds` null: every participant's request in the organisation. */
  byMonth(
    organisationId: string,
    from: string,
    to: string,
    now: Date,
    participantIds: readonly string[] | null,
  ): Promise<HelpRequestMonthRow[]> {
    return this.repository.byMonth(organisationId, from, to, now, participantIds);
  }
}
