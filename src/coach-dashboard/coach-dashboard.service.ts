import { Transactions } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { localDate } from '../rules/calculations/working-days.js';
import { OPEN_HELP_STATUSES } from '../help-requests/help-request.constants.js';
import { CoachDashboardRepository, type ParticipantMatchRow, type ParticipantPlacementRow } from './coach-dashboard.repository.js';
import type { CoachTodayDto, TeamWorkloadDto, TodayCheckinDto } from './dto/coach-dashboard.dto.js';

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
        createdAt: row.createdAt.toISOString(),
        acknowledgeBy: row.acknowledgeBy.toISOString(),
        late: row.status === 'new' && row.acknowledgeBy.getTime() < now.getTime(),
        escalated: row.escalatedAt !== null,
      })),
      riskFlags: riskFlags.map(({ participantId: _participantId, raisedAt, lastContactAt, ...row }) => ({
        ...row,
        raisedAt: raisedAt?.toISOString() ?? null,
        lastContactAt: lastContactAt?.toISOString() ?? null,
      })),
      handovers: handovers.map(({ participantId: _participantId, startsAt, ...row }) => ({ ...row, startsAt: startsAt.toISOString() })),
    };
  }

  /** Per coach in the team lead's team: counts only, no participant data. */
  async teamWorkload(actor: Actor): Promise<TeamWorkloadDto> {
    if (!actor.teamId) return { teamId: null, coaches: [] };
    const today = localDate(this.clock.now());
    const coaches = await this.transactions.readFromReplica(() =>
      this.repository.teamWorkload(actor.organisationId, actor.teamId!, today, OPEN_HELP_STATUSES),
    );
    return { teamId: actor.teamId, coaches };
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
