import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which participant a mail is about, whoever it was sent to (an employer's
 * handover invitation names the participant too), so that erasure can find
 * every mail that names the person, not only those sent to their address.
 */
export class MailAboutParticipant1763901400000 implements MigrationInterface {
  name = 'MailAboutParticipant1763901400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message ADD COLUMN about_participant_id uuid NULL');
    await queryRunner.query(
      'CREATE INDEX idx_mail_message_about_participant ON mail_message (about_participant_id) WHERE about_participant_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_mail_message_about_participant');
    await queryRunner.query('ALTER TABLE mail_message DROP COLUMN about_participant_id');
  }
}
