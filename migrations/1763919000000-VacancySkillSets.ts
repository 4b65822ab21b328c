import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open vacancies by the set of skills they ask, for the fast path's "every skill asked" buckets of one participant
 * (issue 16).
 *
 * A vacancy asks only skills the participant has when its set of skills is one of the subsets of the participant's.
 * With few skills (up to eight distinct: 256 subsets) those subsets are listed, and the index answers the bucket with
 * one probe each, where a GIN index cannot (a "contained in" search reads every vacancy sharing any one skill) and the
 * buckets read every vacancy of their occupation group or id range instead.
 *
 * match_skill_set_key: the distinct skills, sorted bytewise, joined by a unit separator (chr(31)); '' for none.
 * match_skill_subset_keys: the same key for every subset of a list of skills, or NULL above eight distinct skills
 * (the bucket then goes without the index). A skill holding the separator could make two sets share a key: the index
 * would then find a vacancy too many, which the bucket's own "contained in" condition drops.
 */
export class VacancySkillSets1763919000000 implements MigrationInterface {
  name = 'VacancySkillSets1763919000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION match_skill_set_key(skills text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(s, chr(31) ORDER BY s), '')
        FROM (SELECT DISTINCT s COLLATE "C" AS s FROM unnest(skills) s WHERE s IS NOT NULL) distinct_skills
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION match_skill_subset_keys(skills text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH own AS (
          SELECT coalesce(array_agg(s ORDER BY s), '{}') AS elements
          FROM (SELECT DISTINCT s COLLATE "C" AS s FROM unnest(skills) s WHERE s IS NOT NULL) distinct_skills
        )
        SELECT CASE WHEN cardinality(own.elements) <= 8 THEN ARRAY(
          SELECT coalesce((SELECT string_agg(e, chr(31) ORDER BY i) FROM unnest(own.elements) WITH ORDINALITY u(e, i)
                           WHERE (mask >> (i::int - 1)) & 1 = 1), '')
          FROM generate_series(0, (1 << cardinality(own.elements)) - 1) mask) END
        FROM own
      $$`);
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_skill_set ON vacancy (organisation_id, match_skill_set_key(skills), id) WHERE status = 'open'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_vacancy_open_skill_set');
    await queryRunner.query('DROP FUNCTION match_skill_subset_keys(text[])');
    await queryRunner.query('DROP FUNCTION match_skill_set_key(text[])');
  }
}
