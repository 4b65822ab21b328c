import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery codes for two-factor sign-in: a person who lost their
 * authenticator app signs in with one of them instead of the app's code. Only
 * a hash is kept; each code works once. `code_encrypted` holds the code
 * (FieldEncryption) only until the person has seen it once.
 */
export class TotpRecoveryCodes1763904000000 implements MigrationInterface {
  name = 'TotpRecoveryCodes1763904000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE totp_recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        code_hash bytea NOT NULL,
        code_encrypted text,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_totp_recovery_code_user ON totp_recovery_code (user_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE totp_recovery_code');
  }
}
