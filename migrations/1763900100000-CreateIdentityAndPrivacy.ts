import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndPrivacy1763900100000 implements MigrationInterface {
  name = 'CreateIdentityAndPrivacy1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL CONSTRAINT uq_organisation_slug UNIQUE,
        settings jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_team_organisation ON team (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CONSTRAINT uq_user_account_email UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        password_hash text,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        locale text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
        phone text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE employer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name text NOT NULL,
        contact_coach_membership_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_employer_organisation ON employer (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        coach_membership_id uuid,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text,
        phone text,
        date_of_birth date,
        private_notes text,
        erased_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_participant_organisation_coach ON participant (organisation_id, coach_membership_id)');
    await queryRunner.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'team_lead', 'jobcoach', 'employer_user', 'participant')),
        team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        employer_id uuid REFERENCES employer(id) ON DELETE CASCADE,
        participant_id uuid REFERENCES participant(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
        absent_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_membership_organisation_user UNIQUE (organisation_id, user_id),
        CONSTRAINT ck_membership_employer CHECK ((role = 'employer_user') = (employer_id IS NOT NULL)),
        CONSTRAINT ck_membership_participant CHECK ((role = 'participant') = (participant_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX ix_membership_team ON membership (team_id)');
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_membership_participant ON membership (participant_id) WHERE participant_id IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE participant ADD CONSTRAINT fk_participant_coach FOREIGN KEY (coach_membership_id) REFERENCES membership(id) ON DELETE SET NULL',
    );
    await queryRunner.query(
      'ALTER TABLE employer ADD CONSTRAINT fk_employer_contact_coach FOREIGN KEY (contact_coach_membership_id) REFERENCES membership(id) ON DELETE SET NULL',
    );
    await queryRunner.query(`
      CREATE TABLE caseload_share (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        coach_membership_id uuid NOT NULL REFERENCES membership(id) ON DELETE CASCADE,
        granted_by_membership_id uuid NOT NULL REFERENCES membership(id) ON DELETE CASCADE,
        reason text NOT NULL,
        valid_until date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_caseload_share_coach ON caseload_share (coach_membership_id)');
    await queryRunner.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CONSTRAINT uq_session_token_hash UNIQUE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        membership_id uuid NOT NULL REFERENCES membership(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        second_factor boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query('CREATE INDEX ix_session_user ON session (user_id)');
    await queryRunner.query(`
      CREATE TABLE one_time_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('magic_link', 'invitation', 'password_reset')),
        token_hash bytea NOT NULL CONSTRAINT uq_one_time_token_hash UNIQUE,
        user_id uuid REFERENCES user_account(id) ON DELETE CASCADE,
        membership_id uuid REFERENCES membership(id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisation(id) ON DELETE CASCADE,
        browser_nonce_hash bytea,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('proposal_to_employers', 'share_profile_with_employer', 'disclose_support_organisation', 'email_reminders')),
        employer_id uuid REFERENCES employer(id) ON DELETE CASCADE,
        profile_parts text[] NOT NULL DEFAULT '{}',
        given_at timestamptz NOT NULL,
        given_by_user_id uuid NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_consent_participant ON consent (participant_id, purpose)');
    await queryRunner.query(
      "CREATE UNIQUE INDEX uq_consent_active ON consent (participant_id, purpose, coalesce(employer_id, '00000000-0000-0000-0000-000000000000')) WHERE withdrawn_at IS NULL",
    );
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_role text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id uuid,
        subject_participant_id uuid,
        fields text[] NOT NULL DEFAULT '{}',
        request_id text
      )`);
    await queryRunner.query('CREATE INDEX ix_audit_event_subject ON audit_event (subject_participant_id, at)');
    await queryRunner.query('CREATE INDEX ix_audit_event_organisation ON audit_event (organisation_id, at)');
    await queryRunner.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_event');
    await queryRunner.query('DROP FUNCTION audit_event_is_append_only()');
    for (const table of ['consent', 'one_time_token', 'session', 'caseload_share']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('ALTER TABLE employer DROP CONSTRAINT fk_employer_contact_coach');
    await queryRunner.query('ALTER TABLE participant DROP CONSTRAINT fk_participant_coach');
    for (const table of ['membership', 'participant', 'employer', 'user_account', 'team', 'organisation'])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
