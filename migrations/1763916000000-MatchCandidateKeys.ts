import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate keys for top-k matching at national scale (issue 16).
 *
 * One row per participant and occupation key (a wished ISCO unit group, a
 * minor group, a sub-major group), with two traits that a vacancy can score
 * at 0 (needs supervision, wants to grow), the participant's travel area and a
 * hash of each skill. One GiST index on (key, traits, area) that carries the
 * participant, organisation and skill hashes (INCLUDE) finds the participants
 * of one score bucket (occupation level and skills level) inside a vacancy's
 * travel area, or in the whole organisation, by an index-only scan: only the
 * bucket's own rows are then read from participant_profile, instead of two
 * bitmaps over the whole pool (travel area and occupation) intersected
 * afterwards.
 *
 * The table is a read model of participant_profile, kept in step by a trigger
 * in the same transaction as every write to the profile (import, portal,
 * erasure), so the fast path never sees a stale key. Owned by matching; the
 * profile's columns stay the only source: the skill hashes and the area are
 * pre-filters, the exact conditions run on the profile itself.
 *
 * Keys are integers so that btree_gist can put them first in the index:
 * unit groups 10000 + code, minor groups 1000 + code, sub-major groups
 * 100 + code (ISCO codes are digits, leading zeros included, so the ranges
 * never meet).
 */
const COLUMNS = 'participant_id, organisation_id, occupation_key, traits, area, skill_keys';
/** Needs supervision on the floor (1), wants to grow (2): the two criteria a vacancy can cap at 0. */
const traits = (row: string) =>
  `(CASE WHEN ${row}.needs_supervision IS NOT FALSE THEN 1 ELSE 0 END + CASE WHEN ${row}.wants_growth IS NOT FALSE THEN 2 ELSE 0 END)`;

export class MatchCandidateKeys1763916000000 implements MigrationInterface {
  name = 'MatchCandidateKeys1763916000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`
      CREATE FUNCTION match_occupation_keys(wishes text[], minor_groups text[], sub_major_groups text[]) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT k ORDER BY k), '{}')::int[] FROM (
          SELECT 10000 + w::int AS k FROM unnest(wishes) w WHERE w ~ '^[0-9]{4}$'
          UNION ALL SELECT 1000 + m::int FROM unnest(minor_groups) m WHERE m ~ '^[0-9]{3}$'
          UNION ALL SELECT 100 + s::int FROM unnest(sub_major_groups) s WHERE s ~ '^[0-9]{2}$') keys
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_skill_keys(skills text[]) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT hashtext(s) ORDER BY hashtext(s)), '{}')::int[] FROM unnest(skills) s WHERE s IS NOT NULL
      $$`);
    await queryRunner.query(`
      CREATE TABLE match_candidate_key (
        participant_id uuid NOT NULL REFERENCES participant_profile (participant_id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        occupation_key int NOT NULL,
        traits smallint NOT NULL,
        area box,
        skill_keys int[] NOT NULL,
        PRIMARY KEY (participant_id, occupation_key)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION match_candidate_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM match_candidate_key WHERE participant_id = OLD.participant_id;
        END IF;
        INSERT INTO match_candidate_key (${COLUMNS})
        SELECT NEW.participant_id, NEW.organisation_id, k, ${traits('NEW')},
          match_participant_area(NEW.latitude, NEW.longitude, NEW.max_travel_km, NEW.transport_modes), match_skill_keys(NEW.skills)
        FROM unnest(match_occupation_keys(NEW.occupation_wishes, NEW.occupation_minor_groups, NEW.occupation_sub_major_groups)) k;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER tr_participant_profile_match_keys_insert AFTER INSERT ON participant_profile
      FOR EACH ROW EXECUTE FUNCTION match_candidate_keys_sync()`);
    // Only the columns the keys are made of; a change to hours or notes leaves the keys alone.
    await queryRunner.query(`
      CREATE TRIGGER tr_participant_profile_match_keys_update AFTER UPDATE OF participant_id, organisation_id, occupation_wishes,
        occupation_minor_groups, occupation_sub_major_groups, skills, latitude, longitude, max_travel_km, transport_modes,
        needs_supervision, wants_growth
      ON participant_profile FOR EACH ROW EXECUTE FUNCTION match_candidate_keys_sync()`);
    await queryRunner.query(`
      INSERT INTO match_candidate_key (${COLUMNS})
      SELECT pp.participant_id, pp.organisation_id, k, ${traits('pp')},
        match_participant_area(pp.latitude, pp.longitude, pp.max_travel_km, pp.transport_modes), match_skill_keys(pp.skills)
      FROM participant_profile pp, unnest(match_occupation_keys(pp.occupation_wishes, pp.occupation_minor_groups, pp.occupation_sub_major_groups)) k`);
    await queryRunner.query(
      `CREATE INDEX ix_match_candidate_key_area ON match_candidate_key USING gist (occupation_key, traits, area)
       INCLUDE (participant_id, organisation_id, skill_keys)`,
    );
    // Vacancies for a participant, by skills level (every skill asked is the participant's, some, none).
    await queryRunner.query("CREATE INDEX ix_vacancy_open_skills ON vacancy USING gin (skills) WHERE status = 'open'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_vacancy_open_skills');
    await queryRunner.query('DROP TRIGGER tr_participant_profile_match_keys_update ON participant_profile');
    await queryRunner.query('DROP TRIGGER tr_participant_profile_match_keys_insert ON participant_profile');
    await queryRunner.query('DROP TABLE match_candidate_key');
    await queryRunner.query('DROP FUNCTION match_candidate_keys_sync()');
    await queryRunner.query('DROP FUNCTION match_skill_keys(text[])');
    await queryRunner.query('DROP FUNCTION match_occupation_keys(text[], text[], text[])');
  }
}
