import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coach's care work and the team lead's view:
 * - a caseload limit per team, so the team page can say who is above it;
 * - who a participant's coach was and why it changed (a reassignment needs a reason);
 * - for a consent a coach recorded on the participant's behalf: how the participant confirmed it.
 */
export class CoachCareWork1763906500000 implements MigrationInterface {
  name = 'CoachCareWork1763906500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE team ADD COLUMN caseload_limit integer NOT NULL DEFAULT 30 CONSTRAINT team_caseload_limit_check CHECK (caseload_limit BETWEEN 1 AND 500)',
    );
    await queryRunner.query(`
      CREATE TABLE participant_coach_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        from_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        to_membership_id uuid NOT NULL REFERENCES membership(id) ON DELETE CASCADE,
        reason text NOT NULL,
        changed_by_user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_participant_coach_change_participant ON participant_coach_change (participant_id, created_at)',
    );
    await queryRunner.query(
      "ALTER TABLE consent ADD COLUMN confirmed_via text CONSTRAINT consent_confirmed_via_check CHECK (confirmed_via IN ('in_person', 'phone', 'video', 'email', 'letter'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consent DROP COLUMN confirmed_via');
    await queryRunner.query('DROP TABLE participant_coach_change');
    await queryRunner.query('ALTER TABLE team DROP COLUMN caseload_limit');
  }
}
