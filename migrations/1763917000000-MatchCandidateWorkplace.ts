import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a participant copes with at work (stimuli, production pressure, pace) in
 * match_candidate_key, carried by its GiST index (issue 16).
 *
 * With these three levels and the traits the index already holds, the fast
 * path bounds each row's score from the index alone (the workplace, supervision
 * and growth criteria exactly, the occupation and skills by the row's bucket),
 * so a row that cannot rank before the k-th found so far is dropped before its
 * profile is read. The levels stay on the profile after erasure, as there.
 *
 * A second, btree index on (organisation, key, traits, participant) serves the
 * near misses, which search the whole organisation: a range of it is read at
 * a fraction of the GiST's cost per entry, in participant order, and a range
 * of participant ids is a range of the index (ties at one score go by
 * participant id, so the fast path cuts its buckets by id for them).
 */
const COLUMNS = 'participant_id, organisation_id, occupation_key, traits, area, skill_keys, copes_stimulus, copes_pressure, copes_pace';
const traits = (row: string) =>
  `(CASE WHEN ${row}.needs_supervision IS NOT FALSE THEN 1 ELSE 0 END + CASE WHEN ${row}.wants_growth IS NOT FALSE THEN 2 ELSE 0 END)`;
const KEY_COLUMNS = `participant_id, organisation_id, occupation_wishes, occupation_minor_groups, occupation_sub_major_groups, skills, latitude,
  longitude, max_travel_km, transport_modes, needs_supervision, wants_growth`;

function syncFunction(columns: string, values: string): string {
  return `
    CREATE OR REPLACE FUNCTION match_candidate_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM match_candidate_key WHERE participant_id = OLD.participant_id;
      END IF;
      INSERT INTO match_candidate_key (${columns})
      SELECT NEW.participant_id, NEW.organisation_id, k, ${traits('NEW')},
        match_participant_area(NEW.latitude, NEW.longitude, NEW.max_travel_km, NEW.transport_modes), match_skill_keys(NEW.skills)${values}
      FROM unnest(match_occupation_keys(NEW.occupation_wishes, NEW.occupation_minor_groups, NEW.occupation_sub_major_groups)) k;
      RETURN NULL;
    END
    $$`;
}

async function replaceUpdateTrigger(queryRunner: QueryRunner, columns: string): Promise<void> {
  await queryRunner.query('DROP TRIGGER tr_participant_profile_match_keys_update ON participant_profile');
  await queryRunner.query(`
    CREATE TRIGGER tr_participant_profile_match_keys_update AFTER UPDATE OF ${columns}
    ON participant_profile FOR EACH ROW EXECUTE FUNCTION match_candidate_keys_sync()`);
}

export class MatchCandidateWorkplace1763917000000 implements MigrationInterface {
  name = 'MatchCandidateWorkplace1763917000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_match_candidate_key_area');
    await queryRunner.query(
      'ALTER TABLE match_candidate_key ADD COLUMN copes_stimulus smallint, ADD COLUMN copes_pressure smallint, ADD COLUMN copes_pace smallint',
    );
    await queryRunner.query(syncFunction(COLUMNS, ', NEW.copes_stimulus, NEW.copes_pressure, NEW.copes_pace'));
    await replaceUpdateTrigger(queryRunner, `${KEY_COLUMNS}, copes_stimulus, copes_pressure, copes_pace`);
    await queryRunner.query(`
      UPDATE match_candidate_key k SET copes_stimulus = pp.copes_stimulus, copes_pressure = pp.copes_pressure, copes_pace = pp.copes_pace
      FROM participant_profile pp WHERE pp.participant_id = k.participant_id`);
    await queryRunner.query(
      `CREATE INDEX ix_match_candidate_key_area ON match_candidate_key USING gist (occupation_key, traits, area)
       INCLUDE (participant_id, organisation_id, skill_keys, copes_stimulus, copes_pressure, copes_pace)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_match_candidate_key_organisation ON match_candidate_key (organisation_id, occupation_key, traits, participant_id)
       INCLUDE (skill_keys, copes_stimulus, copes_pressure, copes_pace)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_match_candidate_key_organisation');
    await queryRunner.query('DROP INDEX ix_match_candidate_key_area');
    await replaceUpdateTrigger(queryRunner, KEY_COLUMNS);
    await queryRunner.query(syncFunction('participant_id, organisation_id, occupation_key, traits, area, skill_keys', ''));
    await queryRunner.query(
      'ALTER TABLE match_candidate_key DROP COLUMN copes_stimulus, DROP COLUMN copes_pressure, DROP COLUMN copes_pace',
    );
    await queryRunner.query(
      `CREATE INDEX ix_match_candidate_key_area ON match_candidate_key USING gist (occupation_key, traits, area)
       INCLUDE (participant_id, organisation_id, skill_keys)`,
    );
  }
}
