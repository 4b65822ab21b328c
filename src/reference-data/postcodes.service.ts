import { Injectable } from '@nestjs/common';
import { coordinatesFor } from './postcodes.js';
import { PostcodesRepository } from './postcodes.repository.js';

/** Postcode centroids for other capabilities (vacancies, profiles, employers, imports). */
@Injectable()
export class PostcodesService {
  constructor(private readonly postcodes: PostcodesRepository) {}

  /**
   * Coordinates for a full postcode: the given ones, else the 4-digit area's centroid;
   * none without a postcode. An unknown area is a 400 naming `field`.
   */
  coordinates(
    postcode: string | null | undefined,
    given?: { latitude?: number; longitude?: number },
    field = 'postcode',
  ): Promise<{ latitude: number | null; longitude: number | null }> {
    return coordinatesFor((pc4) => this.postcodes.centroid(pc4), postcode, given, field);
  }
}
