import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last authenticator time step accepted for an account: a code for that
 * step or an earlier one is refused, so an overheard code cannot be used again.
 */
export class RememberTotpStep1763903000000 implements MigrationInterface {
  name = 'RememberTotpStep1763903000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_account ADD COLUMN totp_last_step bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE user_account DROP COLUMN totp_last_step');
  }
}
