import { activeManager } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { InvalidInputException, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { Employer } from '../employers/entities/employer.entity.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { EMPLOYER_PURPOSES, explainConsent } from './consent-explanations.js';
import type { ConsentDto, GiveConsentDto } from './dto/consent.dto.js';
import { Consent, type ConsentPurpose, SHAREABLE_PROFILE_PARTS, type ShareableProfilePart } from './entities/consent.entity.js';

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
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- For other features (matching, introductions, handover) ----

  /** The active consent for this purpose (and employer, for employer purposes), or null. */
  async activeConsent(
    participantId: string,
    purpose: ConsentPurpose,
    employerId?: string | null,
    manager: EntityManager = activeManager(this.dataSource),
  ): Promise<Consent | null> {
    return manager.getRepository(Consent).findOneBy({
      participantId,
      purpose,
      employerId: employerId ? employerId : IsNull(),
      withdrawnAt: IsNull(),
    });
  }

  async hasConsent(participantId: string, purpose: ConsentPurpose, employerId?: string | null, manager?: EntityManager): Promise<boolean> {
    return (await this.activeConsent(participantId, purpose, employerId, manager)) !== null;
  }

  /** The profile parts the participant currently lets this employer see; empty when none. */
  async sharedParts(participantId: string, employerId: string, manager?: EntityManager): Promise<ShareableProfilePart[]> {
    const consent = await this.activeConsent(participantId, 'share_profile_with_employer', employerId, manager);
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
  async history(
    participantId: string,
    organisationId: string,
    manager: EntityManager = activeManager(this.dataSource),
  ): Promise<ConsentDto[]> {
    const rows = await manager.getRepository(Consent).find({
      where: { participantId, organisationId },
      order: { givenAt: 'DESC', createdAt: 'DESC', id: 'ASC' },
    });
    return this.toDtos(rows, manager);
  }

  async give(actor: Actor, participantId: string, input: GiveConsentDto): Promise<GiveConsentResult> {
    const employerId = this.checkShape(input);
    const parts = input.purpose === 'share_profile_with_employer' ? canonicalParts(input.profileParts ?? []) : [];
    return this.dataSource.transaction(async (manager) => {
      // Locks the participant row: concurrent gives for one participant queue up instead of colliding.
      const participant = await this.participants.findVisible(actor, participantId, manager, true);
      if (employerId) {
        const employer = await manager.getRepository(Employer).findOneBy({ id: employerId, organisationId: participant.organisationId });
        if (!employer) throw new RuleViolationException('employerId', 'must be an employer of your organisation');
      }
      const repository = manager.getRepository(Consent);
      const existing = await this.activeConsent(participantId, input.purpose, employerId, manager);
      if (existing && sameParts(existing.profileParts, parts)) {
        return { consent: (await this.toDtos([existing], manager))[0], created: false };
      }
      const now = this.clock.now();
      if (existing) {
        // New parts for the same employer: the old consent ends, a new one starts, so the history shows both.
        await repository.update({ id: existing.id }, { withdrawnAt: now, withdrawnByUserId: actor.userId });
        await this.audit.record(
          actor,
          {
            action: 'consent_withdrawn',
            resourceType: 'consent',
            resourceId: existing.id,
            subjectParticipantId: participantId,
            fields: ['withdrawnAt'],
          },
          manager,
        );
      }
      const saved = await repository.save(
        repository.create({
          organisationId: participant.organisationId,
          participantId,
          purpose: input.purpose,
          employerId,
          profileParts: parts,
          givenAt: now,
          givenByUserId: actor.userId,
          withdrawnAt: null,
          withdrawnByUserId: null,
        }),
      );
      await this.audit.record(
        actor,
        {
          action: 'consent_given',
          resourceType: 'consent',
          resourceId: saved.id,
          subjectParticipantId: participantId,
          fields: ['purpose', ...(employerId ? ['employerId'] : []), ...(parts.length > 0 ? ['profileParts'] : [])],
        },
        manager,
      );
      return { consent: (await this.toDtos([saved], manager))[0], created: true };
    });
  }

  /** Withdraws one consent of this participant; a consent already withdrawn is returned as it is. */
  async withdraw(actor: Actor, participantId: string, consentId: string): Promise<ConsentDto> {
    return this.dataSource.transaction(async (manager) => {
      const participant = await this.participants.findVisible(actor, participantId, manager, true);
      const repository = manager.getRepository(Consent);
      const consent = await repository.findOneBy({ id: consentId, participantId, organisationId: participant.organisationId });
      if (!consent) throw new NotFoundProblem('consent');
      if (consent.withdrawnAt === null) {
        consent.withdrawnAt = this.clock.now();
        consent.withdrawnByUserId = actor.userId;
        await repository.update({ id: consent.id }, { withdrawnAt: consent.withdrawnAt, withdrawnByUserId: actor.userId });
        await this.audit.record(
          actor,
          {
            action: 'consent_withdrawn',
            resourceType: 'consent',
            resourceId: consent.id,
            subjectParticipantId: participantId,
            fields: ['withdrawnAt'],
          },
          manager,
        );
      }
      return (await this.toDtos([consent], manager))[0];
    });
  }

  /**
   * Withdraws every active consent of a participant inside the caller's
   * transaction (erasure); writes one audit entry per consent. Returns their ids.
   */
  async withdrawAll(actor: Actor, participantId: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager
      .createQueryBuilder()
      .update(Consent)
      .set({ withdrawnAt: this.clock.now(), withdrawnByUserId: actor.userId })
      .where('participant_id = :participantId AND withdrawn_at IS NULL', { participantId })
      .returning(['id'])
      .execute()
      .then((result) => result.raw as Array<{ id: string }>);
    const ids = rows.map((row) => row.id);
    await this.audit.record(
      actor,
      ids.map((id) => ({
        action: 'consent_withdrawn' as const,
        resourceType: 'consent',
        resourceId: id,
        subjectParticipantId: participantId,
        fields: ['withdrawnAt'],
      })),
      manager,
    );
    return ids;
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

  private async toDtos(rows: Consent[], manager: EntityManager): Promise<ConsentDto[]> {
    const employerIds = [...new Set(rows.map((row) => row.employerId).filter((id): id is string => id !== null))];
    const employers =
      employerIds.length > 0
        ? await manager.getRepository(Employer).find({ select: { id: true, name: true }, where: { id: In(employerIds) } })
        : [];
    const names = new Map(employers.map((employer) => [employer.id, employer.name]));
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
