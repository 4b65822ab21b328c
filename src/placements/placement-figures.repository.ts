import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** One placement as the outcome reports need it: dates, status and codes, no contact person or free text. */
export interface PlacementFigureRow {
  id: string;
  participantId: string;
  employerId: string;
  coachMembershipId: string | null;
  type: string;
  status: string;
  trialStart: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  closedOn: string | null;
  outflowTo: string | null;
  dropoutReason: string | null;
  riskFlaggedOn: string | null;
  riskFlagReasons: string[];
}

/** The outcome reports' read on `placement`. */
@Injectable()
export class PlacementFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async placements(organisationId: string): Promise<PlacementFigureRow[]> {
    const rows = await this.query<{
      id: string;
      participant_id: string;
      employer_id: string;
      coach: string | null;
      type: string;
      status: string;
      trial_start: string | null;
      contract_start: string | null;
      contract_end: string | null;
      closed_on: string | null;
      outflow_to: string | null;
      dropout_reason: string | null;
      risk_flagged_on: string | null;
      risk_flag_reasons: string[];
    }>(
      `SELECT id, participant_id, employer_id, coach_membership_id AS coach, type, status,
              trial_start::text, contract_start::text, contract_end::text, closed_on::text, outflow_to, dropout_reason,
              to_char(risk_flag_raised_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS risk_flagged_on, risk_flag_reasons
         FROM placement
        WHERE organisation_id = $1`,
      [organisationId],
    );
    return rows.map((row) => ({
      id: row.id,
      participantId: row.participant_id,
      employerId: row.employer_id,
      coachMembershipId: row.coach,
      type: row.type,
      status: row.status,
      trialStart: row.trial_start,
      contractStart: row.contract_start,
      contractEnd: row.contract_end,
      closedOn: row.closed_on,
      outflowTo: row.outflow_to,
      dropoutReason: row.dropout_reason,
      riskFlaggedOn: row.risk_flagged_on,
      riskFlagReasons: row.risk_flag_reasons ?? [],
    }));
  }
}
