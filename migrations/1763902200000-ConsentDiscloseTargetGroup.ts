import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = ['proposal_to_employers', 'share_profile_with_employer', 'disclose_support_organisation', 'email_reminders'];

/**
 * A consent of its own for telling one employer target-group facts (the
 * no-risk policy, membership of the target-group register): knowing that a
 * coach is involved does not mean the employer may learn that.
 */
export class ConsentDiscloseTargetGroup1763902200000 implements MigrationInterface {
  name = 'ConsentDiscloseTargetGroup1763902200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consent DROP CONSTRAINT consent_purpose_check');
    await queryRunner.query(
      `ALTER TABLE consent ADD CONSTRAINT consent_purpose_check CHECK (purpose IN (${[...BEFORE, 'disclose_target_group'].map((p) => `'${p}'`).join(', ')}))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The purpose no longer exists after the revert: its consents go with it.
    await queryRunner.query("DELETE FROM consent WHERE purpose = 'disclose_target_group'");
    await queryRunner.query('ALTER TABLE consent DROP CONSTRAINT consent_purpose_check');
    await queryRunner.query(
      `ALTER TABLE consent ADD CONSTRAINT consent_purpose_check CHECK (purpose IN (${BEFORE.map((p) => `'${p}'`).join(', ')}))`,
    );
  }
}
