import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../authorization/actor.js';
import { Clock } from '../common/clock/clock.js';
import { localDate } from '../common/working-days.js';
import { OPEN_HELP_STATUSES } from '../help-requests/help-request.constants.js';
import type { CoachTodayDto, CoachWorkloadDto, TeamWorkloadDto, TodayCheckinDto } from './dto/coach-dashboard.dto.js';

/** How far ahead the today view looks for check-ins and handovers. */
const CHECKIN_HORIZON_DAYS = 7;
const HANDOVER_HORIZON_DAYS = 14;
/** Placements that no longer need aftercare work. */
const ENDED_PLACEMENT = "('closed', 'dropped_out', 'no_match')";

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
    // Check-ins carry their coach (planned with the placement's, moved on reassignment), so the
    // (coach, status, due) index answers this without scanning the organisation's check-ins.
    const checkins: Array<TodayCheckinDto & { participantId: string }> = await this.dataSource.query(
      `SELECT c.id AS "checkinId", c.placement_id AS "placementId", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
              p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName", e.name AS "employerName",
              EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
         FROM checkin c
         JOIN placement pl ON pl.id = c.placement_id
         JOIN participant p ON p.id = pl.participant_id
         JOIN employer e ON e.id = pl.employer_id
        WHERE c.coach_membership_id = $2 AND c.organisation_id = $1
          AND c.status = 'planned' AND c.due_on <= $3::date + ${CHECKIN_HORIZON_DAYS}
          AND p.erased_at IS NULL AND pl.status NOT IN ${ENDED_PLACEMENT}
        ORDER BY c.due_on, "participantName", c.id`,
      [org, me, today],
    );
    const helpRequests: Array<{
      id: string;
      urgency: CoachTodayDto['helpRequests'][number]['urgency'];
      status: CoachTodayDto['helpRequests'][number]['status'];
      participantId: string | null;
      requesterName: string | null;
      createdAt: Date;
      acknowledgeBy: Date;
      escalatedAt: Date | null;
    }> = await this.dataSource.query(
      `SELECT hr.id, hr.urgency, hr.status, hr.participant_id AS "participantId", hr.created_at AS "createdAt",
              hr.acknowledge_by AS "acknowledgeBy", hr.escalated_at AS "escalatedAt",
              CASE WHEN hr.participant_id IS NOT NULL THEN p.first_name || ' ' || p.last_name ELSE u.display_name END AS "requesterName"
         FROM help_request hr
         JOIN user_account u ON u.id = hr.requester_user_id
         LEFT JOIN participant p ON p.id = hr.participant_id
        WHERE hr.organisation_id = $1 AND hr.assigned_membership_id = $2 AND hr.status = ANY($3)
        ORDER BY CASE hr.urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, hr.created_at, hr.id`,
      [org, me, OPEN_HELP_STATUSES],
    );
    const riskFlags: Array<{
      placementId: string;
      participantId: string;
      participantName: string;
      employerName: string;
      reasonCount: number;
      raisedAt: Date | null;
      lastContactAt: Date | null;
    }> = await this.dataSource.query(
      `SELECT pl.id AS "placementId", p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName", e.name AS "employerName",
                cardinality(pl.risk_flag_reasons) AS "reasonCount", pl.risk_flag_raised_at AS "raisedAt", pl.last_contact_at AS "lastContactAt"
           FROM placement pl
           JOIN participant p ON p.id = pl.participant_id
           JOIN employer e ON e.id = pl.employer_id
          WHERE pl.organisation_id = $1 AND pl.coach_membership_id = $2 AND cardinality(pl.risk_flag_reasons) > 0
            AND p.erased_at IS NULL AND pl.status NOT IN ${ENDED_PLACEMENT}
          ORDER BY pl.risk_flag_raised_at NULLS LAST, "participantName", pl.id`,
      [org, me],
    );
    const handovers: Array<{
      handoverMeetingId: string;
      placementId: string;
      participantId: string;
      participantName: string;
      employerName: string;
      startsAt: Date;
      participantConfirmed: boolean;
      employerConfirmed: boolean;
    }> = await this.dataSource.query(
      `SELECT hm.id AS "handoverMeetingId", pl.id AS "placementId", p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName",
                e.name AS "employerName", hm.starts_at AS "startsAt",
                hm.participant_confirmed_at IS NOT NULL AS "participantConfirmed", hm.employer_confirmed_at IS NOT NULL AS "employerConfirmed"
           FROM handover_meeting hm
           JOIN placement pl ON pl.id = hm.placement_id
           JOIN participant p ON p.id = pl.participant_id
           JOIN employer e ON e.id = pl.employer_id
          WHERE hm.organisation_id = $1 AND pl.coach_membership_id = $2 AND hm.status = 'scheduled' AND hm.completed_at IS NULL
            AND hm.starts_at >= $3 AND hm.starts_at < $3::timestamptz + interval '${HANDOVER_HORIZON_DAYS} days' AND p.erased_at IS NULL
          ORDER BY hm.starts_at, hm.id`,
      [org, me, now],
    );
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
