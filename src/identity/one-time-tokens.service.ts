import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock/clock.js';
import type { OneTimeTokenPurpose } from './entities/one-time-token.entity.js';
import { IdentityRepository } from './identity.repository.js';
import { hashToken, newToken } from './tokens.js';

/** Purposes whose token acts on a record other than an account (see OneTimeToken.subjectId). */
export type SubjectTokenPurpose = Extract<OneTimeTokenPurpose, 'handover_confirmation'>;

/**
 * Single-use links that act on a record rather than an account (the employer
 * confirming a handover checklist). The token is stored hashed; the plain
 * token is only returned once, for the mail.
 */
@Injectable()
export class OneTimeTokensService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly clock: Clock,
  ) {}

  async issueForSubject(
    purpose: SubjectTokenPurpose,
    subject: { organisationId: string; subjectId: string },
    lifetimeMs: number,
  ): Promise<string> {
    const token = newToken();
    await this.identity.insertToken({
      purpose,
      tokenHash: hashToken(token),
      organisationId: subject.organisationId,
      subjectId: subject.subjectId,
      expiresAt: new Date(this.clock.now().getTime() + lifetimeMs),
    });
    return token;
  }

  /** Whether a token for this subject was ever issued (used, expired or not). */
  issuedFor(purpose: SubjectTokenPurpose, subjectId: string): Promise<boolean> {
    return this.identity.tokenIssuedFor(purpose, subjectId);
  }

  /** The subject of an unused, unexpired token, without spending it; null otherwise. */
  async subjectOf(purpose: SubjectTokenPurpose, token: string): Promise<string | null> {
    if (token.length < 20) return null;
    const found = await this.identity.usableToken(purpose, hashToken(token), this.clock.now());
    return found?.subjectId ?? null;
  }

  /** Spends the token and returns its subject; null when it was unknown, expired, or already spent (also by a concurrent call). */
  async spend(purpose: SubjectTokenPurpose, token: string): Promise<string | null> {
    const found = await this.identity.usableToken(purpose, hashToken(token), this.clock.now());
    if (!found || !(await this.identity.spendToken(found.id, this.clock.now()))) return null;
    return found.subjectId;
  }

  /** Outstanding links on these subjects stop working (consent withdrawn, participant erased); returns how many. */
  revokeForSubjects(purpose: SubjectTokenPurpose, subjectIds: string[]): Promise<number> {
    return this.identity.spendTokensFor(purpose, subjectIds, this.clock.now());
  }

  /** Erasure: the links on these subjects go altogether; returns how many. */
  deleteForSubjects(purpose: SubjectTokenPurpose, subjectIds: string[]): Promise<number> {
    return this.identity.deleteTokensFor(purpose, subjectIds);
  }
}
