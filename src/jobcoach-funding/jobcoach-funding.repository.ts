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

/** Every statement on jobcoach_grant and jobcoach_hours. */
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
