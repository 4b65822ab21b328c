import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A coach's placements (the today view's risk flags and handovers, caseload lists) without scanning the organisation's. */
export class IndexPlacementCoach1763901100000 implements MigrationInterface {
  name = 'IndexPlacementCoach1763901100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_placement_coach ON placement (coach_membership_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_placement_coach');
  }
}
