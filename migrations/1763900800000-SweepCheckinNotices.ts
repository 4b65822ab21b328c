import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-in notices are sent by sweeps (one job per kind and moment, see
 * CheckinsService.sweep) that read the planned check-ins due in a date window;
 * this index serves that read without scanning done and cancelled ones.
 */
export class SweepCheckinNotices1763900800000 implements MigrationInterface {
  name = 'SweepCheckinNotices1763900800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX ix_checkin_planned_due ON checkin (due_on, id) WHERE status = 'planned'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_checkin_planned_due');
  }
}
