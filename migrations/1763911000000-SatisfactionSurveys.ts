import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction surveys: when an organisation asks (months into a placement),
 * and one invitation per placement, respondent and moment. The unique key makes
 * sending exactly-once however often, and on however many workers, the job runs.
 * The link's token is stored hashed; free-text answers are encrypted.
 */
export class SatisfactionSurveys1763911000000 implements MigrationInterface {
  name = 'SatisfactionSurveys1763911000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE survey_setting (
        organisation_id uuid PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
        moment_months smallint[] NOT NULL CHECK (cardinality(moment_months) BETWEEN 1 AND 6),
        repeat_every_months smallint NOT NULL CHECK (repeat_every_months BETWEEN 0 AND 60),
        updated_at timestamptz NOT NULL,
        updated_by_user_id uuid
      )`);
    await queryRunner.query(`
      CREATE TABLE survey_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        employer_id uuid NOT NULL,
        coach_membership_id uuid,
        respondent text NOT NULL CHECK (respondent IN ('participant', 'employer_contact')),
        moment_months smallint NOT NULL CHECK (moment_months > 0),
        due_on date NOT NULL,
        token_hash bytea,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        answered_at timestamptz,
        score smallint CHECK (score BETWEEN 1 AND 10),
        went_well text,
        could_be_better text,
        CONSTRAINT uq_survey_invitation_moment UNIQUE (placement_id, respondent, moment_months),
        CONSTRAINT uq_survey_invitation_token UNIQUE (token_hash),
        CONSTRAINT ck_survey_invitation_answer CHECK ((answered_at IS NULL) = (score IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX ix_survey_invitation_participant ON survey_invitation (organisation_id, participant_id)');
    await queryRunner.query('CREATE INDEX ix_survey_invitation_employer ON survey_invitation (organisation_id, employer_id)');
    await queryRunner.query(
      'CREATE INDEX ix_survey_invitation_answered ON survey_invitation (organisation_id, answered_at) WHERE answered_at IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE survey_invitation');
    await queryRunner.query('DROP TABLE survey_setting');
  }
}
