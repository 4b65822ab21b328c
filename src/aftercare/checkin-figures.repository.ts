import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** Check-ins of one coach in one month, by what became of them. */
export interface CheckinMonthRow {
  coachMembershipId: string | null;
  /** 'YYYY-MM' of the due date. */
  month: string;
  planned: number;
  held: number;
  missed: number;
  /** Still planned, with the due date passed: neither held nor marked missed. */
  overdue: number;
}

/** The outcome reports' read on `checkin`: counts per coach and month, nothing of what was said. */
@Injectable()
export class CheckinFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async byCoachAndMonth(
    organisationId: string,
    from: string,
    to: string,
    today: string,
    placementIds: readonly string[] | null,
  ): Promise<CheckinMonthRow[]> {
    const rows = await this.query<{ coach: string | null; month: string; planned: number; held: number; missed: number; overdue: number }>(
      `SELECT coach_membership_id AS coach, to_char(due_on, 'YYYY-MM') AS month,
              count(*)::int AS planned,
              count(*) FILTER (WHERE status = 'done')::int AS held,
              count(*) FILTER (WHERE status = 'missed')::int AS missed,
              count(*) FILTER (WHERE status = 'planned' AND due_on < $4::date)::int AS overdue
         FROM checkin
        WHERE organisation_id = $1 AND due_on BETWEEN $2::date AND $3::date AND status <> 'cancelled'
          AND ($5::uuid[] IS NULL OR placement_id = ANY($5::uuid[]))
        GROUP BY 1, 2
        ORDER BY 2, 1`,
      [organisationId, from, to, today, placementIds],
    );
    return rows.map((row) => ({
      coachMembershipId: row.coach,
      month: row.month,
      planned: row.planned,
      held: row.held,
      missed: row.missed,
      overdue: row.overdue,
    }));
  }
}
