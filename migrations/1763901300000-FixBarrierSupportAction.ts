import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The occupational-disability barrier suggested "compensation_adaptation", an
 * intermediate goal, as its support action instead of an instrument; barriers
 * recorded with that default get the instrument it meant.
 */
export class FixBarrierSupportAction1763901300000 implements MigrationInterface {
  name = 'FixBarrierSupportAction1763901300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "UPDATE participant_barrier SET support_action = 'workplace_adaptation' WHERE support_action = 'compensation_adaptation'",
    );
  }

  // A data correction with no schema change: nothing to undo (the old value was never a valid instrument).
  async down(_queryRunner: QueryRunner): Promise<void> {}
}
