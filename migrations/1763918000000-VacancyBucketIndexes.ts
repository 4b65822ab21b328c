import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the fast path asks about open vacancies before it walks its buckets for
 * one participant, answered from indexes (issue 16):
 * - the most skills any open vacancy of the organisation asks: with at most c
 *   skills asked, at most c - 1 of them are shared when some are missing, so a
 *   tighter bound for vacancies that ask some but not all of a participant's
 *   skills;
 * - whether any open vacancy lies in the participant's ISCO minor or sub-major
 *   group outside the narrower group: the indexes on the groups now hold the
 *   code itself, so that is read from the index, and the buckets of an empty
 *   group are left out instead of each reading the group's vacancies.
 */
export class VacancyBucketIndexes1763918000000 implements MigrationInterface {
  name = 'VacancyBucketIndexes1763918000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_skill_count ON vacancy (organisation_id, cardinality(skills)) WHERE status = 'open'",
    );
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_minor');
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_minor ON vacancy (organisation_id, left(isco_code, 3), isco_code) WHERE status = 'open'",
    );
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_sub_major');
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_sub_major ON vacancy (organisation_id, left(isco_code, 2), isco_code) WHERE status = 'open'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_sub_major');
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_sub_major ON vacancy (organisation_id, left(isco_code, 2)) WHERE status = 'open'",
    );
    await queryRunner.query('DROP INDEX ix_vacancy_open_isco_minor');
    await queryRunner.query(
      "CREATE INDEX ix_vacancy_open_isco_minor ON vacancy (organisation_id, left(isco_code, 3)) WHERE status = 'open'",
    );
    await queryRunner.query('DROP INDEX ix_vacancy_open_skill_count');
  }
}
