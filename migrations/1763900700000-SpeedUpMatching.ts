import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching in two steps (see MatchingService.buildQuery): an index-backed
 * travel-area pre-filter, then the exact filters and the score on the
 * survivors only.
 *
 * - match_participant_area(): a latitude/longitude box around a participant,
 *   as large as their travel reach could ever be (public transport counted as
 *   reachable), with a margin. It mirrors MODE_MAX_KM in src/matching/criteria.ts
 *   and the reach expression in matching.sql.ts; it only narrows, the exact
 *   great-circle filter still decides. If a mode's reach ever grows, recreate
 *   the function and the index in a new migration (tests/matching checks them).
 * - match_point_box(): a vacancy's location as a degenerate box, so `&&`
 *   between the two can use either GiST index.
 * - match_shared_count(): how many distinct elements of the first array are in
 *   the second (the skills score, without INTERSECT subqueries per row).
 *
 * Also the bulk CSV import (src/imports): import_run with its progress,
 * import_rejection per refused row, and the row keys that make a re-run
 * idempotent (employer KvK number, external_reference on vacancy and
 * participant).
 */
export class SpeedUpMatching1763900700000 implements MigrationInterface {
  name = 'SpeedUpMatching1763900700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION match_reach_box(latitude double precision, longitude double precision, reach_km double precision)
      RETURNS box LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT box(
          point(latitude - degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088),
                longitude - degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088)
                  / cos(radians(least(89.0, abs(latitude) + degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088))))),
          point(latitude + degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088),
                longitude + degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088)
                  / cos(radians(least(89.0, abs(latitude) + degrees((greatest(reach_km, 0) * 1.01 + 0.01) / 6371.0088))))))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_participant_area(latitude double precision, longitude double precision, max_travel_km numeric, transport_modes text[])
      RETURNS box LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT public.match_reach_box(latitude, longitude, LEAST(max_travel_km, GREATEST(
          CASE WHEN 'walk' = ANY(transport_modes) THEN 5 ELSE 0 END,
          CASE WHEN 'bike' = ANY(transport_modes) THEN 15 ELSE 0 END,
          CASE WHEN 'public_transport' = ANY(transport_modes) THEN 40 ELSE 0 END,
          CASE WHEN 'car' = ANY(transport_modes) THEN 60 ELSE 0 END))::double precision)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_point_box(latitude double precision, longitude double precision)
      RETURNS box LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT box(point(latitude, longitude), point(latitude, longitude))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_shared_count(wanted text[], present text[])
      RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT count(DISTINCT x)::integer FROM unnest(wanted) x WHERE x = ANY(present)
      $$`);
    await queryRunner.query(
      `CREATE INDEX ix_participant_profile_travel_area ON participant_profile
         USING gist (match_participant_area(latitude, longitude, max_travel_km, transport_modes))`,
    );
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_location ON vacancy USING gist (match_point_box(latitude, longitude)) WHERE status = 'open'",
    );

    await queryRunner.query('ALTER TABLE vacancy ADD COLUMN external_reference text CHECK (length(external_reference) BETWEEN 1 AND 100)');
    await queryRunner.query(
      'ALTER TABLE participant ADD COLUMN external_reference text CHECK (length(external_reference) BETWEEN 1 AND 100)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_vacancy_external_reference ON vacancy (organisation_id, external_reference) WHERE external_reference IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_participant_external_reference ON participant (organisation_id, external_reference) WHERE external_reference IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX ix_employer_kvk_number ON employer (organisation_id, kvk_number) WHERE kvk_number IS NOT NULL');
    await queryRunner.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('employers', 'vacancies', 'participants')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        content text NOT NULL,
        total_rows integer NOT NULL CHECK (total_rows >= 0),
        rows_done integer NOT NULL DEFAULT 0,
        rows_created integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_rejected integer NOT NULL DEFAULT 0,
        error text,
        created_by_user_id uuid NOT NULL,
        created_by_membership_id uuid NOT NULL,
        created_by_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX ix_import_run_organisation ON import_run (organisation_id, created_at)');
    await queryRunner.query(`
      CREATE TABLE import_rejection (
        import_id uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        reasons jsonb NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE import_rejection');
    await queryRunner.query('DROP TABLE import_run');
    await queryRunner.query('DROP INDEX ix_employer_kvk_number');
    await queryRunner.query('DROP INDEX uq_participant_external_reference');
    await queryRunner.query('DROP INDEX uq_vacancy_external_reference');
    await queryRunner.query('ALTER TABLE participant DROP COLUMN external_reference');
    await queryRunner.query('ALTER TABLE vacancy DROP COLUMN external_reference');
    await queryRunner.query('DROP INDEX ix_vacancy_open_location');
    await queryRunner.query('DROP INDEX ix_participant_profile_travel_area');
    await queryRunner.query('DROP FUNCTION match_shared_count(text[], text[])');
    await queryRunner.query('DROP FUNCTION match_point_box(double precision, double precision)');
    await queryRunner.query('DROP FUNCTION match_participant_area(double precision, double precision, numeric, text[])');
    await queryRunner.query('DROP FUNCTION match_reach_box(double precision, double precision, double precision)');
  }
}
