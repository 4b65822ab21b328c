import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The employer's answer to an introduced candidate (interested, invite for an interview, not now with a reason), for the coach to act on. */
export class RecordEmployerAnswer1763905100000 implements MigrationInterface {
  name = 'RecordEmployerAnswer1763905100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE match
        ADD COLUMN employer_answer text,
        ADD COLUMN employer_answer_reason text,
        ADD COLUMN employer_answered_at timestamptz,
        ADD COLUMN employer_answered_by_user_id uuid,
        ADD CONSTRAINT match_employer_answer_known CHECK (employer_answer IN ('interested', 'invite', 'not_now')),
        ADD CONSTRAINT match_employer_answer_complete CHECK (
          (employer_answer IS NULL AND employer_answered_at IS NULL) OR (employer_answer IS NOT NULL AND employer_answered_at IS NOT NULL)
        )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE match
        DROP CONSTRAINT match_employer_answer_complete,
        DROP CONSTRAINT match_employer_answer_known,
        DROP COLUMN employer_answered_by_user_id,
        DROP COLUMN employer_answered_at,
        DROP COLUMN employer_answer_reason,
        DROP COLUMN employer_answer`);
  }
}
