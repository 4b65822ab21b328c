import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail prepared ahead of its moment (the morning's check-in reminders are
 * composed shortly before 07:00 and released at 07:00) waits in the outbox
 * until `send_after`; the outbox sweep leaves it alone until then.
 */
export class HoldMailUntil1763900900000 implements MigrationInterface {
  name = 'HoldMailUntil1763900900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message ADD COLUMN send_after timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message DROP COLUMN send_after');
  }
}
