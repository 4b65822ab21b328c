import { Injectable } from '@nestjs/common';
import { type CheckinMonthRow, CheckinFiguresRepository } from './checkin-figures.repository.js';

export type { CheckinMonthRow };

/** Aftercare delivery as the outcome reports count it: check-ins planned, held and missed per coach and month. */
@Injectable()
export class CheckinFiguresService {
  constructor(private readonly repository: CheckinFiguresRepository) {}

  /** `placementIds` null: every placement of the organisation. */
  byCoachAndMonth(
    organisationId: string,
    from: string,
    to: string,
    today: string,
    placementIds: readonly string[] | null,
  ): Promise<CheckinMonthRow[]> {
    return this.repository.byCoachAndMonth(organisationId, from, to, today, placementIds);
  }
}
