import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import type { JobcoachGrantStatus, JobcoachWarning } from './entities/jobcoach.entities.js';

const GRANT_COLUMNS = `g.id, g.placement_id, g.status, g.requested_on::text AS requested_on, g.decided_on::text AS decided_on, g.reason,
  g.period_start::text AS period_start, g.period_end::text AS period_end, g.hours_granted, g.warnings,
  (SELECT COALESCE(SUM(h.hours), 0) FROM jobcoach_hours h WHERE h.grant_id = g.id) AS hours_used`;

/** Written over justifications on erasure: the column must hold at least 10 characters. */
const ERASED_JUSTIFICATION = '[verwijderd]';

export interface GrantRow {
  id: string;
  placement_id: string;
  status: JobcoachGrantStatus;
  requested_on: string;
  decided_on: string | null;
  reason: string | null;
  period_start: string;
  period_end: string;
  hours_granted: string | null;
  warnings: JobcoachWarning[];
  hours_used: string;
}

export interface HoursRow {
  id: string;
  grant_id: string;
  worked_on: string;
  hours: string;
  justification: string;
}

export interface NewGrant {
  organisationId: string;
  placementId: string;
  requestedOn: string;
  periodStart: string;
  periodEnd: string;
  warnings: JobcoachWarning[];
  requestedByUserId: string;
}

export interface GrantDecision {
  status: JobcoachGrantStatus;
  decidedOn: string;
  reason: string | null;
  hoursGranted: number | null;
  periodStart: string;
  periodEnd: string;
}

export interface NewHours {
  organisationId: string;
  grantId: string;
  workedOn: string;
  hours: number;
  justification: string;
  registeredByUserId: string;
}

export interface LinkRow {
  hours_id: string;
  goal_id: string | null;
  handover_meeting_id: string | null;
  agreement_item: string | null;
}

export interface PlacementHoursRow extends HoursRow {
  period_start: string;
  period_end: string;
}

/** Every statement on jobcoach_grant, jobcoach_hours and jobcoach_hours_link. */
@Injectable()
export class JobcoachFundingRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async insertGrant(grant: NewGrant): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO jobcoach_grant (organisation_id, placement_id, status, requested_on, period_start, period_end, warnings, requested_by_user_id)
         VALUES ($1, $2, 'requested', $3, $4, $5, $6::jsonb, $7) RETURNING id`,
      [
        grant.organisationId,
        grant.placementId,
        grant.requestedOn,
        grant.periodStart,
        grant.periodEnd,
        JSON.stringify(grant.warnings),
        grant.requestedByUserId,
      ],
    );
    return row!.id;
  }

  async decideGrant(grantId: string, decision: GrantDecision): Promise<void> {
    await this.query(
      `UPDATE jobcoach_grant SET status = $2, decided_on = $3, reason = $4, hours_granted = $5, period_start = $6, period_end = $7, updated_at = now()
          WHERE id = $1`,
      [grantId, decision.status, decision.decidedOn, decision.reason, decision.hoursGranted, decision.periodStart, decision.periodEnd],
    );
  }

  grantsOf(placementId: string, organisationId: string): Promise<GrantRow[]> {
    return this.query<GrantRow>(
      `SELECT ${GRANT_COLUMNS} FROM jobcoach_grant g WHERE g.placement_id = $1 AND g.organisation_id = $2 ORDER BY g.period_start, g.created_at`,
      [placementId, organisationId],
    );
  }

  /**
   * One grant with the hours used. With `lock`, the grant row is locked first (inside a transaction);
   * the aggregate then reads the hours committed before the lock was granted.
   */
  async grant(grantId: string, placementId: string, organisationId: string, lock = false): Promise<GrantRow | null> {
    if (lock) {
      const locked = await this.query(
        'SELECT id FROM jobcoach_grant WHERE id = $1 AND placement_id = $2 AND organisation_id = $3 FOR UPDATE',
        [grantId, placementId, organisationId],
      );
      if (locked.length === 0) return null;
    }
    const [row] = await this.query<GrantRow>(
      `SELECT ${GRANT_COLUMNS} FROM jobcoach_grant g WHERE g.id = $1 AND g.placement_id = $2 AND g.organisation_id = $3`,
      [grantId, placementId, organisationId],
    );
    return row ?? null;
  }

  /** The periods of the placement's grants that count (not refused), except one. */
  otherPeriods(placementId: string, exceptGrantId: string | null): Promise<Array<{ period_start: string; period_end: string }>> {
    return this.query(
      `SELECT period_start::text AS period_start, period_end::text AS period_end FROM jobcoach_grant
        WHERE placement_id = $1 AND status <> 'refused' AND ($2::uuid IS NULL OR id <> $2) ORDER BY period_start`,
      [placementId, exceptGrantId],
    );
  }

  async insertHours(hours: NewHours): Promise<HoursRow> {
    const [row] = await this.query<HoursRow>(
      `INSERT INTO jobcoach_hours (organisation_id, grant_id, worked_on, hours, justification, registered_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, grant_id, worked_on::text AS worked_on, hours, justification`,
      [hours.organisationId, hours.grantId, hours.workedOn, hours.hours, hours.justification, hours.registeredByUserId],
    );
    return row!;
  }

  /** Links the hours to the goals and agreements they served (validated by the service). */
  async insertLinks(
    organisationId: string,
    hoursId: string,
    goalIds: readonly string[],
    agreements: ReadonlyArray<{ handoverId: string; item: string }>,
  ): Promise<void> {
    if (goalIds.length > 0) {
      await this.query(`INSERT INTO jobcoach_hours_link (organisation_id, hours_id, goal_id) SELECT $1, $2, unnest($3::uuid[])`, [
        organisationId,
        hoursId,
        goalIds,
      ]);
    }
    if (agreements.length > 0) {
      await this.query(
        `INSERT INTO jobcoach_hours_link (organisation_id, hours_id, handover_meeting_id, agreement_item)
           SELECT $1, $2, meeting, item FROM unnest($3::uuid[], $4::text[]) AS a(meeting, item)`,
        [organisationId, hoursId, agreements.map((a) => a.handoverId), agreements.map((a) => a.item)],
      );
    }
  }

  /** One hour of a grant, with its row lock (inside a transaction). */
  async hoursRowForUpdate(hoursId: string, grantId: string): Promise<HoursRow | null> {
    const [row] = await this.query<HoursRow>(
      'SELECT id, grant_id, worked_on::text AS worked_on, hours, justification FROM jobcoach_hours WHERE id = $1 AND grant_id = $2 FOR UPDATE',
      [hoursId, grantId],
    );
    return row ?? null;
  }

  linksOf(hoursIds: readonly string[], organisationId: string): Promise<LinkRow[]> {
    if (hoursIds.length === 0) return Promise.resolve([]);
    return this.query<LinkRow>(
      `SELECT hours_id, goal_id, handover_meeting_id, agreement_item FROM jobcoach_hours_link
        WHERE hours_id = ANY($1::uuid[]) AND organisation_id = $2 ORDER BY goal_id IS NULL, created_at, id`,
      [hoursIds, organisationId],
    );
  }

  /** Every hour under the placement's grants, oldest first, with its grant period: the logbook. */
  hoursOfPlacement(placementId: string, organisationId: string): Promise<PlacementHoursRow[]> {
    return this.query<PlacementHoursRow>(
      `SELECT h.id, h.grant_id, h.worked_on::text AS worked_on, h.hours, h.justification,
              g.period_start::text AS period_start, g.period_end::text AS period_end
         FROM jobcoach_hours h JOIN jobcoach_grant g ON g.id = h.grant_id
        WHERE g.placement_id = $1 AND g.organisation_id = $2
        ORDER BY h.worked_on, h.created_at, h.id`,
      [placementId, organisationId],
    );
  }

  /** Hours under the placement's granted periods that ended before a date and are linked to nothing. */
  async unlinkedHoursBefore(placementId: string, before: string): Promise<{ entries: number; hours: string }> {
    const [row] = await this.query<{ entries: number; hours: string }>(
      `SELECT COUNT(*)::int AS entries, COALESCE(SUM(h.hours), 0) AS hours
         FROM jobcoach_hours h JOIN jobcoach_grant g ON g.id = h.grant_id
        WHERE g.placement_id = $1 AND g.status = 'granted' AND g.period_start < $2
          AND NOT EXISTS (SELECT 1 FROM jobcoach_hours_link l WHERE l.hours_id = h.id)`,
      [placementId, before],
    );
    return row!;
  }

  /** The participant's grants, hours and links as stored, for their data export. */
  async exportRows(participantId: string, organisationId: string): Promise<Record<string, unknown[]>> {
    const params = [participantId, organisationId];
    const grants = `SELECT g.id FROM jobcoach_grant g JOIN placement p ON p.id = g.placement_id WHERE p.participant_id = $1 AND g.organisation_id = $2`;
    return {
      grants: await this.query(
        `SELECT id, placement_id, status, requested_on::text AS requested_on, decided_on::text AS decided_on, reason,
                period_start::text AS period_start, period_end::text AS period_end, hours_granted, warnings
           FROM jobcoach_grant WHERE id IN (${grants}) ORDER BY period_start`,
        params,
      ),
      hours: await this.query(
        `SELECT id, grant_id, worked_on::text AS worked_on, hours, justification FROM jobcoach_hours
          WHERE grant_id IN (${grants}) ORDER BY worked_on, created_at`,
        params,
      ),
      links: await this.query(
        `SELECT l.hours_id, l.goal_id, l.handover_meeting_id, l.agreement_item FROM jobcoach_hours_link l
           JOIN jobcoach_hours h ON h.id = l.hours_id WHERE h.grant_id IN (${grants}) ORDER BY l.hours_id, l.goal_id IS NULL, l.created_at, l.id`,
        params,
      ),
    };
  }

  hoursOf(grantId: string): Promise<HoursRow[]> {
    return this.query<HoursRow>(
      'SELECT id, grant_id, worked_on::text AS worked_on, hours, justification FROM jobcoach_hours WHERE grant_id = $1 ORDER BY worked_on, created_at, id',
      [grantId],
    );
  }

  /** Erasure: the decisions and hours stay for UWV's accounts; the refusal reason, the warnings and the justifications go. */
  async anonymiseGrantsOfParticipant(participantId: string): Promise<number> {
    const result = await this.query(
      `UPDATE jobcoach_grant SET reason = NULL, warnings = '[]'::jsonb, updated_at = now()
        WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1)`,
      [participantId],
    );
    return affectedRows(result);
  }

  async anonymiseHoursOfParticipant(participantId: string): Promise<number> {
    const result = await this.query(
      `UPDATE jobcoach_hours SET justification = $2
        WHERE grant_id IN (SELECT g.id FROM jobcoach_grant g JOIN placement p ON p.id = g.placement_id WHERE p.participant_id = $1)`,
      [participantId, ERASED_JUSTIFICATION],
    );
    return affectedRows(result);
  }
}
