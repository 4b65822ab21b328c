import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MembershipsService } from '../identity/memberships.service.js';
import { appConfig } from '../platform/config/app.config.js';
import { MailService } from '../platform/mail/mail.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { InvalidInputException, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { EMPLOYER_PURPOSES, explainConsent } from './consent-explanations.js';
import type { ConsentDto, GiveConsentDto } from './dto/consent.dto.js';
import { ConsentsRepository } from './consents.repository.js';
import { type Consent, type ConsentPurpose, SHAREABLE_PROFILE_PARTS, type ShareableProfilePart } from './entities/consent.entity.js';

/** Told of every withdrawn consent, inside the withdrawal's transaction (a failing listener undoes it). */
export type ConsentWithdrawnListener = (participantId: string, purpose: ConsentPurpose, employerId: string | null) => Promise<void>;

export interface GiveConsentResult {
  consent: ConsentDto;
  /** False when the same consent was already active and is returned unchanged. */
  created: boolean;
}

/**
 * Consent per participant, purpose and (where it applies) employer. Rows are
 * only ever added or marked withdrawn, never deleted or edited otherwise.
 *
 * Nothing here is cached: `activeConsent`, `hasConsent` and `sharedParts`
 * read the table on every call, so a withdrawal counts from the next request.
 * What others handed out under a consent (a handover confirmation link) they
 * take back in a listener registered with `onWithdrawn`: consents cannot
 * depend on them.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly repository: ConsentsRepository,
    private readonly transactions: Transactions,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly memberships: MembershipsService,
    private readonly mail: MailService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  private readonly withdrawnListeners: ConsentWithdrawnListener[] = [];

  /** Registers a capability's reaction to a withdrawn consent (call it in onModuleInit). */
  onWithdrawn(listener: ConsentWithdrawnListener): void {
    this.withdrawnListeners.push(listener);
  }

  // ---- For other features (matching, introductions, handover) ----

  /** The active consent for this purpose (and employer, for employer purposes), or null. */
  async activeConsent(participantId: string, purpose: ConsentPurpose, employerId?: string | null): Promise<Consent | null> {
    return this.repository.findActive(participantId, purpose, employerId ?? null);
  }

  async hasConsent(participantId: string, purpose: ConsentPurpose, employerId?: string | null): Promise<boolean> {
    return (await this.activeConsent(participantId, purpose, employerId)) !== null;
  }

  /** Of these participant and employer pairs, those with an active consent for an employer purpose, as "participant/employer". */
  async consentedPairs(purpose: ConsentPurpose, pairs: ReadonlyArray<{ participantId: string; employerId: string }>): Promise<Set<string>> {
    return this.repository.activePairs(purpose, pairs);
  }

  /** The profile parts the participant currently lets this employer see; empty when none. */
  async sharedParts(participantId: string, employerId: string): Promise<ShareableProfilePart[]> {
    const consent = await this.activeConsent(participantId, 'share_profile_with_employer', employerId);
    if (!consent) return [];
    // Keep the canonical order, whatever order they were given in.
    return SHAREABLE_PROFILE_PARTS.filter((part) => consent.profileParts.includes(part));
  }

  // ---- The participant's and the coach's routes ----

  async list(actor: Actor, participantId: string): Promise<ConsentDto[]> {
    const participant = await this.participants.findVisible(actor, participantId);
    const consents = await this.history(participantId, participant.organisationId);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'consent',
      subjectParticipantId: participantId,
      fields: ['purpose', 'employerId', 'profileParts', 'givenAt', 'withdrawnAt'],
    });
    return consents;
  }

  /** Every consent ever given, newest first (also for the data export). */
  async history(participantId: string, organisationId: string): Promise<ConsentDto[]> {
    return this.toDtos(await this.repository.history(participantId, organisationId));
  }

  async give(actor: Actor, participantId: string, input: GiveConsentDto): Promise<GiveConsentResult> {
    const employerId = this.checkShape(input);
    const parts = input.purpose === 'share_profile_with_employer' ? canonicalParts(input.profileParts ?? []) : [];
    const onBehalf = actor.role !== 'participant';
    if (!onBehalf && input.confirmedVia) {
      throw new InvalidInputException([{ name: 'confirmedVia', reason: 'is only for staff recording consent on your behalf' }]);
    }
    const { result, mailId } = await this.transactions.run(async (): Promise<{ result: GiveConsentResult; mailId?: string }> => {
      // Locks the participant row: concurrent gives for one participant queue up instead of colliding.
      const participant = await this.participants.findVisible(actor, participantId, true);
      if (employerId && !(await this.repository.employerExists(employerId, participant.organisationId))) {
        throw new RuleViolationException('employerId', 'must be an employer of your organisation');
      }
      const existing = await this.activeConsent(participantId, input.purpose, employerId);
      if (existing && sameParts(existing.profileParts, parts)) {
        return { result: { consent: (await this.toDtos([existing]))[0], created: false } };
      }
      const now = this.clock.now();
      if (existing) {
        // New parts for the same employer: the old consent ends, a new one starts, so the history shows both.
        await this.repository.markWithdrawn(existing.id, now, actor.userId);
        await this.audit.record(actor, {
          action: 'consent_withdrawn',
          resourceType: 'consent',
          resourceId: existing.id,
          subjectParticipantId: participantId,
          fields: ['withdrawnAt'],
        });
      }
      const saved = await this.repository.insert({
        organisationId: participant.organisationId,
        participantId,
        purpose: input.purpose,
        employerId,
        profileParts: parts,
        givenAt: now,
        givenByUserId: actor.userId,
        confirmedVia: onBehalf ? (input.confirmedVia ?? null) : null,
        withdrawnAt: null,
        withdrawnByUserId: null,
      });
      await this.audit.record(actor, {
        action: 'consent_given',
        resourceType: 'consent',
        resourceId: saved.id,
        subjectParticipantId: participantId,
        fields: [
          'purpose',
          ...(employerId ? ['employerId'] : []),
          ...(parts.length > 0 ? ['profileParts'] : []),
          ...(saved.confirmedVia ? ['confirmedVia'] : []),
        ],
      });
      // Recorded by someone else: the participant hears of it, so a consent they did not mean can be withdrawn at once.
      const mailId = onBehalf ? await this.tellParticipant(participantId, participant.organisationId, saved) : undefined;
      return { result: { consent: (await this.toDtos([saved]))[0], created: true }, mailId };
    });
    if (mailId) await this.mail.dispatch(mailId);
    return result;
  }

  private async tellParticipant(participantId: string, organisationId: string, consent: Consent): Promise<string | undefined> {
    const recipient = await this.memberships.participantRecipient(participantId, organisationId);
    if (!recipient?.email) return undefined;
    const [dto] = await this.toDtos([consent]);
    return this.mail.record({
      organisationId,
      template: 'consent-recorded',
      locale: recipient.locale,
      to: recipient.email,
      context: { name: recipient.displayName, what: dto.explanation[recipient.locale], link: `${this.app.publicUrl}/portal/consents` },
      dedupeKey: `consent-recorded.${consent.id}`,
      aboutParticipantId: participantId,
    });
  }

  /** Employers the participant can name in a consent themselves: those they are matched with or work for. */
  employerChoices(participantId: string, organisationId: string): Promise<Array<{ id: string; name: string }>> {
    return this.repository.employersAround(participantId, organisationId);
  }

  /** Withdraws one consent of this participant; a consent already withdrawn is returned as it is. */
  async withdraw(actor: Actor, participantId: string, consentId: string): Promise<ConsentDto> {
    return this.transactions.run(async () => {
      const participant = await this.participants.findVisible(actor, participantId, true);
      const consent = await this.repository.findOne(consentId, participantId, participant.organisationId);
      if (!consent) throw new NotFoundProblem('consent');
      if (consent.withdrawnAt === null) {
        consent.withdrawnAt = this.clock.now();
        consent.withdrawnByUserId = actor.userId;
        await this.repository.markWithdrawn(consent.id, consent.withdrawnAt, actor.userId);
        await this.audit.record(actor, {
          action: 'consent_withdrawn',
          resourceType: 'consent',
          resourceId: consent.id,
          subjectParticipantId: participantId,
          fields: ['withdrawnAt'],
        });
        await this.announceWithdrawal(participantId, consent.purpose, consent.employerId);
      }
      return (await this.toDtos([consent]))[0];
    });
  }

  /**
   * Withdraws every active consent of a participant inside the caller's
   * transaction (erasure); writes one audit entry per consent. Returns their ids.
   */
  async withdrawAll(actor: Actor, participantId: string): Promise<string[]> {
    return this.transactions.run(async () => {
      const withdrawn = await this.repository.withdrawAll(participantId, this.clock.now(), actor.userId);
      await this.audit.record(
        actor,
        withdrawn.map(({ id }) => ({
          action: 'consent_withdrawn' as const,
          resourceType: 'consent',
          resourceId: id,
          subjectParticipantId: participantId,
          fields: ['withdrawnAt'],
        })),
      );
      for (const consent of withdrawn) await this.announceWithdrawal(participantId, consent.purpose, consent.employerId);
      return withdrawn.map(({ id }) => id);
    });
  }

  private async announceWithdrawal(participantId: string, purpose: ConsentPurpose, employerId: string | null): Promise<void> {
    for (const listener of this.withdrawnListeners) await listener(participantId, purpose, employerId);
  }

  /** Which purposes need an employer, and which need profile parts: answered as 400 naming the field. */
  private checkShape(input: GiveConsentDto): string | null {
    const needsEmployer = EMPLOYER_PURPOSES.includes(input.purpose);
    if (needsEmployer && !input.employerId) {
      throw new InvalidInputException([{ name: 'employerId', reason: `is required for the purpose ${input.purpose}` }]);
    }
    if (!needsEmployer && input.employerId) {
      throw new InvalidInputException([{ name: 'employerId', reason: `is not allowed for the purpose ${input.purpose}` }]);
    }
    const needsParts = input.purpose === 'share_profile_with_employer';
    if (needsParts && (!input.profileParts || input.profileParts.length === 0)) {
      throw new InvalidInputException([{ name: 'profileParts', reason: 'must name at least one part of the profile to share' }]);
    }
    if (!needsParts && input.profileParts && input.profileParts.length > 0) {
      throw new InvalidInputException([{ name: 'profileParts', reason: `is not allowed for the purpose ${input.purpose}` }]);
    }
    return input.employerId ?? null;
  }

  private async toDtos(rows: Consent[]): Promise<ConsentDto[]> {
    const employerIds = [...new Set(rows.map((row) => row.employerId).filter((id): id is string => id !== null))];
    const names = await this.repository.employerNames(employerIds);
    return rows.map((row) => {
      const employerName = row.employerId ? (names.get(row.employerId) ?? null) : null;
      return {
        id: row.id,
        purpose: row.purpose,
        employerId: row.employerId,
        employerName,
        profileParts: row.profileParts,
        active: row.withdrawnAt === null,
        givenAt: row.givenAt.toISOString(),
        givenByUserId: row.givenByUserId,
        confirmedVia: row.confirmedVia,
        withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
        withdrawnByUserId: row.withdrawnByUserId,
        explanation: explainConsent(row.purpose, employerName, row.profileParts),
      };
    });
  }
}

function canonicalParts(parts: readonly ShareableProfilePart[]): ShareableProfilePart[] {
  return SHAREABLE_PROFILE_PARTS.filter((part) => parts.includes(part));
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part) => b.includes(part));
}
