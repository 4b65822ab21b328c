import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { ShareableProfilePart } from '../consents/entities/consent.entity.js';
import type { Participant } from '../participants/entities/participant.entity.js';
import type { Actor } from '../platform/auth/actor.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { appConfig } from '../platform/config/app.config.js';
import { Transactions } from '../platform/database/transactions.js';
import { MailService } from '../platform/mail/mail.service.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import type { ParticipantProfile } from '../profiles/entities/participant-profile.entity.js';
import { ADAPTATIONS, label } from '../reference-data/taxonomies.js';
import { VacanciesService } from '../vacancies/vacancies.service.js';
import type {
  CreateMatchDto,
  EmployerAnswerDto,
  EmployerCandidateDto,
  MatchDto,
  MatchEventDto,
  MatchTransitionDto,
} from './dto/match.dto.js';
import { EMPLOYER_VISIBLE_STATUSES, type Match, type MatchStatus, MATCH_TRANSITIONS } from './entities/match.entity.js';
import { MatchesRepository, type ParticipantMatchRow } from './matches.repository.js';
import { MatchingService } from './matching.service.js';
import { displayScore } from './criteria.js';

/**
 * The match pipeline: proposed -> introduced -> interview -> trial placement
 * -> contract, or rejected / withdrawn. Every step is a match_event row.
 */
@Injectable()
export class MatchesService {
  constructor(
    private readonly matches: MatchesRepository,
    private readonly transactions: Transactions,
    private readonly policies: PolicyService,
    private readonly matching: MatchingService,
    private readonly vacancies: VacanciesService,
    private readonly consents: ConsentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly memberships: MembershipsService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async create(actor: Actor, input: CreateMatchDto): Promise<MatchDto> {
    const vacancy = await this.vacancies.findInOrganisation(actor.organisationId, input.vacancyId);
    if (!vacancy) throw new RuleViolationException('vacancyId', 'is not a vacancy of your organisation');
    if (!(await this.policies.canAccess(actor, 'participant', input.participantId))) {
      throw new RuleViolationException('participantId', 'is not a participant you may see');
    }
    if (vacancy.status !== 'open') throw new RuleViolationException('vacancyId', 'must be an open vacancy');
    const scored = await this.matching.scorePair(actor, vacancy.id, input.participantId);
    try {
      return await this.transactions.run(async () => {
        const match = await this.matches.save({
          organisationId: actor.organisationId,
          vacancyId: vacancy.id,
          participantId: input.participantId,
          employerId: vacancy.employerId,
          status: 'proposed',
          score: scored?.score ?? null,
          trialSkippedReason: null,
          createdByUserId: actor.userId,
        });
        await this.event(actor, match, null, null);
        await this.audit.record(actor, {
          action: 'create',
          resourceType: 'match',
          resourceId: match.id,
          subjectParticipantId: match.participantId,
          fields: ['vacancyId', 'status'],
        });
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
    const rows = await this.matches.events(matchId);
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actorUserId: row.actorUserId,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      reason: row.reason,
    }));
  }

  async transition(actor: Actor, matchId: string, input: MatchTransitionDto): Promise<MatchDto> {
    const { match, mailIds } = await this.transactions.run(async () => {
      const match = await this.findVisible(actor, matchId, true);
      const from = match.status;
      const to = input.status;
      if (!MATCH_TRANSITIONS[from].includes(to)) throw new RuleViolationException('status', `cannot go from ${from} to ${to}`);
      if (to === 'rejected' && !input.reason) throw new RuleViolationException('reason', 'is required when a match is rejected');
      if (to === 'contract_agreed' && from !== 'trial_placement_agreed') {
        if (!input.reason) throw new RuleViolationException('reason', 'is required when the trial placement is skipped');
        match.trialSkippedReason = input.reason;
      }
      if (to === 'introduced' && !(await this.consents.hasConsent(match.participantId, 'share_profile_with_employer', match.employerId))) {
        throw new RuleViolationException('status', 'the participant has not consented to share their profile with this employer');
      }
      match.status = to;
      const saved = await this.matches.save(match);
      await this.event(actor, saved, from, input.reason ?? null);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'match',
        resourceId: match.id,
        subjectParticipantId: match.participantId,
        fields: ['status'],
      });
      const mailIds = to === 'introduced' ? await this.mailIntroduction(saved) : [];
      return { match: toMatchDto(saved), mailIds };
    });
    for (const mailId of mailIds) await this.mail.dispatch(mailId);
    return match;
  }

  /**
   * Tells the employer's users a candidate was introduced: only that there is one, for which
   * vacancy, and where to answer. The candidate's name and profile stay behind the sign-in,
   * where the participant's consent decides what shows.
   */
  private async mailIntroduction(match: Match): Promise<string[]> {
    const vacancy = await this.vacancies.findInOrganisation(match.organisationId, match.vacancyId);
    const recipients = await this.memberships.employerUsers(match.organisationId, match.employerId);
    const ids: string[] = [];
    for (const recipient of recipients) {
      ids.push(
        await this.mail.record({
          organisationId: match.organisationId,
          template: 'candidate-introduced',
          locale: recipient.locale,
          to: recipient.email,
          context: { name: recipient.displayName, vacancy: vacancy?.title ?? '', link: `${this.app.publicUrl}/portal/candidates` },
          dedupeKey: `candidate-introduced.${match.id}.${recipient.membershipId}`,
          aboutParticipantId: match.participantId,
        }),
      );
    }
    return ids;
  }

  /**
   * What an employer sees of its introduced candidates: only the parts the
   * participant consented to share with this employer. Nothing private is read.
   */
  async employerCandidates(actor: Actor, employerId: string): Promise<EmployerCandidateDto[]> {
    const rows = await this.matches.employerCandidates(employerId, actor.organisationId, EMPLOYER_VISIBLE_STATUSES);
    if (!rows.length) return [];
    const { participants, profiles } = await this.matches.participantsAndProfiles([...new Set(rows.map((row) => row.participant_id))]);
    const result = rows.map((row) => {
      const parts = row.parts ?? [];
      return {
        matchId: row.match_id,
        vacancyId: row.vacancy_id,
        vacancyTitle: row.vacancy_title,
        status: row.status,
        sharedParts: parts,
        profile: projectProfile(parts, participants.get(row.participant_id), profiles.get(row.participant_id)),
        employerAnswer: row.employer_answer,
        employerAnswerReason: row.employer_answer_reason,
        employerAnsweredAt: row.employer_answered_at ? row.employer_answered_at.toISOString() : null,
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

  /**
   * The employer answers a candidate introduced to it: interested, invite for an
   * interview, or not now (with a reason). The coach sees the answer and acts on it;
   * the match's status stays the coach's to change. Answering again replaces the answer.
   */
  async answerAsEmployer(actor: Actor, matchId: string, input: EmployerAnswerDto): Promise<void> {
    if (!actor.employerId || actor.role !== 'employer_user') throw new NotFoundProblem('match');
    const employerId = actor.employerId;
    const reason = input.reason?.trim() || null;
    if (input.answer === 'not_now' && !reason) throw new RuleViolationException('reason', 'is required when the answer is not now');
    await this.transactions.run(async () => {
      const match = await this.matches.findForEmployer(matchId, employerId, actor.organisationId, EMPLOYER_VISIBLE_STATUSES);
      if (!match) throw new NotFoundProblem('match');
      match.employerAnswer = input.answer;
      match.employerAnswerReason = reason;
      match.employerAnsweredAt = this.clock.now();
      match.employerAnsweredByUserId = actor.userId;
      await this.matches.save(match);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'match',
        resourceId: match.id,
        subjectParticipantId: match.participantId,
        fields: ['employerAnswer', ...(reason ? ['employerAnswerReason'] : [])],
      });
    });
  }

  // ---- For other capabilities (placements, portal pages) ----

  /** The (vacancy, participant) pairs that already have a match, as `vacancyId:participantId`, of one vacancy or one participant. */
  async proposedPairs(actor: Actor, where: { vacancyId: string } | { participantId: string }): Promise<Set<string>> {
    const rows = await this.matches.pairs(actor.organisationId, where);
    return new Set(rows.map((row) => `${row.vacancy_id}:${row.participant_id}`));
  }

  /** A participant's matches in the actor's organisation, newest first, with vacancy title and employer name. */
  participantMatches(actor: Actor, participantId: string): Promise<ParticipantMatchRow[]> {
    return this.matches.ofParticipant(participantId, actor.organisationId);
  }

  /** A match of the organisation (participant, employer, status), whatever the actor's caseload; null when there is none. */
  async findInOrganisation(
    organisationId: string,
    matchId: string,
  ): Promise<Pick<Match, 'id' | 'participantId' | 'employerId' | 'vacancyId' | 'status'> | null> {
    return this.matches.findInOrganisation(matchId, organisationId);
  }

  private async findVisible(actor: Actor, matchId: string, lock = false): Promise<Match> {
    const match = await this.matches.findVisible(matchId, actor.organisationId, this.policies.participantScope(actor, 'p'), lock);
    if (!match) throw new NotFoundProblem('match');
    return match;
  }

  private async event(actor: Actor, match: Match, from: MatchStatus | null, reason: string | null): Promise<void> {
    await this.matches.addEvent({
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
    displayScore: displayScore(match.score),
    trialSkippedReason: match.trialSkippedReason,
    version: match.version,
  };
}
