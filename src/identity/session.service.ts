import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { identityConfig } from '../platform/config/identity.config.js';
import type { Session } from './entities/session.entity.js';
import { SessionsRepository } from './sessions.repository.js';
import { hashToken, newToken } from './tokens.js';

/** How a broker sign-in is remembered on its session. */
export interface BrokerSignIn {
  assurance: number;
  providerId: string;
}

/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  async create(
    userId: string,
    membershipId: string,
    secondFactor: boolean,
    broker?: BrokerSignIn,
  ): Promise<{ token: string; session: Session }> {
    const token = newToken();
    const now = this.clock.now();
    const session = await this.sessions.create({
      tokenHash: hashToken(token),
      userId,
      membershipId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000),
      secondFactor,
      assurance: broker?.assurance ?? null,
      oidcProviderId: broker?.providerId ?? null,
    });
    return { token, session };
  }

  /** The actor behind a token, or undefined when it is unknown, revoked, idle too long or past its absolute expiry. */
  async authenticate(token: string, via: Actor['via']): Promise<(Actor & { secondFactor: boolean }) | undefined> {
    const now = this.clock.now();
    const row = await this.sessions.live(hashToken(token), now);
    if (!row) return undefined;
    if (now.getTime() - row.last_seen_at.getTime() > this.config.sessionIdleMinutes * 60_000) {
      await this.revoke(row.session_id);
      return undefined;
    }
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(row.session_id, now);
    }
    return {
      userId: row.user_id,
      membershipId: row.membership_id,
      organisationId: row.organisation_id,
      role: row.role,
      teamId: row.team_id,
      employerId: row.employer_id,
      participantId: row.participant_id,
      funderId: row.funder_id,
      sessionId: row.session_id,
      via,
      displayName: row.display_name,
      locale: row.locale,
      secondFactor: row.second_factor,
      assurance: row.assurance,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, this.clock.now());
  }

  async revokeAllForUser(userId: string): Promise<number> {
    return this.sessions.revokeAllForUser(userId, this.clock.now());
  }

  brokerOf(sessionId: string): Promise<string | undefined> {
    return this.sessions.brokerOf(sessionId);
  }

  brokerOffered(organisationId: string, role: Actor['role']): Promise<boolean> {
    return this.sessions.brokerOffered(organisationId, role);
  }

  async markSecondFactor(sessionId: string): Promise<void> {
    await this.sessions.markSecondFactor(sessionId);
  }
}
