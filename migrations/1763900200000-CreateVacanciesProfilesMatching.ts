import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employer details, vacancies, participant profiles (with dated capacity,
 * observed work behaviour, private barriers and trajectory goals), the
 * postcode centroid table, and the match pipeline.
 */
export class CreateVacanciesProfilesMatching1763900200000 implements MigrationInterface {
  name = 'CreateVacanciesProfilesMatching1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION great_circle_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT 2 * 6371.0088 * asin(sqrt(
          power(sin(radians(lat2 - lat1) / 2), 2) + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)
        ))
      $$`);
    await queryRunner.query(`
      CREATE TABLE postcode_area (
        pc4 char(4) PRIMARY KEY CHECK (pc4 ~ '^[1-9][0-9]{3}$'),
        latitude double precision NOT NULL CHECK (latitude BETWEEN 50 AND 54),
        longitude double precision NOT NULL CHECK (longitude BETWEEN 3 AND 8),
        municipality text
      )`);
    await queryRunner.query(`
      ALTER TABLE employer
        ADD COLUMN kvk_number char(8) CHECK (kvk_number ~ '^[0-9]{8}$'),
        ADD COLUMN payroll_tax_number text CHECK (payroll_tax_number ~ '^[0-9]{9}L[0-9]{2}$'),
        ADD COLUMN sector_type text CHECK (sector_type IN ('public', 'private')),
        ADD COLUMN employee_count integer CHECK (employee_count >= 0),
        ADD COLUMN paid_hours_per_year integer CHECK (paid_hours_per_year >= 0),
        ADD COLUMN target_group_experience text NOT NULL DEFAULT 'none' CHECK (target_group_experience IN ('none', 'some', 'extensive')),
        ADD COLUMN inclusive_hiring_motivation text,
        ADD COLUMN addresses jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN contact_persons jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query('CREATE INDEX ix_employer_payroll_tax_number ON employer (organisation_id, payroll_tax_number)');
    await queryRunner.query(`
      CREATE TABLE vacancy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        employer_id uuid NOT NULL REFERENCES employer(id) ON DELETE CASCADE,
        title text NOT NULL,
        description text,
        isco_code char(4) NOT NULL CHECK (isco_code ~ '^[0-9]{4}$'),
        esco_uri text,
        sector text,
        tasks jsonb NOT NULL DEFAULT '[]',
        core_tasks text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        hours_min numeric(4,1) NOT NULL CHECK (hours_min > 0),
        hours_max numeric(4,1) NOT NULL CHECK (hours_max <= 60),
        physical_load smallint CHECK (physical_load BETWEEN 1 AND 5),
        days text[] NOT NULL DEFAULT '{}',
        shifts text[] NOT NULL DEFAULT '{day}',
        postcode text NOT NULL,
        latitude double precision,
        longitude double precision,
        public_transport_reachable boolean NOT NULL DEFAULT false,
        required_certificates text[] NOT NULL DEFAULT '{}',
        language_level text CHECK (language_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        driving_licence_required boolean NOT NULL DEFAULT false,
        stimulus_level smallint CHECK (stimulus_level BETWEEN 1 AND 5),
        production_pressure smallint CHECK (production_pressure BETWEEN 1 AND 5),
        work_pace smallint CHECK (work_pace BETWEEN 1 AND 5),
        team_size integer CHECK (team_size >= 0),
        supervision_on_floor boolean NOT NULL DEFAULT false,
        quiet_workspace_possible boolean NOT NULL DEFAULT false,
        adaptations_possible text[] NOT NULL DEFAULT '{}',
        growth_possible boolean NOT NULL DEFAULT false,
        trial_placement_possible boolean NOT NULL DEFAULT true,
        wage_cost_subsidy_possible boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'filled', 'closed')),
        closing_date date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_vacancy_hours CHECK (hours_min <= hours_max)
      )`);
    await queryRunner.query('CREATE INDEX ix_vacancy_organisation_status ON vacancy (organisation_id, status)');
    await queryRunner.query('CREATE INDEX ix_vacancy_employer ON vacancy (employer_id)');
    await queryRunner.query(`
      CREATE TABLE participant_profile (
        participant_id uuid PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        occupation_wishes text[] NOT NULL DEFAULT '{}',
        occupation_minor_groups text[] NOT NULL DEFAULT '{}',
        occupation_sub_major_groups text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        certificates text[] NOT NULL DEFAULT '{}',
        language_level text CHECK (language_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        driving_licence boolean NOT NULL DEFAULT false,
        education_level text,
        work_history jsonb NOT NULL DEFAULT '[]',
        hours_min numeric(4,1) NOT NULL DEFAULT 0,
        hours_max numeric(4,1) NOT NULL DEFAULT 0,
        days_available text[] NOT NULL DEFAULT '{}',
        shifts_possible text[] NOT NULL DEFAULT '{day}',
        postcode text,
        latitude double precision,
        longitude double precision,
        max_travel_km numeric(5,1) NOT NULL DEFAULT 0,
        transport_modes text[] NOT NULL DEFAULT '{}',
        copes_stimulus smallint CHECK (copes_stimulus BETWEEN 1 AND 5),
        copes_pressure smallint CHECK (copes_pressure BETWEEN 1 AND 5),
        copes_pace smallint CHECK (copes_pace BETWEEN 1 AND 5),
        needs_supervision boolean NOT NULL DEFAULT false,
        needs_adaptations text[] NOT NULL DEFAULT '{}',
        excluded_sectors text[] NOT NULL DEFAULT '{}',
        excluded_tasks text[] NOT NULL DEFAULT '{}',
        strengths text[] NOT NULL DEFAULT '{}',
        wants_growth boolean NOT NULL DEFAULT false,
        work_readiness text CHECK (work_readiness IN ('not_yet', 'with_support', 'ready')),
        target_group_register_status text CHECK (target_group_register_status IN ('not_assessed', 'applied', 'registered', 'not_eligible')),
        target_group_register_date date,
        capacity_hours_per_week numeric(4,1),
        capacity_assessed_on date,
        benefit_type text,
        limitation_kind text CHECK (limitation_kind IN ('physical', 'mental', 'both')),
        private_notes text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_participant_profile_hours CHECK (hours_min <= hours_max)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_participant_profile_organisation_hours ON participant_profile (organisation_id, hours_min, hours_max)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_participant_profile_occupation ON participant_profile USING gin (occupation_sub_major_groups)',
    );
    await queryRunner.query(`
      CREATE TABLE participant_capacity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        assessed_on date NOT NULL,
        hours_per_day numeric(4,1) NOT NULL CHECK (hours_per_day > 0 AND hours_per_day <= 12),
        hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
        breaks text,
        physical_limits text[] NOT NULL DEFAULT '{}',
        assessed_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_participant_capacity_latest ON participant_capacity (participant_id, assessed_on DESC, created_at DESC)',
    );
    await queryRunner.query(`
      CREATE TABLE work_behaviour_observation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        observed_on date NOT NULL,
        scores jsonb NOT NULL,
        observed_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_work_behaviour_participant ON work_behaviour_observation (participant_id, observed_on)');
    await queryRunner.query(`
      CREATE TABLE participant_barrier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        code text NOT NULL,
        source text NOT NULL CHECK (source IN ('self_reported', 'coach_observed', 'referral')),
        support_action text,
        noted_on date NOT NULL,
        resolved_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_participant_barrier_participant ON participant_barrier (participant_id)');
    await queryRunner.query(`
      CREATE TABLE trajectory_goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        code text NOT NULL,
        instruments text[] NOT NULL DEFAULT '{}',
        barrier_codes text[] NOT NULL DEFAULT '{}',
        target_date date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_trajectory_goal_participant ON trajectory_goal (participant_id)');
    await queryRunner.query(`
      CREATE TABLE goal_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        goal_id uuid NOT NULL REFERENCES trajectory_goal(id) ON DELETE CASCADE,
        recorded_on date NOT NULL,
        progress smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_goal_progress_goal ON goal_progress (goal_id, recorded_on)');
    await queryRunner.query(`
      CREATE TABLE match (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        vacancy_id uuid NOT NULL REFERENCES vacancy(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        employer_id uuid NOT NULL REFERENCES employer(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'proposed'
          CHECK (status IN ('proposed', 'introduced', 'interview', 'trial_placement_agreed', 'contract_agreed', 'rejected', 'withdrawn')),
        score numeric(5,1),
        trial_skipped_reason text,
        created_by_user_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX uq_match_active ON match (vacancy_id, participant_id) WHERE status NOT IN ('rejected', 'withdrawn')",
    );
    await queryRunner.query('CREATE INDEX ix_match_employer_status ON match (employer_id, status)');
    await queryRunner.query('CREATE INDEX ix_match_participant ON match (participant_id)');
    await queryRunner.query(`
      CREATE TABLE match_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        match_id uuid NOT NULL REFERENCES match(id) ON DELETE CASCADE,
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        from_status text,
        to_status text NOT NULL,
        reason text
      )`);
    await queryRunner.query('CREATE INDEX ix_match_event_match ON match_event (match_id, at, sequence)');
    await queryRunner.query(
      'CREATE INDEX ix_consent_active_purpose ON consent (participant_id, purpose, employer_id) INCLUDE (profile_parts) WHERE withdrawn_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_consent_active_purpose');
    for (const table of [
      'match_event',
      'match',
      'goal_progress',
      'trajectory_goal',
      'participant_barrier',
      'work_behaviour_observation',
      'participant_capacity',
      'participant_profile',
      'vacancy',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP INDEX ix_employer_payroll_tax_number');
    await queryRunner.query(`
      ALTER TABLE employer
        DROP COLUMN kvk_number, DROP COLUMN payroll_tax_number, DROP COLUMN sector_type, DROP COLUMN employee_count,
        DROP COLUMN paid_hours_per_year, DROP COLUMN target_group_experience, DROP COLUMN inclusive_hiring_motivation,
        DROP COLUMN addresses, DROP COLUMN contact_persons`);
    await queryRunner.query('DROP TABLE postcode_area');
    await queryRunner.query('DROP FUNCTION great_circle_km(double precision, double precision, double precision, double precision)');
  }
}
