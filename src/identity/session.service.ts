import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { identityConfig } from '../platform/config/identity.config.js';
import { Session } from './entities/session.entity.js';
import { hashToken, newToken } from './tokens.js';

/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

interface SessionRow {
  session_id: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  display_name: string;
  locale: 'nl' | 'en';
  membership_id: string;
  organisation_id: string;
  role: Actor['role'];
  team_id: string | null;
  employer_id: string | null;
  participant_id: string | null;
}

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  async create(userId: string, membershipId: string, secondFactor: boolean): Promise<{ token: string; session: Session }> {
    const token = newToken();
    const now = this.clock.now();
    const session = await this.dataSource.getRepository(Session).save({
      tokenHash: hashToken(token),
      userId,
      membershipId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000),
      secondFactor,
    });
    return { token, session };
  }

  /** The actor behind a token, or undefined when it is unknown, revoked, idle too long or past its absolute expiry. */
  async authenticate(token: string, via: Actor['via']): Promise<(Actor & { secondFactor: boolean }) | undefined> {
    const now = this.clock.now();
    const rows: Array<SessionRow & { second_factor: boolean }> = await this.dataSource.query(
      `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.second_factor,
              u.id AS user_id, u.display_name, u.locale,
              m.id AS membership_id, m.organisation_id, m.role, m.team_id, m.employer_id, m.participant_id
         FROM session s
         JOIN user_account u ON u.id = s.user_id AND u.disabled_at IS NULL
         JOIN membership m ON m.id = s.membership_id AND m.status = 'active'
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [hashToken(token), now],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (now.getTime() - row.last_seen_at.getTime() > this.config.sessionIdleMinutes * 60_000) {
      await this.revoke(row.session_id);
      return undefined;
    }
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query('UPDATE session SET last_seen_at = $2 WHERE id = $1', [row.session_id, now]);
    }
    return {
      userId: row.user_id,
      membershipId: row.membership_id,
      organisationId: row.organisation_id,
      role: row.role,
      teamId: row.team_id,
      employerId: row.employer_id,
      participantId: row.participant_id,
      sessionId: row.session_id,
      via,
      displayName: row.display_name,
      locale: row.locale,
      secondFactor: row.second_factor,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(Session).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async revokeAllForUser(userId: string): Promise<number> {
    const result = await this.dataSource.getRepository(Session).update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }

  async markSecondFactor(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(Session).update({ id: sessionId }, { secondFactor: true });
  }
}
