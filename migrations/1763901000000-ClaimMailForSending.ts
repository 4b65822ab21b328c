import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job claims an outbox row before handing it to the transport, so two jobs
 * for the same mail (a batch and a retry, or the outbox sweep's re-dispatch)
 * never send it at the same time. The claim lapses, so a job that died with
 * it does not hold the mail for ever; the same job, redelivered, may take it
 * again.
 */
export class ClaimMailForSending1763901000000 implements MigrationInterface {
  name = 'ClaimMailForSending1763901000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message ADD COLUMN claimed_by text, ADD COLUMN claimed_until timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mail_message DROP COLUMN claimed_by, DROP COLUMN claimed_until');
  }
}
