import type { MigrationInterface, QueryRunner } from 'typeorm';

const PARTICIPANT_TOPICS = ['work', 'money', 'health', 'home', 'conflict_at_work', 'transport', 'other'];
const EMPLOYER_TOPICS = ['employee_functioning', 'absence', 'subsidy', 'contract_hours', 'workplace_adaptation'];

const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Employers ask for help about their own matters (an employee's functioning, absence, subsidy,
 * contract and hours, adapting the work) and may name the employee (a placement) it is about.
 */
export class EmployerHelpTopics1763905200000 implements MigrationInterface {
  name = 'EmployerHelpTopics1763905200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE help_request DROP CONSTRAINT help_request_category_check');
    await queryRunner.query(
      `ALTER TABLE help_request ADD CONSTRAINT help_request_category_check CHECK (category IN (${list([...PARTICIPANT_TOPICS, ...EMPLOYER_TOPICS])}))`,
    );
    await queryRunner.query('ALTER TABLE help_request ADD COLUMN about_placement_id uuid REFERENCES placement(id) ON DELETE SET NULL');
    await queryRunner.query(
      'CREATE INDEX ix_help_request_about_placement ON help_request (about_placement_id) WHERE about_placement_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_help_request_about_placement');
    await queryRunner.query('ALTER TABLE help_request DROP COLUMN about_placement_id');
    await queryRunner.query(`UPDATE help_request SET category = 'other' WHERE category IN (${list(EMPLOYER_TOPICS)})`);
    await queryRunner.query('ALTER TABLE help_request DROP CONSTRAINT help_request_category_check');
    await queryRunner.query(
      `ALTER TABLE help_request ADD CONSTRAINT help_request_category_check CHECK (category IN (${list(PARTICIPANT_TOPICS)}))`,
    );
  }
}
