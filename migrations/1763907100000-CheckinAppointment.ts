import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A planned check-in can have an agreed time and place, so the participant knows when and where to be. */
export class CheckinAppointment1763907100000 implements MigrationInterface {
  name = 'CheckinAppointment1763907100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE checkin ADD COLUMN appointment_at timestamptz, ADD COLUMN appointment_place text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE checkin DROP COLUMN appointment_at, DROP COLUMN appointment_place');
  }
}
