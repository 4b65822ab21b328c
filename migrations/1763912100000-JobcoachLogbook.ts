import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The jobcoach logbook: each registered hour linked to the trajectory goal(s)
 * and handover agreement(s) it served. UWV pays only for hours registered with
 * a reason and asks for the logbook before a follow-up grant.
 */
export class JobcoachLogbook1763912100000 implements MigrationInterface {
  name = 'JobcoachLogbook1763912100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE jobcoach_hours_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        hours_id uuid NOT NULL REFERENCES jobcoach_hours(id) ON DELETE CASCADE,
        goal_id uuid REFERENCES trajectory_goal(id) ON DELETE CASCADE,
        handover_meeting_id uuid REFERENCES handover_meeting(id) ON DELETE CASCADE,
        agreement_item text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_jobcoach_hours_link_one_target CHECK (
          (goal_id IS NOT NULL AND handover_meeting_id IS NULL AND agreement_item IS NULL)
          OR (goal_id IS NULL AND handover_meeting_id IS NOT NULL AND agreement_item ~ '^[a-zA-Z]{1,40}$')
        )
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_jobcoach_hours_link_goal ON jobcoach_hours_link (hours_id, goal_id) WHERE goal_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_jobcoach_hours_link_agreement ON jobcoach_hours_link (hours_id, handover_meeting_id, agreement_item) WHERE goal_id IS NULL',
    );
    await queryRunner.query('CREATE INDEX ix_jobcoach_hours_link_goal ON jobcoach_hours_link (goal_id) WHERE goal_id IS NOT NULL');
    await queryRunner.query(
      'CREATE INDEX ix_jobcoach_hours_link_meeting ON jobcoach_hours_link (handover_meeting_id) WHERE handover_meeting_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE jobcoach_hours_link');
  }
}
