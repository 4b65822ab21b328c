import { activeManager } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { ShareableProfilePart } from '../consents/entities/consent.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { ParticipantProfile } from '../profiles/entities/participant-profile.entity.js';
import { ADAPTATIONS, label } from '../reference-data/taxonomies.js';
import { Vacancy } from '../vacancies/entities/vacancy.entity.js';
import type { CreateMatchDto, EmployerCandidateDto, MatchDto, MatchEventDto, MatchTransitionDto } from './dto/match.dto.js';
import { EMPLOYER_VISIBLE_STATUSES, Match, MatchEvent, MATCH_TRANSITIONS } from './entities/match.entity.js';
import { MatchingService } from './matching.service.js';

/**
 * The match pipeline: proposed -> introduced -> interview -> trial placement
 * -> contract, or rejected / withdrawn. Every step is a match_event row.
 */
@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly matching: MatchingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateMatchDto): Promise<MatchDto> {
    const vacancy = await this.dataSource.getRepository(Vacancy).findOneBy({ id: input.vacancyId, organisationId: actor.organisationId });
    if (!vacancy) throw new RuleViolationException('vacancyId', 'is not a vacancy of your organisation');
    if (!(await this.policies.canAccess(actor, 'participant', input.participantId))) {
      throw new RuleViolationException('participantId', 'is not a participant you may see');
    }
    if (vacancy.status !== 'open') throw new RuleViolationException('vacancyId', 'must be an open vacancy');
    const scored = await this.matching.scorePair(actor, vacancy.id, input.participantId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const match = await manager.getRepository(Match).save({
          organisationId: actor.organisationId,
          vacancyId: vacancy.id,
          participantId: input.participantId,
          employerId: vacancy.employerId,
          status: 'proposed',
          score: scored?.score ?? null,
          trialSkippedReason: null,
          createdByUserId: actor.userId,
        });
        await this.event(manager, actor, match, null, null);
        await this.audit.record(
          actor,
          {
            action: 'create',
            resourceType: 'match',
            resourceId: match.id,
            subjectParticipantId: match.participantId,
            fields: ['vacancyId', 'status'],
          },
          manager,
        );
        return toMatchDto(match);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ConflictProblem('This participant is already matched with this vacancy.', 'match-exists');
      throw error;
    }
  }

  async get(actor: Actor, matchId: string): Promise<MatchDto> {
    const match = await this.findVisible(actor, matchId);
    return toMatchDto(match);
  }

  async events(actor: Actor, matchId: string): Promise<MatchEventDto[]> {
    await this.findVisible(actor, matchId);
    const rows = await this.dataSource.getRepository(MatchEvent).find({ where: { matchId }, order: { at: 'ASC', sequence: 'ASC' } });
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actorUserId: row.actorUserId,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      reason: row.reason,
    }));
  }

  async transition(actor: Actor, matchId: string, input: MatchTransitionDto): Promise<MatchDto> {
    return this.dataSource.transaction(async (manager) => {
      const match = await this.findVisible(actor, matchId, manager, true);
      const from = match.status;
      const to = input.status;
      if (!MATCH_TRANSITIONS[from].includes(to)) throw new RuleViolationException('status', `cannot go from ${from} to ${to}`);
      if (to === 'rejected' && !input.reason) throw new RuleViolationException('reason', 'is required when a match is rejected');
      if (to === 'contract_agreed' && from !== 'trial_placement_agreed') {
        if (!input.reason) throw new RuleViolationException('reason', 'is required when the trial placement is skipped');
        match.trialSkippedReason = input.reason;
      }
      if (to === 'introduced') {
        const [consent] = await manager.query(
          "SELECT 1 FROM consent WHERE participant_id = $1 AND employer_id = $2 AND purpose = 'share_profile_with_employer' AND withdrawn_at IS NULL",
          [match.participantId, match.employerId],
        );
        if (!consent)
          throw new RuleViolationException('status', 'the participant has not consented to share their profile with this employer');
      }
      match.status = to;
      const saved = await manager.getRepository(Match).save(match);
      await this.event(manager, actor, saved, from, input.reason ?? null);
      await this.audit.record(
        actor,
        { action: 'update', resourceType: 'match', resourceId: match.id, subjectParticipantId: match.participantId, fields: ['status'] },
        manager,
      );
      return toMatchDto(saved);
    });
  }

  /**
   * What an employer sees of its introduced candidates: only the parts the
   * participant consented to share with this employer. Nothing private is read.
   */
  async employerCandidates(actor: Actor, employerId: string): Promise<EmployerCandidateDto[]> {
    const rows: Array<{
      match_id: string;
      vacancy_id: string;
      vacancy_title: string;
      status: Match['status'];
      participant_id: string;
      parts: ShareableProfilePart[] | null;
    }> = await this.dataSource.query(
      `SELECT m.id AS match_id, m.vacancy_id, v.title AS vacancy_title, m.status, m.participant_id, c.profile_parts AS parts
         FROM match m
         JOIN vacancy v ON v.id = m.vacancy_id
         LEFT JOIN consent c ON c.participant_id = m.participant_id AND c.employer_id = m.employer_id
           AND c.purpose = 'share_profile_with_employer' AND c.withdrawn_at IS NULL
         WHERE m.employer_id = $1 AND m.organisation_id = $2 AND m.status = ANY($3)
         ORDER BY m.created_at, m.id`,
      [employerId, actor.organisationId, EMPLOYER_VISIBLE_STATUSES],
    );
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((row) => row.participant_id))];
    const participants = new Map(
      (await this.dataSource.getRepository(Participant).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany()).map((p) => [
        p.id,
        p,
      ]),
    );
    const profiles = new Map(
      (
        await this.dataSource
          .getRepository(ParticipantProfile)
          .createQueryBuilder('pp')
          .where('pp.participant_id IN (:...ids)', { ids })
          .getMany()
      ).map((p) => [p.participantId, p]),
    );
    const result = rows.map((row) => {
      const parts = row.parts ?? [];
      return {
        matchId: row.match_id,
        vacancyId: row.vacancy_id,
        vacancyTitle: row.vacancy_title,
        status: row.status,
        sharedParts: parts,
        profile: projectProfile(parts, participants.get(row.participant_id), profiles.get(row.participant_id)),
      };
    });
    // Paired with its row before filtering, so each entry names the participant whose parts were read.
    await this.audit.record(
      actor,
      rows.flatMap((row, i) =>
        result[i].sharedParts.length
          ? [
              {
                action: 'read' as const,
                resourceType: 'employer_candidate',
                resourceId: result[i].matchId,
                subjectParticipantId: row.participant_id,
                fields: Object.keys(result[i].profile),
              },
            ]
          : [],
      ),
    );
    return result;
  }

  private async findVisible(
    actor: Actor,
    matchId: string,
    manager: EntityManager = activeManager(this.dataSource),
    lock = false,
  ): Promise<Match> {
    const scope = this.policies.participantScope(actor, 'p');
    const query = manager
      .getRepository(Match)
      .createQueryBuilder('m')
      .innerJoin(Participant, 'p', 'p.id = m.participant_id')
      .where('m.id = :matchId', { matchId })
      .andWhere('m.organisation_id = :org', { org: actor.organisationId })
      .andWhere(scope.sql, scope.params);
    if (lock) query.setLock('pessimistic_write', undefined, ['m']);
    const match = await query.getOne();
    if (!match) throw new NotFoundProblem('match');
    return match;
  }

  private async event(
    manager: EntityManager,
    actor: Actor,
    match: Match,
    from: Match['status'] | null,
    reason: string | null,
  ): Promise<void> {
    await manager.getRepository(MatchEvent).insert({
      organisationId: match.organisationId,
      matchId: match.id,
      at: this.clock.now(),
      actorUserId: actor.userId,
      fromStatus: from,
      toStatus: match.status,
      reason,
    });
  }
}

/** Builds the employer's view from an allow-list per consented part; anything not listed never leaves. */
export function projectProfile(
  parts: readonly string[],
  participant: Participant | undefined,
  profile: ParticipantProfile | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const has = (part: ShareableProfilePart) => parts.includes(part);
  if (participant && has('name')) Object.assign(out, { firstName: participant.firstName, lastName: participant.lastName });
  if (participant && has('contact')) Object.assign(out, { email: participant.email, phone: participant.phone });
  if (profile) {
    if (has('workPreferences'))
      Object.assign(out, {
        occupationWishes: profile.occupationWishes,
        hoursMin: profile.hoursMin,
        hoursMax: profile.hoursMax,
        shiftsPossible: profile.shiftsPossible,
      });
    if (has('skills'))
      Object.assign(out, {
        skills: profile.skills,
        certificates: profile.certificates,
        educationLevel: profile.educationLevel,
        strengths: profile.strengths,
      });
    if (has('workHistory')) Object.assign(out, { workHistory: profile.workHistory });
    if (has('adaptations')) {
      Object.assign(out, {
        adaptations: profile.needsAdaptations.map((code) => ({
          code,
          nl: label(ADAPTATIONS, code, 'nl'),
          en: label(ADAPTATIONS, code, 'en'),
        })),
      });
    }
    if (has('availability'))
      Object.assign(out, {
        daysAvailable: profile.daysAvailable,
        shiftsPossible: profile.shiftsPossible,
        hoursMin: profile.hoursMin,
        hoursMax: profile.hoursMax,
      });
  }
  return out;
}

function toMatchDto(match: Match): MatchDto {
  return {
    id: match.id,
    vacancyId: match.vacancyId,
    participantId: match.participantId,
    employerId: match.employerId,
    status: match.status,
    score: match.score,
    trialSkippedReason: match.trialSkippedReason,
    version: match.version,
  };
}
