import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { Session } from './entities/session.entity.js';

export interface SessionRow {
  session_id: string;
  last_seen_at: Date;
  expires_at: Date;
  second_factor: boolean;
  assurance: number | null;
  user_id: string;
  display_name: string;
  locale: 'nl' | 'en';
  membership_id: string;
  organisation_id: string;
  role: Actor['role'];
  team_id: string | null;
  employer_id: string | null;
  funder_id: string | null;
  participant_id: string | null;
}

/** Every statement on session. */
@Injectable()
export class SessionsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  create(values: Omit<Session, 'id' | 'createdAt' | 'revokedAt'>): Promise<Session> {
    return this.manager.getRepository(Session).save(values);
  }

  /** The live session behind a token hash, with its account and active membership. */
  async live(tokenHash: Buffer, now: Date): Promise<SessionRow | undefined> {
    const [row] = await this.query<SessionRow>(
      `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.second_factor, s.assurance,
              u.id AS user_id, u.display_name, u.locale,
              m.id AS membership_id, m.organisation_id, m.role, m.team_id, m.employer_id, m.participant_id, m.funder_id
         FROM session s
         JOIN user_account u ON u.id = s.user_id AND u.disabled_at IS NULL
         JOIN membership m ON m.id = s.membership_id AND m.status = 'active'
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return row;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.query('UPDATE session SET last_seen_at = $2 WHERE id = $1', [id, now]);
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.manager.getRepository(Session).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeAllForUser(userId: string, now: Date): Promise<number> {
    const result = await this.manager.getRepository(Session).update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
  }

  /** A membership's open sessions, or with `wholeAccount` every open session of the account. */
  async revokeForMembership(membershipId: string, userId: string, wholeAccount: boolean, now: Date): Promise<number> {
    const sessions = await this.query(
      `UPDATE session SET revoked_at = $3 WHERE revoked_at IS NULL AND (membership_id = $1 OR ($4 AND user_id = $2)) RETURNING id`,
      [membershipId, userId, now, wholeAccount],
    );
    return affectedRows(sessions);
  }

  /** The broker a session was signed in with, if any. */
  async brokerOf(id: string): Promise<string | undefined> {
    const [row] = await this.query<{ oidc_provider_id: string | null }>('SELECT oidc_provider_id FROM session WHERE id = $1', [id]);
    return row?.oidc_provider_id ?? undefined;
  }

  /** Whether the organisation offers a broker sign-in for the role: then routes may ask for a level of assurance. */
  async brokerOffered(organisationId: string, role: Actor['role']): Promise<boolean> {
    if (role !== 'participant' && role !== 'employer_user') return false;
    const column = role === 'participant' ? 'participant_min_assurance' : 'employer_min_assurance';
    const rows = await this.query(
      `SELECT 1 FROM oidc_provider WHERE organisation_id = $1 AND disabled_at IS NULL AND ${column} IS NOT NULL LIMIT 1`,
      [organisationId],
    );
    return rows.length > 0;
  }

  async markSecondFactor(id: string): Promise<void> {
    await this.manager.getRepository(Session).update({ id }, { secondFactor: true });
  }
}
