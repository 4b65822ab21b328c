import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import type { PlacementFacts, RiskFinding } from '../rules/calculations/early-warning.js';

export type RiskResolution = 'condition_ended' | 'coach' | 'placement_ended';

export interface RiskRow {
  id: string;
  organisationId: string;
  placementId: string;
  participantId: string;
  rule: string;
  occurrence: string;
  details: Record<string, unknown>;
  reason: string;
  nextAction: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByUserId: string | null;
  actionTaken: string | null;
  actionNote: string | null;
  actionAt: Date | null;
  actionByUserId: string | null;
  resolvedAt: Date | null;
  resolvedByUserId: string | null;
  resolution: RiskResolution | null;
  /** Who saw it and who acted, by name, for the pages that show what followed. */
  acknowledgedByName: string | null;
  actionByName: string | null;
}

/** An open risk with the names that label it on the coach's and team lead's pages. */
export interface OpenRiskRow extends RiskRow {
  participantName: string;
  employerName: string;
  coachMembershipId: string | null;
}

export interface RiskOutcomeRow {
  rule: string;
  raised: number;
  acknowledged: number;
  actionTaken: number;
  resolvedByCoach: number;
  conditionEnded: number;
  placementEnded: number;
  open: number;
  medianHoursToAcknowledge: number | null;
}

export interface PlacementFactsRow extends PlacementFacts {
  id: string;
  organisationId: string;
  participantId: string;
}

const COLUMNS = `r.id, r.organisation_id AS "organisationId", r.placement_id AS "placementId", r.participant_id AS "participantId",
  r.rule, r.occurrence, r.details, r.reason, r.next_action AS "nextAction", r.raised_at AS "raisedAt",
  r.acknowledged_at AS "acknowledgedAt", r.acknowledged_by_user_id AS "acknowledgedByUserId",
  r.action_taken AS "actionTaken", r.action_note AS "actionNote", r.action_at AS "actionAt", r.action_by_user_id AS "actionByUserId",
  r.resolved_at AS "resolvedAt", r.resolved_by_user_id AS "resolvedByUserId", r.resolution,
  (SELECT u.display_name FROM user_account u WHERE u.id = r.acknowledged_by_user_id) AS "acknowledgedByName",
  (SELECT u.display_name FROM user_account u WHERE u.id = r.action_by_user_id) AS "actionByName"`;

/** Placements the early warning looks at: working ones, and ended ones that still have an open risk to close. */
const EVALUATED = `(p.status IN ('contract', 'aftercare') OR EXISTS (SELECT 1 FROM placement_risk r WHERE r.placement_id = p.id AND r.resolved_at IS NULL))`;

/**
 * Every statement on placement_risk. Reads placement, checkin and contact_log
 * (the facts the rules need), and participant, employer and user_account for names.
 */
@Injectable()
export class RisksRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** A page of placements to evaluate, by id. */
  async placementsToEvaluate(after: string, limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(`SELECT p.id FROM placement p WHERE p.id > $1 AND ${EVALUATED} ORDER BY p.id LIMIT $2`, [
      after,
      limit,
    ]);
    return rows.map((row) => row.id);
  }

  /** The facts of these placements: the placement itself, its check-ins and its contacts, in four reads. */
  async facts(placementIds: string[]): Promise<PlacementFactsRow[]> {
    if (placementIds.length === 0) return [];
    const placements = await this.query<{
      id: string;
      organisation_id: string;
      participant_id: string;
      status: string;
      contract_start: string | null;
      contract_end: string | null;
      hours_per_week: number | null;
      monitoring_frequency: string | null;
      opted_out: boolean;
    }>(
      `SELECT id, organisation_id, participant_id, status, to_char(contract_start, 'YYYY-MM-DD') AS contract_start,
              to_char(contract_end, 'YYYY-MM-DD') AS contract_end, hours_per_week::float8 AS hours_per_week, monitoring_frequency,
              participant_opted_out_at IS NOT NULL AS opted_out
         FROM placement WHERE id = ANY($1)`,
      [placementIds],
    );
    const checkins = await this.query<{ placement_id: string; id: string; due_on: string; status: string }>(
      `SELECT placement_id, id, to_char(due_on, 'YYYY-MM-DD') AS due_on, status FROM checkin
        WHERE placement_id = ANY($1) AND status <> 'cancelled' ORDER BY placement_id, due_on, id`,
      [placementIds],
    );
    const contacts = await this.query<{ placement_id: string; last_on: string; renewal_talks: string[] }>(
      `SELECT placement_id, to_char(max(at AT TIME ZONE 'Europe/Amsterdam'), 'YYYY-MM-DD') AS last_on,
              coalesce(array_agg(DISTINCT to_char(contract_end_on, 'YYYY-MM-DD')) FILTER (WHERE topic = 'renewal_talk'), '{}') AS renewal_talks
         FROM contact_log WHERE placement_id = ANY($1) GROUP BY placement_id`,
      [placementIds],
    );
    const contactsOf = new Map(contacts.map((row) => [row.placement_id, row]));
    return placements.map((row) => {
      const own = checkins.filter((checkin) => checkin.placement_id === row.id);
      return {
        id: row.id,
        organisationId: row.organisation_id,
        participantId: row.participant_id,
        status: row.status,
        contractStart: row.contract_start,
        contractEnd: row.contract_end,
        hoursPerWeek: row.hours_per_week,
        monitoringFrequency: row.monitoring_frequency,
        optedOutOfContact: row.opted_out,
        settledCheckins: own
          .filter((checkin) => checkin.status === 'done' || checkin.status === 'missed')
          .map((checkin) => ({ id: checkin.id, dueOn: checkin.due_on, status: checkin.status as 'done' | 'missed' })),
        plannedContactDates: own.map((checkin) => checkin.due_on),
        lastContactOn: contactsOf.get(row.id)?.last_on ?? null,
        renewalTalksFor: contactsOf.get(row.id)?.renewal_talks ?? [],
        // Another capability's fact: EarlyWarningService fills it in through the surveys service.
        latestSatisfaction: null,
      };
    });
  }

  /** Every risk ever raised on these placements (open and resolved): an occurrence is raised once. */
  forPlacements(placementIds: string[]): Promise<RiskRow[]> {
    if (placementIds.length === 0) return Promise.resolve([]);
    return this.query<RiskRow>(`SELECT ${COLUMNS} FROM placement_risk r WHERE r.placement_id = ANY($1) ORDER BY r.raised_at, r.id`, [
      placementIds,
    ]);
  }

  /** Raises a risk unless its occurrence was raised before (a job running twice raises nothing new). */
  async raise(placement: { id: string; organisationId: string; participantId: string }, finding: RiskFinding, at: Date): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO placement_risk (organisation_id, placement_id, participant_id, rule, occurrence, details, reason, next_action, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (placement_id, rule, occurrence) DO NOTHING RETURNING id`,
      [
        placement.organisationId,
        placement.id,
        placement.participantId,
        finding.rule,
        finding.occurrence,
        JSON.stringify(finding.details),
        finding.reason,
        finding.nextAction,
        at,
      ],
    );
    return rows.length > 0;
  }

  async resolve(ids: string[], resolution: RiskResolution, at: Date, userId: string | null = null): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.query(
      `UPDATE placement_risk SET resolved_at = $2, resolution = $3, resolved_by_user_id = $4
        WHERE id = ANY($1) AND resolved_at IS NULL RETURNING id`,
      [ids, at, resolution, userId],
    );
    return affectedRows(result);
  }

  /** Row lock on one risk of a placement in the organisation: call inside a transaction. */
  async lock(riskId: string, placementId: string, organisationId: string): Promise<RiskRow | undefined> {
    const [row] = await this.query<RiskRow>(
      `SELECT ${COLUMNS} FROM placement_risk r WHERE r.id = $1 AND r.placement_id = $2 AND r.organisation_id = $3 FOR UPDATE`,
      [riskId, placementId, organisationId],
    );
    return row;
  }

  async writeFollowUp(
    riskId: string,
    values: Pick<RiskRow, 'acknowledgedAt' | 'acknowledgedByUserId' | 'actionTaken' | 'actionNote' | 'actionAt' | 'actionByUserId'>,
  ): Promise<void> {
    await this.query(
      `UPDATE placement_risk SET acknowledged_at = $2, acknowledged_by_user_id = $3, action_taken = $4, action_note = $5,
              action_at = $6, action_by_user_id = $7 WHERE id = $1`,
      [
        riskId,
        values.acknowledgedAt,
        values.acknowledgedByUserId,
        values.actionTaken,
        values.actionNote,
        values.actionAt,
        values.actionByUserId,
      ],
    );
  }

  /**
   * Open risks on placements of one coach, or of every coach in a team (the
   * lead's own placements too), with participant and employer names.
   */
  open(
    organisationId: string,
    scope: { coachMembershipId: string } | { teamId: string; leadMembershipId: string },
  ): Promise<OpenRiskRow[]> {
    const byCoach = 'coachMembershipId' in scope;
    const filter = byCoach
      ? 'pl.coach_membership_id = $2'
      : 'pl.coach_membership_id IN (SELECT m.id FROM membership m WHERE m.organisation_id = $1 AND (m.team_id = $2 OR m.id = $3))';
    const params = byCoach ? [organisationId, scope.coachMembershipId] : [organisationId, scope.teamId, scope.leadMembershipId];
    return this.query<OpenRiskRow>(
      `SELECT ${COLUMNS}, pa.first_name || ' ' || pa.last_name AS "participantName", e.name AS "employerName",
              pl.coach_membership_id AS "coachMembershipId"
         FROM placement_risk r
         JOIN placement pl ON pl.id = r.placement_id
         JOIN participant pa ON pa.id = r.participant_id
         JOIN employer e ON e.id = pl.employer_id
        WHERE r.organisation_id = $1 AND r.resolved_at IS NULL AND pa.erased_at IS NULL AND ${filter}
        ORDER BY r.raised_at, "participantName", r.id`,
      params,
    );
  }

  /** Every risk of one placement of the organisation, newest first. */
  forPlacement(placementId: string, organisationId: string): Promise<RiskRow[]> {
    return this.query<RiskRow>(
      `SELECT ${COLUMNS} FROM placement_risk r WHERE r.placement_id = $1 AND r.organisation_id = $2 ORDER BY r.raised_at DESC, r.id`,
      [placementId, organisationId],
    );
  }

  /** Per rule: risks raised in the period and what followed them (for the report on aftercare delivery). */
  outcomes(organisationId: string, from: string, to: string): Promise<RiskOutcomeRow[]> {
    return this.query<RiskOutcomeRow>(
      `SELECT rule, count(*)::int AS raised,
              count(acknowledged_at)::int AS acknowledged,
              count(action_at)::int AS "actionTaken",
              count(*) FILTER (WHERE resolution = 'coach')::int AS "resolvedByCoach",
              count(*) FILTER (WHERE resolution = 'condition_ended')::int AS "conditionEnded",
              count(*) FILTER (WHERE resolution = 'placement_ended')::int AS "placementEnded",
              count(*) FILTER (WHERE resolved_at IS NULL)::int AS open,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at) / 3600)
                FILTER (WHERE acknowledged_at IS NOT NULL) AS "medianHoursToAcknowledge"
         FROM placement_risk
        WHERE organisation_id = $1 AND raised_at >= ($2::date AT TIME ZONE 'Europe/Amsterdam')
          AND raised_at < (($3::date + 1) AT TIME ZONE 'Europe/Amsterdam')
        GROUP BY rule ORDER BY rule`,
      [organisationId, from, to],
    );
  }

  // ---- privacy

  exportForParticipant(participantId: string, organisationId: string): Promise<Array<Record<string, unknown>>> {
    return this.query(
      `SELECT placement_id AS "placementId", rule, reason, next_action AS "nextAction", raised_at AS "raisedAt",
              acknowledged_at AS "acknowledgedAt", action_taken AS "actionTaken", action_note AS "actionNote", action_at AS "actionAt",
              resolved_at AS "resolvedAt", resolution
         FROM placement_risk WHERE participant_id = $1 AND organisation_id = $2 ORDER BY raised_at, id`,
      [participantId, organisationId],
    );
  }

  /** Erasure: the coach's note goes; rule, dates, counts and what followed stay for the report on risks and what followed. */
  async anonymiseForParticipant(participantId: string): Promise<number> {
    const result = await this.query(
      'UPDATE placement_risk SET action_note = NULL WHERE participant_id = $1 AND action_note IS NOT NULL RETURNING id',
      [participantId],
    );
    return affectedRows(result);
  }
}
