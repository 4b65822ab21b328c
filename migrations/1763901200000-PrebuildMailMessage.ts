import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mail prepared ahead of its moment also carries its MIME message, built
 * then, so releasing it is only the hand-over to the transport. Cleared once
 * the mail is sent (subject, html and text stay for the outbox view).
 */
export class PrebuildMailMessage1763901200000 implements MigrationInterface {
  name = 'PrebuildMailMessage1763901200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message ADD COLUMN raw_message bytea');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message DROP COLUMN raw_message');
  }
}
