import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk import reports rows whose data changed since an earlier import:
 * a count on the run, and per row the names of the columns that changed
 * (never their values), beside the refused rows.
 */
export class ImportUpdates1763914000000 implements MigrationInterface {
  name = 'ImportUpdates1763914000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE import_run ADD COLUMN rows_updated integer NOT NULL DEFAULT 0');
    await queryRunner.query(`
      CREATE TABLE import_update (
        import_id uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        fields text[] NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE import_update');
    await queryRunner.query('ALTER TABLE import_run DROP COLUMN rows_updated');
  }
}
