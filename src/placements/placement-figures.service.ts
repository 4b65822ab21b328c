import { Injectable } from '@nestjs/common';
import { type PlacementFigureRow, PlacementFiguresRepository } from './placement-figures.repository.js';

export type { PlacementFigureRow };

/** Placements as the outcome reports count them (dates, status, end reasons, risk flags). */
@Injectable()
export class PlacementFiguresService {
  constructor(private readonly repository: PlacementFiguresRepository) {}

  placements(organisationId: string): Promise<PlacementFigureRow[]> {
    return this.repository.placements(organisationId);
  }
}
