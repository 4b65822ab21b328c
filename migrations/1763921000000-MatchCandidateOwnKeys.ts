import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every occupation key of the participant on each of their rows of match_candidate_key, with a btree index by
 * organisation, key and those keys (issue 16).
 *
 * Candidates for a vacancy are bucketed by how the occupation fits: the unit group, the minor group outside it, the
 * sub-major group outside both. Most participants' minor and sub-major groups are those of their own wishes, so for a
 * vacancy whose minor group holds one code only, the minor level is empty, yet its buckets read every participant of
 * that group in the travel area to find nobody. With the keys on the row, the fast path asks for the distinct key sets
 * under one key (a loose scan: one index probe per distinct set) whether any lacks the vacancy's unit group.
 */
const COLUMNS = 'participant_id, organisation_id, occupation_key, traits, area, skill_keys, copes_stimulus, copes_pressure, copes_pace';
const traits = `(CASE WHEN NEW.needs_supervision IS NOT FALSE THEN 1 ELSE 0 END + CASE WHEN NEW.wants_growth IS NOT FALSE THEN 2 ELSE 0 END)`;

function syncFunction(withOwnKeys: boolean): string {
  return `
    CREATE OR REPLACE FUNCTION match_candidate_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM match_candidate_key WHERE participant_id = OLD.participant_id;
      END IF;
      INSERT INTO match_candidate_key (${COLUMNS}${withOwnKeys ? ', own_keys' : ''})
      SELECT NEW.participant_id, NEW.organisation_id, k, ${traits},
        match_participant_area(NEW.latitude, NEW.longitude, NEW.max_travel_km, NEW.transport_modes), match_skill_keys(NEW.skills),
        NEW.copes_stimulus, NEW.copes_pressure, NEW.copes_pace${withOwnKeys ? ', own.keys' : ''}
      FROM (SELECT match_occupation_keys(NEW.occupation_wishes, NEW.occupation_minor_groups, NEW.occupation_sub_major_groups) AS keys) own,
        unnest(own.keys) k;
      RETURN NULL;
    END
    $$`;
}

export class MatchCandidateOwnKeys1763921000000 implements MigrationInterface {
  name = 'MatchCandidateOwnKeys1763921000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE match_candidate_key ADD COLUMN own_keys int[]');
    await queryRunner.query(`
      UPDATE match_candidate_key k
      SET own_keys = match_occupation_keys(pp.occupation_wishes, pp.occupation_minor_groups, pp.occupation_sub_major_groups)
      FROM participant_profile pp WHERE pp.participant_id = k.participant_id`);
    await queryRunner.query('ALTER TABLE match_candidate_key ALTER COLUMN own_keys SET NOT NULL');
    await queryRunner.query(syncFunction(true));
    await queryRunner.query(
      'CREATE INDEX ix_match_candidate_key_own_keys ON match_candidate_key (organisation_id, occupation_key, own_keys)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_match_candidate_key_own_keys');
    await queryRunner.query(syncFunction(false));
    await queryRunner.query('ALTER TABLE match_candidate_key DROP COLUMN own_keys');
  }
}
