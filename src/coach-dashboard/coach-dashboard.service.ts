import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { localDate } from '../rules/calculations/working-days.js';
import { OPEN_HELP_STATUSES } from '../help-requests/help-request.constants.js';
import {
  ENDED_PLACEMENT,
  TODAY_CHECKINS_SQL,
  TODAY_HANDOVERS_SQL,
  TODAY_HELP_REQUESTS_SQL,
  TODAY_RISK_FLAGS_SQL,
} from './coach-dashboard.sql.js';
import type { CoachTodayDto, CoachWorkloadDto, TeamWorkloadDto, TodayCheckinDto } from './dto/coach-dashboard.dto.js';

/**
 * The coach's day (check-ins, help requests, risk flags, handovers on their
 * own caseload) and the team lead's workload overview. Names only: the
 * details are one click further, on screens with their own access checks.
 */
@Injectable()
export class CoachDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async today(actor: Actor): Promise<CoachTodayDto> {
    const now = this.clock.now();
    const today = localDate(now);
    const org = actor.organisationId;
    const me = actor.membershipId;
    const checkins: Array<TodayCheckinDto & { participantId: string }> = await this.dataSource.query(TODAY_CHECKINS_SQL, [org, me, today]);
    const helpRequests: Array<{
      id: string;
      urgency: CoachTodayDto['helpRequests'][number]['urgency'];
      status: CoachTodayDto['helpRequests'][number]['status'];
      participantId: string | null;
      requesterName: string | null;
      createdAt: Date;
      acknowledgeBy: Date;
      escalatedAt: Date | null;
    }> = await this.dataSource.query(TODAY_HELP_REQUESTS_SQL, [org, me, OPEN_HELP_STATUSES]);
    const riskFlags: Array<{
      placementId: string;
      participantId: string;
      participantName: string;
      employerName: string;
      reasonCount: number;
      raisedAt: Date | null;
      lastContactAt: Date | null;
    }> = await this.dataSource.query(TODAY_RISK_FLAGS_SQL, [org, me]);
    const handovers: Array<{
      handoverMeetingId: string;
      placementId: string;
      participantId: string;
      participantName: string;
      employerName: string;
      startsAt: Date;
      participantConfirmed: boolean;
      employerConfirmed: boolean;
    }> = await this.dataSource.query(TODAY_HANDOVERS_SQL, [org, me, now]);
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
    const coaches: CoachWorkloadDto[] = await this.dataSource.query(
      `SELECT m.id AS "membershipId", u.display_name AS name, m.role, to_char(m.absent_until, 'YYYY-MM-DD') AS "absentUntil",
              (SELECT count(*) FROM participant p WHERE p.organisation_id = $1 AND p.coach_membership_id = m.id AND p.erased_at IS NULL)::int AS "caseloadSize",
              (SELECT count(*) FROM placement pl WHERE pl.organisation_id = $1 AND pl.coach_membership_id = m.id AND pl.status = 'aftercare')::int AS "placementsInAftercare",
              (SELECT count(*) FROM checkin c JOIN placement pl ON pl.id = c.placement_id
                WHERE c.coach_membership_id = m.id AND c.organisation_id = $1
                  AND c.status = 'planned' AND c.due_on < $3::date AND pl.status NOT IN ${ENDED_PLACEMENT})::int AS "overdueCheckins",
              (SELECT count(*) FROM help_request hr WHERE hr.organisation_id = $1 AND hr.assigned_membership_id = m.id AND hr.status = ANY($4))::int AS "openHelpRequests",
              (SELECT count(*) FROM help_request hr WHERE hr.organisation_id = $1 AND hr.assigned_membership_id = m.id AND hr.status = ANY($4)
                  AND hr.escalated_at IS NOT NULL)::int AS "escalatedHelpRequests"
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.team_id = $2 AND m.role IN ('jobcoach', 'team_lead') AND m.status = 'active'
        ORDER BY u.display_name, m.id`,
      [actor.organisationId, actor.teamId, today, OPEN_HELP_STATUSES],
    );
    return { teamId: actor.teamId, coaches };
  }
}
