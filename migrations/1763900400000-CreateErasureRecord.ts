import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateErasureRecord1763900400000 implements MigrationInterface {
  name = 'CreateErasureRecord1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE erasure_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        erased_at timestamptz NOT NULL,
        erased_by_user_id uuid NOT NULL,
        reason text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX ix_erasure_record_organisation ON erasure_record (organisation_id, erased_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE erasure_record');
  }
}
