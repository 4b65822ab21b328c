import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlacementsAndRules1763900300000 implements MigrationInterface {
  name = 'CreatePlacementsAndRules1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisation_rule_parameter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        key text NOT NULL,
        scope text,
        value_number numeric,
        value_date date,
        valid_from date NOT NULL,
        valid_to date,
        source text NOT NULL,
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_rule_parameter_one_value CHECK ((value_number IS NULL) <> (value_date IS NULL)),
        CONSTRAINT ck_rule_parameter_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query('CREATE INDEX ix_organisation_rule_parameter_key ON organisation_rule_parameter (organisation_id, key)');
    await queryRunner.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        employer_id uuid NOT NULL REFERENCES employer(id) ON DELETE CASCADE,
        vacancy_id uuid REFERENCES vacancy(id) ON DELETE SET NULL,
        match_id uuid REFERENCES match(id) ON DELETE SET NULL,
        coach_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        type text NOT NULL CHECK (type IN ('paid_job', 'work_experience', 'volunteer', 'self_employment')),
        status text NOT NULL CHECK (status IN ('trial', 'contract', 'aftercare', 'closed', 'dropped_out', 'no_match')),
        employer_contact_name text,
        employer_contact_email text,
        employer_contact_phone text,
        trial_start date,
        trial_planned_end date,
        trial_extension_reason text,
        letter_of_intent_on date,
        uwv_decision_on date,
        trial_outcome text CHECK (trial_outcome IN ('match', 'no_match')),
        trial_evaluation text,
        contract_start date,
        contract_type text CHECK (contract_type IN ('permanent', 'fixed_term', 'zero_hours', 'on_call', 'agency', 'secondment')),
        hours_per_week numeric(5,2) CHECK (hours_per_week > 0 AND hours_per_week <= 60),
        gross_hourly_wage numeric(8,2) CHECK (gross_hourly_wage > 0),
        wage_scale text,
        contract_end date,
        outflow_on date,
        outflow_to text CHECK (outflow_to IN ('work', 'education')),
        funding_end_on date,
        no_risk_group text NOT NULL DEFAULT 'default',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_placement_trial_dates CHECK (trial_planned_end IS NULL OR trial_planned_end >= trial_start),
        CONSTRAINT ck_placement_contract_dates CHECK (contract_end IS NULL OR contract_end >= contract_start)
      )`);
    await queryRunner.query('CREATE INDEX ix_placement_organisation_participant ON placement (organisation_id, participant_id)');
    await queryRunner.query('CREATE INDEX ix_placement_employer ON placement (employer_id)');
    await queryRunner.query(`
      CREATE TABLE wage_value_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        assessor_name text NOT NULL,
        assessed_on date NOT NULL,
        percentage numeric(5,2) NOT NULL CHECK (percentage >= 0 AND percentage <= 100),
        reference_job text NOT NULL,
        method text NOT NULL,
        report_document text,
        next_reassessment_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_wage_value_assessment_placement ON wage_value_assessment (placement_id, assessed_on)');
    await queryRunner.query(`
      CREATE TABLE subsidy_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        amount_cents integer NOT NULL,
        calculation jsonb NOT NULL,
        reported_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_subsidy_statement_month UNIQUE (placement_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE subsidy_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('applied', 'granted', 'refused')),
        applied_on date NOT NULL,
        decided_on date,
        monthly_amount_cents integer,
        period_start date,
        period_end date,
        reference text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_subsidy_decision_placement ON subsidy_decision (placement_id)');
    await queryRunner.query(`
      CREATE TABLE subsidy_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL REFERENCES subsidy_decision(id) ON DELETE CASCADE,
        month text NOT NULL,
        due_on date NOT NULL,
        amount_cents integer NOT NULL,
        received_on date,
        alerted_at timestamptz,
        CONSTRAINT uq_subsidy_payment_month UNIQUE (decision_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE coach_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        assignee_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        participant_id uuid REFERENCES participant(id) ON DELETE CASCADE,
        placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        detail text,
        due_on date,
        dedupe_key text NOT NULL CONSTRAINT uq_coach_task_dedupe_key UNIQUE,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_coach_task_assignee ON coach_task (assignee_membership_id, done_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'coach_task',
      'subsidy_payment',
      'subsidy_decision',
      'subsidy_statement',
      'wage_value_assessment',
      'placement',
      'organisation_rule_parameter',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
