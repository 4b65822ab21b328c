import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateQuotaAndJobcoachFunding1763900500000 implements MigrationInterface {
  name = 'CreateQuotaAndJobcoachFunding1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Target-group hours the employer reports itself (employees not placed through the organisation, hired-in workers).
    await queryRunner.query(`
      CREATE TABLE quota_reported_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        employer_id uuid NOT NULL REFERENCES employer(id) ON DELETE CASCADE,
        year integer NOT NULL CHECK (year BETWEEN 2015 AND 2100),
        hours numeric(9,2) NOT NULL CHECK (hours > 0),
        counts_at text NOT NULL CHECK (counts_at IN ('hiring', 'lending')),
        description text NOT NULL,
        reported_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_quota_reported_hours_employer_year ON quota_reported_hours (employer_id, year)');
    await queryRunner.query(`
      CREATE TABLE jobcoach_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('requested', 'granted', 'refused')),
        requested_on date NOT NULL,
        decided_on date,
        reason text,
        period_start date NOT NULL,
        period_end date NOT NULL,
        hours_granted numeric(6,2) CHECK (hours_granted > 0),
        warnings jsonb NOT NULL DEFAULT '[]',
        requested_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_jobcoach_grant_period CHECK (period_end >= period_start AND period_end <= (period_start + interval '6 months')::date),
        CONSTRAINT ck_jobcoach_grant_decision CHECK (status = 'requested' OR decided_on IS NOT NULL),
        CONSTRAINT ck_jobcoach_grant_hours CHECK (status <> 'granted' OR hours_granted IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX ix_jobcoach_grant_placement ON jobcoach_grant (placement_id, period_start)');
    await queryRunner.query(`
      CREATE TABLE jobcoach_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        grant_id uuid NOT NULL REFERENCES jobcoach_grant(id) ON DELETE CASCADE,
        worked_on date NOT NULL,
        hours numeric(5,2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        justification text NOT NULL CHECK (char_length(justification) >= 10),
        registered_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_jobcoach_hours_grant ON jobcoach_hours (grant_id, worked_on)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['jobcoach_hours', 'jobcoach_grant', 'quota_reported_hours']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
