import { Injectable } from '@nestjs/common';
import { type RiskRaisedRow, RiskFiguresRepository } from './risk-figures.repository.js';

export type { RiskRaisedRow };

/** Early-warning risks as the outcome reports count them: per placement and rule, the day raised. */
@Injectable()
export class RiskFiguresService {
  constructor(private readonly repository: RiskFiguresRepository) {}

  /** `placementIds` null: every placement of the organisation. */
  raised(organisationId: string, from: string, to: string, placementIds: readonly string[] | null): Promise<RiskRaisedRow[]> {
    return this.repository.raised(organisationId, from, to, placementIds);
  }
}
