import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The formal handover (warme overdracht), aftercare check-ins with their
 * preparation, contacts, rhythm changes, reassignments and risk flags, and
 * help requests with their messages.
 */
export class CreateAftercare1763900600000 implements MigrationInterface {
  name = 'CreateAftercare1763900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_purpose_check');
    await queryRunner.query(
      "ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check CHECK (purpose IN ('magic_link', 'invitation', 'password_reset', 'handover_confirmation'))",
    );
    // The record a token acts on, for tokens that are not about an account (a handover to confirm).
    await queryRunner.query('ALTER TABLE one_time_token ADD COLUMN subject_id uuid');
    await queryRunner.query(`
      ALTER TABLE placement
        ADD COLUMN closed_on date,
        ADD COLUMN closure_reason text,
        ADD COLUMN dropout_reason text CHECK (dropout_reason IN ('placed_regular', 'placed_subsidised', 'sheltered_work', 'returned_to_commissioner', 'dropped_out', 'referred_elsewhere', 'participant_opted_out', 'employer_ended', 'health', 'other')),
        ADD COLUMN aftercare_end_on date,
        ADD COLUMN monitoring_frequency text,
        ADD COLUMN risk_flag_reasons text[] NOT NULL DEFAULT '{}',
        ADD COLUMN risk_flag_raised_at timestamptz,
        ADD COLUMN last_contact_at timestamptz,
        ADD COLUMN participant_opted_out_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE handover_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'completed', 'cancelled')),
        starts_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
        location text,
        video_link text,
        calendar_uid text NOT NULL,
        calendar_sequence integer NOT NULL DEFAULT 0,
        reminder_minutes_before integer NOT NULL DEFAULT 1440,
        employer_contacted boolean NOT NULL DEFAULT true,
        checklist jsonb NOT NULL DEFAULT '{}',
        attendance jsonb NOT NULL DEFAULT '{}',
        participant_confirmed_at timestamptz,
        employer_confirmed_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        created_by_user_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_handover_place CHECK (location IS NOT NULL OR video_link IS NOT NULL)
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX uq_handover_meeting_active ON handover_meeting (placement_id) WHERE status <> 'cancelled'",
    );
    await queryRunner.query(`
      CREATE TABLE checkin (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        coach_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'missed', 'cancelled')),
        first_after_start boolean NOT NULL DEFAULT false,
        held_on date,
        channel text CHECK (channel IN ('visit', 'phone', 'video', 'app', 'email')),
        with_whom text CHECK (with_whom IN ('participant', 'employer', 'both')),
        frame jsonb,
        look_back text,
        look_ahead text,
        actions jsonb NOT NULL DEFAULT '[]',
        life_domains jsonb NOT NULL DEFAULT '{}',
        signals text[] NOT NULL DEFAULT '{}',
        agreement_evaluations jsonb NOT NULL DEFAULT '[]',
        work_matches_description boolean,
        notes text,
        next_contact_on date,
        missed_reason text,
        recorded_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query("CREATE UNIQUE INDEX uq_checkin_planned_day ON checkin (placement_id, due_on) WHERE status <> 'cancelled'");
    await queryRunner.query('CREATE INDEX ix_checkin_coach_due ON checkin (coach_membership_id, status, due_on)');
    await queryRunner.query(`
      CREATE TABLE checkin_preparation (
        checkin_id uuid PRIMARY KEY REFERENCES checkin(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        how_are_things smallint CHECK (how_are_things BETWEEN 1 AND 5),
        trend text CHECK (trend IN ('better', 'same', 'worse')),
        hindering_domains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(hindering_domains) <= 3),
        helping_domains text[] NOT NULL DEFAULT '{}' CHECK (cardinality(helping_domains) <= 3),
        first_step text,
        help_wanted text,
        submitted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE contact_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
        participant_id uuid NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        coach_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        checkin_id uuid REFERENCES checkin(id) ON DELETE SET NULL,
        at timestamptz NOT NULL,
        channel text NOT NULL CHECK (channel IN ('visit', 'phone', 'video', 'app', 'email')),
        with_party text NOT NULL CHECK (with_party IN ('participant', 'employer', 'both', 'care_provider')),
        summary text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_contact_log_coach_at ON contact_log (coach_membership_id, at)');
    await queryRunner.query('CREATE INDEX ix_contact_log_placement_at ON contact_log (placement_id, at)');
    await queryRunner.query(`
      CREATE TABLE placement_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('rhythm_changed', 'coach_reassigned', 'aftercare_renewed', 'risk_flag_raised', 'risk_flag_cleared', 'closed', 'dropped_out', 'opted_out')),
        at timestamptz NOT NULL,
        actor_user_id uuid,
        requested_by text CHECK (requested_by IN ('participant', 'coach', 'employer', 'team_lead', 'system')),
        reason text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query('CREATE INDEX ix_placement_event_placement ON placement_event (placement_id, at)');
    await queryRunner.query(`
      CREATE TABLE help_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        requester_user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        requester_role text NOT NULL CHECK (requester_role IN ('participant', 'employer_user')),
        participant_id uuid REFERENCES participant(id) ON DELETE CASCADE,
        employer_id uuid REFERENCES employer(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('work', 'money', 'health', 'home', 'conflict_at_work', 'transport', 'other')),
        urgency text NOT NULL CHECK (urgency IN ('low', 'normal', 'high')),
        preferred_channel text CHECK (preferred_channel IN ('phone', 'visit', 'video', 'app', 'email')),
        preferred_time text,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved', 'closed')),
        assigned_membership_id uuid REFERENCES membership(id) ON DELETE SET NULL,
        acknowledge_by timestamptz NOT NULL,
        acknowledged_at timestamptz,
        escalated_at timestamptz,
        resolved_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_help_request_assignee_status ON help_request (assigned_membership_id, status)');
    await queryRunner.query('CREATE INDEX ix_help_request_participant ON help_request (participant_id)');
    await queryRunner.query(`
      CREATE TABLE help_request_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        help_request_id uuid NOT NULL REFERENCES help_request(id) ON DELETE CASCADE,
        author_user_id uuid NOT NULL,
        author_role text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ix_help_request_message_request ON help_request_message (help_request_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'help_request_message',
      'help_request',
      'placement_event',
      'contact_log',
      'checkin_preparation',
      'checkin',
      'handover_meeting',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`
      ALTER TABLE placement
        DROP COLUMN closed_on, DROP COLUMN closure_reason, DROP COLUMN dropout_reason, DROP COLUMN aftercare_end_on,
        DROP COLUMN monitoring_frequency, DROP COLUMN risk_flag_reasons, DROP COLUMN risk_flag_raised_at,
        DROP COLUMN last_contact_at, DROP COLUMN participant_opted_out_at`);
    await queryRunner.query("DELETE FROM one_time_token WHERE purpose = 'handover_confirmation'");
    await queryRunner.query('ALTER TABLE one_time_token DROP COLUMN subject_id');
    await queryRunner.query('ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_purpose_check');
    await queryRunner.query(
      "ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check CHECK (purpose IN ('magic_link', 'invitation', 'password_reset'))",
    );
  }
}
