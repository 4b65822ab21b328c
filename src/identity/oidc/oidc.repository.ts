import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { affectedRows, TableRepository } from '../../platform/database/transactions.js';

export interface OidcProviderRow {
  id: string;
  organisationId: string;
  label: string;
  issuer: string;
  clientId: string;
  /** FieldEncryption. */
  clientSecret: string;
  scopes: string;
  subjectClaim: string;
  kvkClaim: string | null;
  /** The broker's `acr` values mapped to 1 (low), 2 (substantial), 3 (high). */
  assuranceLevels: Record<string, number>;
  participantMinAssurance: number | null;
  employerMinAssurance: number | null;
}

/** A provider as the admin's page lists it: everything but the client secret. */
export interface ProviderSummaryRow extends Omit<OidcProviderRow, 'clientSecret'> {
  disabledAt: Date | null;
}

export interface LinkedIdentityRow {
  id: string;
  providerId: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const PROVIDER_COLUMNS = `id, organisation_id AS "organisationId", label, issuer, client_id AS "clientId", client_secret AS "clientSecret",
  scopes, subject_claim AS "subjectClaim", kvk_claim AS "kvkClaim", assurance_levels AS "assuranceLevels",
  participant_min_assurance AS "participantMinAssurance", employer_min_assurance AS "employerMinAssurance"`;

/** Every statement on oidc_provider and oidc_identity. */
@Injectable()
export class OidcRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async insertProvider(values: Omit<OidcProviderRow, 'id'> & { position?: number }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO oidc_provider (organisation_id, label, issuer, client_id, client_secret, scopes, subject_claim, kvk_claim,
         assurance_levels, participant_min_assurance, employer_min_assurance, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        values.organisationId,
        values.label,
        values.issuer,
        values.clientId,
        values.clientSecret,
        values.scopes,
        values.subjectClaim,
        values.kvkClaim,
        JSON.stringify(values.assuranceLevels),
        values.participantMinAssurance,
        values.employerMinAssurance,
        values.position ?? 0,
      ],
    );
    return row.id;
  }

  async provider(id: string): Promise<OidcProviderRow | undefined> {
    const [row] = await this.query<OidcProviderRow>(`SELECT ${PROVIDER_COLUMNS} FROM oidc_provider WHERE id = $1 AND disabled_at IS NULL`, [
      id,
    ]);
    return row;
  }

  providersOf(organisationId: string): Promise<OidcProviderRow[]> {
    return this.query<OidcProviderRow>(
      `SELECT ${PROVIDER_COLUMNS} FROM oidc_provider WHERE organisation_id = $1 AND disabled_at IS NULL ORDER BY position, label`,
      [organisationId],
    );
  }

  /** Every provider of the organisation, turned off ones too; never the client secret. */
  providerSummariesOf(organisationId: string): Promise<ProviderSummaryRow[]> {
    return this.query<ProviderSummaryRow>(
      `SELECT id, organisation_id AS "organisationId", label, issuer, client_id AS "clientId", scopes, subject_claim AS "subjectClaim",
              kvk_claim AS "kvkClaim", assurance_levels AS "assuranceLevels", participant_min_assurance AS "participantMinAssurance",
              employer_min_assurance AS "employerMinAssurance", disabled_at AS "disabledAt"
         FROM oidc_provider WHERE organisation_id = $1 ORDER BY position, label, created_at`,
      [organisationId],
    );
  }

  /** Turns a provider of the organisation off (at `disabledAt`) or on (null); false when there is no such provider. */
  async setProviderDisabled(id: string, organisationId: string, disabledAt: Date | null): Promise<boolean> {
    const result = await this.query('UPDATE oidc_provider SET disabled_at = $3 WHERE id = $1 AND organisation_id = $2 RETURNING id', [
      id,
      organisationId,
      disabledAt,
    ]);
    return affectedRows(result) > 0;
  }

  async identityBySubject(providerId: string, subjectHash: Buffer): Promise<{ id: string; membershipId: string } | undefined> {
    const [row] = await this.query<{ id: string; membershipId: string }>(
      'SELECT id, membership_id AS "membershipId" FROM oidc_identity WHERE provider_id = $1 AND subject_hash = $2',
      [providerId, subjectHash],
    );
    return row;
  }

  async insertIdentity(values: {
    organisationId: string;
    providerId: string;
    userId: string;
    membershipId: string;
    subjectHash: Buffer;
    now: Date;
  }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO oidc_identity (organisation_id, provider_id, user_id, membership_id, subject_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [values.organisationId, values.providerId, values.userId, values.membershipId, values.subjectHash, values.now],
    );
    return row.id;
  }

  async touchIdentity(id: string, now: Date): Promise<void> {
    await this.query('UPDATE oidc_identity SET last_used_at = $2 WHERE id = $1', [id, now]);
  }

  identitiesOf(membershipId: string): Promise<LinkedIdentityRow[]> {
    return this.query<LinkedIdentityRow>(
      `SELECT i.id, i.provider_id AS "providerId", p.label, i.created_at AS "createdAt", i.last_used_at AS "lastUsedAt"
         FROM oidc_identity i JOIN oidc_provider p ON p.id = i.provider_id
        WHERE i.membership_id = $1 ORDER BY i.created_at`,
      [membershipId],
    );
  }

  /** Locks the membership's links, so two unlinks cannot both remove "not the last" one. */
  async lockIdentitiesOf(membershipId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>('SELECT id FROM oidc_identity WHERE membership_id = $1 FOR UPDATE', [membershipId]);
    return rows.map((row) => row.id);
  }

  async deleteIdentity(id: string, membershipId: string): Promise<void> {
    await this.query('DELETE FROM oidc_identity WHERE id = $1 AND membership_id = $2', [id, membershipId]);
  }

  /** Erasure: every link of the participant's membership in the organisation. */
  async deleteIdentitiesOfParticipant(participantId: string, organisationId: string): Promise<number> {
    const result = await this.query(
      `DELETE FROM oidc_identity i USING membership m
        WHERE i.membership_id = m.id AND m.participant_id = $1 AND m.organisation_id = $2 RETURNING i.id`,
      [participantId, organisationId],
    );
    return affectedRows(result);
  }

  /** The participant's linked sign-in services, for their data export (never the hashed identifier). */
  async identitiesOfParticipant(
    participantId: string,
    organisationId: string,
  ): Promise<Array<{ provider: string; linkedAt: Date; lastUsedAt: Date | null }>> {
    return this.query(
      `SELECT p.label AS provider, i.created_at AS "linkedAt", i.last_used_at AS "lastUsedAt"
         FROM oidc_identity i
         JOIN membership m ON m.id = i.membership_id
         JOIN oidc_provider p ON p.id = i.provider_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 AND i.organisation_id = $2
        ORDER BY i.created_at, p.label`,
      [participantId, organisationId],
    );
  }
}
