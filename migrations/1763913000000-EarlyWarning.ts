import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Early warning: each risk raised on a placement (its rule, the situation it
 * is about, reason and next action in plain Dutch) and what followed
 * (acknowledged, action taken, resolved: by whom and when). A contact can be
 * a renewal talk about a contract end date.
 */
export class EarlyWarning1763913000000 implements MigrationInterface {
  name = 'EarlyWarning1763913000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE placement_risk (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        rule text NOT NULL CHECK (rule ~ '^[a-z_]{1,60}$'),
        occurrence text NOT NULL CHECK (length(occurrence) BETWEEN 1 AND 200),
        details jsonb NOT NULL DEFAULT '{}',
        reason text NOT NULL,
        next_action text NOT NULL,
        raised_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid REFERENCES user_account(id) ON DELETE SET NULL,
        action_taken text,
        action_note text,
        action_at timestamptz,
        action_by_user_id uuid REFERENCES user_account(id) ON DELETE SET NULL,
        resolved_at timestamptz,
        resolved_by_user_id uuid REFERENCES user_account(id) ON DELETE SET NULL,
        resolution text CHECK (resolution IN ('condition_ended', 'coach', 'placement_ended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_placement_risk_occurrence UNIQUE (placement_id, rule, occurrence),
        CONSTRAINT ck_placement_risk_resolution CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_placement_risk_open ON placement_risk (organisation_id, placement_id) WHERE resolved_at IS NULL',
    );
    await queryRunner.query('CREATE INDEX ix_placement_risk_participant ON placement_risk (participant_id)');
    await queryRunner.query(`
      ALTER TABLE contact_log
        ADD COLUMN topic text CHECK (topic IN ('renewal_talk')),
        ADD COLUMN contract_end_on date,
        ADD CONSTRAINT ck_contact_log_renewal_talk CHECK (topic IS DISTINCT FROM 'renewal_talk' OR contract_end_on IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE contact_log DROP CONSTRAINT ck_contact_log_renewal_talk, DROP COLUMN contract_end_on, DROP COLUMN topic',
    );
    await queryRunner.query('DROP TABLE placement_risk');
  }
}
