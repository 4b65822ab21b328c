import type { MigrationInterface, QueryRunner } from 'typeorm';

const TARGET_GROUPS = "'participatiewet', 'banenafspraak', 'wajong', 'wsw_indicatie', 'wia_wga', 'other'";

/**
 * Who pays for a trajectory (a municipality, UWV or another funder), the
 * participant's target group, the read-only funder role, and the indexes the
 * outcome reports read by.
 */
export class OutcomeReports1763910000000 implements MigrationInterface {
  name = 'OutcomeReports1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('municipality', 'uwv', 'other')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_funder_organisation_name UNIQUE (organisation_id, name)
      )`);
    await queryRunner.query(`
      ALTER TABLE participant
        ADD COLUMN funder_id uuid REFERENCES funder(id) ON DELETE SET NULL,
        ADD COLUMN target_group text CHECK (target_group IN (${TARGET_GROUPS}))`);
    await queryRunner.query('ALTER TABLE membership ADD COLUMN funder_id uuid REFERENCES funder(id) ON DELETE CASCADE');
    await queryRunner.query('ALTER TABLE membership DROP CONSTRAINT membership_role_check');
    await queryRunner.query(
      "ALTER TABLE membership ADD CONSTRAINT membership_role_check CHECK (role IN ('admin', 'team_lead', 'jobcoach', 'employer_user', 'participant', 'funder'))",
    );
    await queryRunner.query(
      "ALTER TABLE membership ADD CONSTRAINT ck_membership_funder CHECK ((role = 'funder') = (funder_id IS NOT NULL))",
    );
    // The reports read per organisation: the cohort by registration, its stages per owner, aftercare per month.
    await queryRunner.query('CREATE INDEX ix_participant_organisation_created ON participant (organisation_id, created_at)');
    await queryRunner.query('CREATE INDEX ix_participant_funder ON participant (funder_id) WHERE funder_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX ix_match_organisation_participant ON match (organisation_id, participant_id)');
    await queryRunner.query('CREATE INDEX ix_checkin_organisation_due ON checkin (organisation_id, due_on)');
    await queryRunner.query('CREATE INDEX ix_help_request_organisation_created ON help_request (organisation_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_help_request_organisation_created');
    await queryRunner.query('DROP INDEX ix_checkin_organisation_due');
    await queryRunner.query('DROP INDEX ix_match_organisation_participant');
    await queryRunner.query('DROP INDEX ix_participant_funder');
    await queryRunner.query('DROP INDEX ix_participant_organisation_created');
    await queryRunner.query("DELETE FROM membership WHERE role = 'funder'");
    await queryRunner.query('ALTER TABLE membership DROP CONSTRAINT ck_membership_funder');
    await queryRunner.query('ALTER TABLE membership DROP CONSTRAINT membership_role_check');
    await queryRunner.query(
      "ALTER TABLE membership ADD CONSTRAINT membership_role_check CHECK (role IN ('admin', 'team_lead', 'jobcoach', 'employer_user', 'participant'))",
    );
    await queryRunner.query('ALTER TABLE membership DROP COLUMN funder_id');
    await queryRunner.query('ALTER TABLE participant DROP COLUMN target_group, DROP COLUMN funder_id');
    await queryRunner.query('DROP TABLE funder');
  }
}
