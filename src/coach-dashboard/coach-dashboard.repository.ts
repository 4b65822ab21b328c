import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import type { MatchStatus } from '../matching/entities/match.entity.js';
import {
  ENDED_PLACEMENT,
  TODAY_CHECKINS_SQL,
  TODAY_HANDOVERS_SQL,
  TODAY_HELP_REQUESTS_SQL,
  TODAY_RISK_FLAGS_SQL,
} from './coach-dashboard.sql.js';
import type { CoachTodayDto, CoachWorkloadDto, TodayCheckinDto } from './dto/coach-dashboard.dto.js';

export interface TodayHelpRequestRow {
  id: string;
  urgency: CoachTodayDto['helpRequests'][number]['urgency'];
  status: CoachTodayDto['helpRequests'][number]['status'];
  participantId: string | null;
  requesterName: string | null;
  requesterRole: 'participant' | 'employer_user';
  category: string;
  employerName: string | null;
  createdAt: Date;
  acknowledgeBy: Date;
  escalatedAt: Date | null;
}

export interface TodayRiskFlagRow {
  placementId: string;
  participantId: string;
  participantName: string;
  employerName: string;
  reasonCount: number;
  riskReasons: string[];
  raisedAt: Date | null;
  lastContactAt: Date | null;
  lastSignals: string[];
  lastCheckinOn: string | null;
}

export interface TodayHandoverRow {
  handoverMeetingId: string;
  placementId: string;
  participantId: string;
  participantName: string;
  employerName: string;
  startsAt: Date;
  participantConfirmed: boolean;
  employerConfirmed: boolean;
}

export interface CoachCaseRow {
  participantId: string;
  participantName: string;
  phase: string | null;
  employerName: string | null;
  overdueCheckins: number;
  openHelpRequests: number;
}

export interface ParticipantMatchRow {
  id: string;
  status: MatchStatus;
  score: number | null;
  vacancy_id: string;
  title: string;
  employer: string;
  employer_id: string;
  /** The employer's answer to the introduction: interested, invite, not_now; null before it answers. */
  employer_answer: 'interested' | 'invite' | 'not_now' | null;
  employer_answer_reason: string | null;
  employer_answered_at: Date | null;
}

export interface ParticipantPlacementRow {
  id: string;
  status: string;
  employer: string;
  match_id: string | null;
  trial_start: string | null;
  contract_start: string | null;
  created_at: Date;
}

/**
 * The coach's read models. Owns no table: reads checkin, checkin_preparation,
 * handover_meeting, placement, participant, employer, vacancy, match,
 * help_request, membership and user_account, and writes nothing.
 */
@Injectable()
export class CoachDashboardRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  todayCheckins(organisationId: string, membershipId: string, today: string): Promise<Array<TodayCheckinDto & { participantId: string }>> {
    return this.query(TODAY_CHECKINS_SQL, [organisationId, membershipId, today]);
  }

  todayHelpRequests(organisationId: string, membershipId: string, statuses: readonly string[]): Promise<TodayHelpRequestRow[]> {
    return this.query(TODAY_HELP_REQUESTS_SQL, [organisationId, membershipId, statuses]);
  }

  todayRiskFlags(organisationId: string, membershipId: string): Promise<TodayRiskFlagRow[]> {
    return this.query(TODAY_RISK_FLAGS_SQL, [organisationId, membershipId]);
  }

  todayHandovers(organisationId: string, membershipId: string, now: Date): Promise<TodayHandoverRow[]> {
    return this.query(TODAY_HANDOVERS_SQL, [organisationId, membershipId, now]);
  }

  teamWorkload(
    organisationId: string,
    teamId: string,
    today: string,
    openStatuses: readonly string[],
  ): Promise<Array<Omit<CoachWorkloadDto, 'load'>>> {
    return this.query(
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
      [organisationId, teamId, today, openStatuses],
    );
  }

  /** One coach's participants with what needs attention: latest placement, overdue check-ins, open help requests. */
  coachCases(organisationId: string, membershipId: string, today: string, openStatuses: readonly string[]): Promise<CoachCaseRow[]> {
    return this.query(
      `SELECT p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName",
              lp.status AS phase, lp.employer AS "employerName",
              (SELECT count(*) FROM checkin c JOIN placement pl ON pl.id = c.placement_id
                WHERE pl.participant_id = p.id AND c.organisation_id = $1 AND c.status = 'planned' AND c.due_on < $3::date
                  AND pl.status NOT IN ${ENDED_PLACEMENT})::int AS "overdueCheckins",
              (SELECT count(*) FROM help_request hr WHERE hr.participant_id = p.id AND hr.organisation_id = $1 AND hr.status = ANY($4))::int AS "openHelpRequests"
         FROM participant p
         LEFT JOIN LATERAL (SELECT pl.status, e.name AS employer FROM placement pl JOIN employer e ON e.id = pl.employer_id
                             WHERE pl.participant_id = p.id ORDER BY pl.created_at DESC LIMIT 1) lp ON true
        WHERE p.organisation_id = $1 AND p.coach_membership_id = $2 AND p.erased_at IS NULL
        ORDER BY p.last_name, p.first_name, p.id`,
      [organisationId, membershipId, today, openStatuses],
    );
  }

  /** Open placements of a participant still with this coach (to hand over with the participant). */
  async openPlacementsWithCoach(participantId: string, membershipId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM placement WHERE participant_id = $1 AND coach_membership_id = $2 AND status NOT IN ${ENDED_PLACEMENT} ORDER BY created_at`,
      [participantId, membershipId],
    );
    return rows.map((row) => row.id);
  }

  /** The caseload's phase column: each participant's latest placement status. */
  latestPlacementStatuses(participantIds: string[]): Promise<Array<{ participant_id: string; status: string }>> {
    if (participantIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT DISTINCT ON (participant_id) participant_id, status FROM placement WHERE participant_id = ANY($1) ORDER BY participant_id, created_at DESC`,
      [participantIds],
    );
  }

  participantMatches(participantId: string, organisationId: string): Promise<ParticipantMatchRow[]> {
    return this.query(
      `SELECT m.id, m.status, m.score::float8 AS score, m.vacancy_id, v.title, e.name AS employer, m.employer_id,
              m.employer_answer, m.employer_answer_reason, m.employer_answered_at
           FROM match m JOIN vacancy v ON v.id = m.vacancy_id JOIN employer e ON e.id = m.employer_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2 ORDER BY m.created_at DESC`,
      [participantId, organisationId],
    );
  }

  participantPlacements(participantId: string, organisationId: string): Promise<ParticipantPlacementRow[]> {
    return this.query(
      `SELECT pl.id, pl.status, e.name AS employer, pl.match_id, to_char(pl.trial_start, 'YYYY-MM-DD') AS trial_start,
                to_char(pl.contract_start, 'YYYY-MM-DD') AS contract_start, pl.created_at
           FROM placement pl JOIN employer e ON e.id = pl.employer_id
          WHERE pl.participant_id = $1 AND pl.organisation_id = $2 ORDER BY pl.created_at DESC`,
      [participantId, organisationId],
    );
  }

  /** The membership of the participant's own coach, for the participant's home page. */
  async coachMembershipOf(participantId: string, organisationId: string): Promise<string | null> {
    const [row] = await this.query<{ coach_membership_id: string | null }>(
      'SELECT p.coach_membership_id FROM participant p WHERE p.id = $1 AND p.organisation_id = $2 AND p.erased_at IS NULL',
      [participantId, organisationId],
    );
    return row?.coach_membership_id ?? null;
  }
}
