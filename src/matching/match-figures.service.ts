import { Injectable } from '@nestjs/common';
import { MatchFiguresRepository, type MatchStageDates } from './match-figures.repository.js';

export type { MatchStageDates };

/** Matches as the outcome reports count them: the first match and first introduction per participant. */
@Injectable()
export class MatchFiguresService {
  constructor(private readonly repository: MatchFiguresRepository) {}

  stageDates(organisationId: string): Promise<Map<string, MatchStageDates>> {
    return this.repository.stageDates(organisationId);
  }
}
