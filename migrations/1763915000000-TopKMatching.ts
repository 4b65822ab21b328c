import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Top-k matching (src/matching/matching.top-k.ts): the indexes that find one
 * score bucket of the other side without reading the rest. Read-model support
 * owned by matching on participant_profile (profiles) and vacancy
 * (vacancies), see docs/architecture.md; no columns, no triggers.
 *
 * - participant_profile: GIN on occupation_wishes, occupation_minor_groups and
 *   skills (occupation_sub_major_groups has one since CreateVacanciesProfilesMatching),
 *   for "wishes this exact occupation" and "has every skill asked".
 * - vacancy (open ones): the ISCO unit, minor and sub-major group as text, for
 *   "an occupation the participant wishes".
 */
export class TopKMatching1763915000000 implements MigrationInterface {
  name = 'TopKMatching1763915000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_participant_profile_occupation_wishes ON participant_profile USING gin (occupation_wishes)');
    await queryRunner.query(
      'CREATE INDEX ix_participant_profile_occupation_minor ON participant_profile USING gin (occupation_minor_groups)',
    );
    await queryRunner.query('CREATE INDEX ix_participant_profile_skills ON participant_profile USING gin (skills)');
    await queryRunner.query("CREATE INDEX ix_vacancy_open_isco_unit ON vacancy (organisation_id, (isco_code::text)) WHERE status = 'open'");
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_minor ON vacancy (organisation_id, left(isco_code, 3)) WHERE status = 'open'",
    );
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_sub_major ON vacancy (organisation_id, left(isco_code, 2)) WHERE status = 'open'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_sub_major');
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_minor');
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_unit');
    await queryRunner.query('DROP INDEX ix_participant_profile_skills');
    await queryRunner.query('DROP INDEX ix_participant_profile_occupation_minor');
    await queryRunner.query('DROP INDEX ix_participant_profile_occupation_wishes');
  }
}
