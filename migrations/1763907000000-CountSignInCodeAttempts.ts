import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sign-in link opened on another device asks for the code shown where the
 * link was requested. Wrong codes are counted per link: after a few the link
 * is spent, so a leaked link cannot be tried against every code.
 */
export class CountSignInCodeAttempts1763907000000 implements MigrationInterface {
  name = 'CountSignInCodeAttempts1763907000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE one_time_token ADD COLUMN wrong_code_attempts smallint NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE one_time_token DROP COLUMN wrong_code_attempts');
  }
}
