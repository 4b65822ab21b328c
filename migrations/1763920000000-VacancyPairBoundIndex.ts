import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open vacancies by id with the columns the fast path's buckets and its bound per pair read (issue 16).
 *
 * Near misses for one participant walk the other occupations' vacancies in id ranges; once a k-th is known, most
 * vacancies cannot rank before it, and the bound that says so needs only these columns. The range is then read
 * from this index alone (an index-only scan) and only the vacancies that may still rank before the k-th are read
 * from the table.
 */
export class VacancyPairBoundIndex1763920000000 implements MigrationInterface {
  name = 'VacancyPairBoundIndex1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_vacancy_open_pair_bound ON vacancy (organisation_id, id)
       INCLUDE (isco_code, skills, stimulus_level, production_pressure, work_pace, supervision_on_floor, growth_possible,
         adaptations_possible, quiet_workspace_possible)
       WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_vacancy_open_pair_bound');
  }
}
