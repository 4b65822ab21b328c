import { Injectable } from '@nestjs/common';
import { ProfileFiguresRepository } from './profile-figures.repository.js';

/** Profiles as the outcome reports count them ("profile complete": at least one occupation wish, so matching can start). */
@Injectable()
export class ProfileFiguresService {
  constructor(private readonly repository: ProfileFiguresRepository) {}

  completedOn(organisationId: string): Promise<Map<string, string>> {
    return this.repository.completedOn(organisationId);
  }
}
