import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateMailOutbox1763900000000 implements MigrationInterface {
  name = 'CreateMailOutbox1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid,
        dedupe_key text NOT NULL,
        template text NOT NULL,
        locale text NOT NULL,
        recipient text NOT NULL,
        context jsonb NOT NULL DEFAULT '{}',
        attachments jsonb NOT NULL DEFAULT '[]',
        message_id text NOT NULL,
        subject text,
        html text,
        text text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'retrying', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_mail_message_dedupe_key UNIQUE (dedupe_key),
        CONSTRAINT uq_mail_message_message_id UNIQUE (message_id)
      )`);
    await queryRunner.query('CREATE INDEX ix_mail_message_organisation ON mail_message (organisation_id)');
    await queryRunner.query('CREATE INDEX ix_mail_message_status_created ON mail_message (status, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mail_message');
  }
}
