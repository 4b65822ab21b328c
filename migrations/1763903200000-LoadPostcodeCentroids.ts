import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROJECT_ROOT } from '../src/platform/project-root.js';

/** Shipped with Werkbrug; src/reference-data/data/README.md names its source and licence. */
const CENTROIDS_FILE = path.join(PROJECT_ROOT, 'src', 'reference-data', 'data', 'pc4-centroids.csv');

/** The shipped file as four parallel arrays, for one `unnest` statement instead of 4,000 inserts. */
function shippedColumns(): [string[], number[], number[], string[]] {
  const columns: [string[], number[], number[], string[]] = [[], [], [], []];
  for (const line of readFileSync(CENTROIDS_FILE, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const [pc4, latitude, longitude, ...municipality] = line.split(',');
    columns[0].push(pc4);
    columns[1].push(Number(latitude));
    columns[2].push(Number(longitude));
    columns[3].push(municipality.join(','));
  }
  return columns;
}

/**
 * Fills the postcode centroid table from the file shipped with Werkbrug, so an
 * address entered by postcode is placed on the map on a fresh install without
 * `npm run postcodes:import`. Areas already present (imported earlier) keep
 * their coordinates.
 */
export class LoadPostcodeCentroids1763903200000 implements MigrationInterface {
  name = 'LoadPostcodeCentroids1763903200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO postcode_area (pc4, latitude, longitude, municipality)
       SELECT * FROM unnest($1::char(4)[], $2::double precision[], $3::double precision[], $4::text[])
       ON CONFLICT (pc4) DO NOTHING`,
      shippedColumns(),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the rows this migration wrote: an area imported with other coordinates stays.
    const [pc4s, latitudes, longitudes] = shippedColumns();
    await queryRunner.query(
      `DELETE FROM postcode_area p
       USING unnest($1::char(4)[], $2::double precision[], $3::double precision[]) AS shipped (pc4, latitude, longitude)
       WHERE p.pc4 = shipped.pc4 AND p.latitude = shipped.latitude AND p.longitude = shipped.longitude`,
      [pc4s, latitudes, longitudes],
    );
  }
}
