import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through an OpenID Connect broker (DigiD, eHerkenning), configured per
 * organisation. A linked identity keeps only a keyed hash of the broker's
 * identifier (never a BSN in clear); a session remembers the level of
 * assurance and the broker it was signed in with (for the sign-out there).
 */
export class OidcSignIn1763908000000 implements MigrationInterface {
  name = 'OidcSignIn1763908000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oidc_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        issuer text NOT NULL CHECK (issuer ~ '^https?://'),
        client_id text NOT NULL,
        client_secret text NOT NULL,
        scopes text NOT NULL DEFAULT 'openid',
        subject_claim text NOT NULL DEFAULT 'sub',
        kvk_claim text,
        assurance_levels jsonb NOT NULL DEFAULT '{}',
        participant_min_assurance smallint CHECK (participant_min_assurance BETWEEN 1 AND 3),
        employer_min_assurance smallint CHECK (employer_min_assurance BETWEEN 1 AND 3),
        position smallint NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_oidc_provider_serves_a_role CHECK (participant_min_assurance IS NOT NULL OR employer_min_assurance IS NOT NULL),
        CONSTRAINT ck_oidc_provider_employer_kvk CHECK (employer_min_assurance IS NULL OR kvk_claim IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX ix_oidc_provider_organisation ON oidc_provider (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE oidc_identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        provider_id uuid NOT NULL REFERENCES oidc_provider(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        membership_id uuid NOT NULL REFERENCES membership(id) ON DELETE CASCADE,
        subject_hash bytea NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        CONSTRAINT uq_oidc_identity_subject UNIQUE (provider_id, subject_hash),
        CONSTRAINT uq_oidc_identity_membership UNIQUE (provider_id, membership_id)
      )`);
    await queryRunner.query('CREATE INDEX ix_oidc_identity_user ON oidc_identity (user_id)');
    await queryRunner.query(`
      ALTER TABLE session
        ADD COLUMN assurance smallint CHECK (assurance BETWEEN 1 AND 3),
        ADD COLUMN oidc_provider_id uuid REFERENCES oidc_provider(id) ON DELETE SET NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE session DROP COLUMN oidc_provider_id, DROP COLUMN assurance');
    await queryRunner.query('DROP TABLE oidc_identity');
    await queryRunner.query('DROP TABLE oidc_provider');
  }
}
