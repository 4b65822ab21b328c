import { Transactions } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { localDate } from '../rules/calculations/working-days.js';
import { OPEN_HELP_STATUSES } from '../help-requests/help-request.constants.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import {
  type CoachCaseRow,
  CoachDashboardRepository,
  type ParticipantMatchRow,
  type ParticipantPlacementRow,
} from './coach-dashboard.repository.js';
import type { CoachLoad, CoachTodayDto, CoachWorkloadDto, TeamWorkloadDto, TodayCheckinDto } from './dto/coach-dashboard.dto.js';

/** Above the limit, at 90% of it or more, or within it; overdue check-ins make a coach at least "near". */
function loadOf(coach: Omit<CoachWorkloadDto, 'load'>, limit: number | null): CoachLoad {
  if (limit !== null && coach.caseloadSize > limit) return 'over';
  if ((limit !== null && coach.caseloadSize >= Math.ceil(limit * 0.9)) || coach.overdueCheckins > 0 || coach.escalatedHelpRequests > 0)
    return 'near';
  return 'within';
}

/**
 * The coach's day (check-ins, help requests, risk flags, handovers on their
 * own caseload) and the team lead's workload overview. Names only: the
 * details are one click further, on screens with their own access checks.
 */
@Injectable()
export class CoachDashboardService {
  constructor(
    private readonly repository: CoachDashboardRepository,
    private readonly audit: AuditService,
    private readonly memberships: MembershipsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
    private readonly transactions: Transactions,
  ) {}

  async today(actor: Actor): Promise<CoachTodayDto> {
    const now = this.clock.now();
    const today = localDate(now);
    const org = actor.organisationId;
    const me = actor.membershipId;
    const { checkins, helpRequests, riskFlags, handovers } = await this.transactions.readFromReplica(async () => ({
      checkins: await this.repository.todayCheckins(org, me, today),
      helpRequests: await this.repository.todayHelpRequests(org, me, OPEN_HELP_STATUSES),
      riskFlags: await this.repository.todayRiskFlags(org, me),
      handovers: await this.repository.todayHandovers(org, me, now),
    }));
    const participants = new Set<string>([
      ...checkins.map((row) => row.participantId),
      ...helpRequests.flatMap((row) => (row.participantId ? [row.participantId] : [])),
      ...riskFlags.map((row) => row.participantId),
      ...handovers.map((row) => row.participantId),
    ]);
    await this.audit.record(
      actor,
      [...participants].map((participantId) => ({
        action: 'list' as const,
        resourceType: 'coach_today',
        subjectParticipantId: participantId,
        fields: ['name'],
      })),
    );
    const checkin = ({ participantId: _participantId, ...row }: TodayCheckinDto & { participantId: string }): TodayCheckinDto => row;
    return {
      today,
      checkins: {
        overdue: checkins.filter((row) => row.dueOn < today).map(checkin),
        dueToday: checkins.filter((row) => row.dueOn === today).map(checkin),
        upcoming: checkins.filter((row) => row.dueOn > today).map(checkin),
      },
      helpRequests: helpRequests.map((row) => ({
        id: row.id,
        urgency: row.urgency,
        status: row.status,
        requesterName: row.requesterName,
        requesterRole: row.requesterRole,
        category: row.category,
        employerName: row.requesterRole === 'employer_user' ? row.employerName : null,
        createdAt: row.createdAt.toISOString(),
        acknowledgeBy: row.acknowledgeBy.toISOString(),
        late: row.status === 'new' && row.acknowledgeBy.getTime() < now.getTime(),
        escalated: row.escalatedAt !== null,
      })),
      riskFlags: riskFlags.map(({ participantId: _participantId, raisedAt, lastContactAt, riskReasons, ...row }) => ({
        ...row,
        // The reason codes only ("lateness: repeated"): the free text stays on the placement.
        riskSignals: [...new Set(riskReasons.map((reason) => reason.split(':')[0]))],
        raisedAt: raisedAt?.toISOString() ?? null,
        lastContactAt: lastContactAt?.toISOString() ?? null,
      })),
      handovers: handovers.map(({ participantId: _participantId, startsAt, ...row }) => ({ ...row, startsAt: startsAt.toISOString() })),
    };
  }

  /** Per coach in the team lead's team: counts only, no participant data; each coach's caseload against the team's limit. */
  async teamWorkload(actor: Actor): Promise<TeamWorkloadDto> {
    if (!actor.teamId) return { teamId: null, caseloadLimit: null, coaches: [] };
    const today = localDate(this.clock.now());
    const limit = await this.organisations.caseloadLimit(actor.organisationId, actor.teamId);
    const coaches = await this.transactions.readFromReplica(() =>
      this.repository.teamWorkload(actor.organisationId, actor.teamId!, today, OPEN_HELP_STATUSES),
    );
    return { teamId: actor.teamId, caseloadLimit: limit, coaches: coaches.map((coach) => ({ ...coach, load: loadOf(coach, limit) })) };
  }

  /**
   * One coach's cases for their team lead: names, phase and what is open.
   * Only for a coach in the lead's own team (else 404); the read is in each participant's access log.
   */
  async coachCases(actor: Actor, membershipId: string): Promise<{ coach: CoachWorkloadDto; cases: CoachCaseRow[] }> {
    const workload = await this.teamWorkload(actor);
    const coach = workload.coaches.find((row) => row.membershipId === membershipId);
    if (!coach) throw new NotFoundProblem('membership');
    const cases = await this.repository.coachCases(actor.organisationId, membershipId, localDate(this.clock.now()), OPEN_HELP_STATUSES);
    await this.audit.record(
      actor,
      cases.map((row) => ({
        action: 'list' as const,
        resourceType: 'participant',
        resourceId: row.participantId,
        subjectParticipantId: row.participantId,
        fields: ['firstName', 'lastName'],
      })),
    );
    return { coach, cases };
  }

  /** The open placements of a participant that are still with this coach. */
  openPlacementsWithCoach(participantId: string, membershipId: string): Promise<string[]> {
    return this.repository.openPlacementsWithCoach(participantId, membershipId);
  }

  /** The caseload's phase per participant (their latest placement's status); the caseload page lists them by name already. */
  async phases(participantIds: string[]): Promise<Map<string, string>> {
    const rows = await this.repository.latestPlacementStatuses(participantIds);
    return new Map(rows.map((row) => [row.participant_id, row.status]));
  }

  /** The matches and placements on the coach's participant page; the read is in the participant's access log. */
  async participantWork(
    actor: Actor,
    participantId: string,
  ): Promise<{ matches: ParticipantMatchRow[]; placements: ParticipantPlacementRow[] }> {
    const matches = await this.repository.participantMatches(participantId, actor.organisationId);
    const placements = await this.repository.participantPlacements(participantId, actor.organisationId);
    await this.audit.record(actor, [
      { action: 'list', resourceType: 'match', subjectParticipantId: participantId },
      { action: 'list', resourceType: 'placement', subjectParticipantId: participantId },
    ]);
    return { matches, placements };
  }

  /** The participant's own coach (name, e-mail, phone) on the participant's home page. */
  async coachOf(participantId: string, organisationId: string): Promise<{ name: string; email: string; phone: string | null } | undefined> {
    const coach = await this.memberships.recipient(await this.repository.coachMembershipOf(participantId, organisationId));
    return coach ? { name: coach.displayName, email: coach.email, phone: coach.phone } : undefined;
  }
}
