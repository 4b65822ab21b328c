import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation rule values can be withdrawn (kept for the record, no longer used), and a
 * subsidy statement made with a provisional value is corrected by a new statement that
 * points at it: stored statements never change, so one month can hold a chain of them.
 */
export class GovernRuleParameters1763902100000 implements MigrationInterface {
  name = 'GovernRuleParameters1763902100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organisation_rule_parameter ADD COLUMN withdrawn_at timestamptz NULL');
    await queryRunner.query('ALTER TABLE organisation_rule_parameter ADD COLUMN withdrawn_by_user_id uuid NULL');
    await queryRunner.query('ALTER TABLE subsidy_statement ADD COLUMN provisional boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      'ALTER TABLE subsidy_statement ADD COLUMN corrects_statement_id uuid NULL REFERENCES subsidy_statement(id) ON DELETE CASCADE',
    );
    await queryRunner.query('ALTER TABLE subsidy_statement ADD COLUMN difference_cents integer NULL');
    await queryRunner.query('ALTER TABLE subsidy_statement DROP CONSTRAINT uq_subsidy_statement_month');
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_subsidy_statement_month ON subsidy_statement (placement_id, month) WHERE corrects_statement_id IS NULL',
    );
    await queryRunner.query('CREATE UNIQUE INDEX uq_subsidy_statement_correction ON subsidy_statement (corrects_statement_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM subsidy_statement WHERE corrects_statement_id IS NOT NULL');
    await queryRunner.query('DROP INDEX uq_subsidy_statement_correction');
    await queryRunner.query('DROP INDEX uq_subsidy_statement_month');
    await queryRunner.query('ALTER TABLE subsidy_statement ADD CONSTRAINT uq_subsidy_statement_month UNIQUE (placement_id, month)');
    await queryRunner.query('ALTER TABLE subsidy_statement DROP COLUMN difference_cents');
    await queryRunner.query('ALTER TABLE subsidy_statement DROP COLUMN corrects_statement_id');
    await queryRunner.query('ALTER TABLE subsidy_statement DROP COLUMN provisional');
    await queryRunner.query('ALTER TABLE organisation_rule_parameter DROP COLUMN withdrawn_by_user_id');
    await queryRunner.query('ALTER TABLE organisation_rule_parameter DROP COLUMN withdrawn_at');
  }
}
