import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** Participants' help requests of one month: how quickly the first contact came, against the working-day deadline. */
export interface HelpRequestMonthRow {
  month: string;
  requests: number;
  /** First contact (acknowledged) by the deadline. */
  inTime: number;
  /** First contact after the deadline. */
  late: number;
  /** No first contact yet, and the deadline has passed. */
  openPastDeadline: number;
  escalated: number;
  /** Median hours from the request to the first contact, over the acknowledged ones. */
  medianHoursToContact: number | null;
}

/** The outcome reports' read on `help_request`: counts and times, never a body or a name. */
@Injectable()
export class HelpRequestFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async byMonth(
    organisationId: string,
    from: string,
    to: string,
    now: Date,
    participantIds: readonly string[] | null,
  ): Promise<HelpRequestMonthRow[]> {
    const rows = await this.query<{
      month: string;
      requests: number;
      in_time: number;
      late: number;
      open_past: number;
      escalated: number;
      median_hours: string | null;
    }>(
      `SELECT to_char(created_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
              count(*)::int AS requests,
              count(*) FILTER (WHERE acknowledged_at IS NOT NULL AND acknowledged_at <= acknowledge_by)::int AS in_time,
              count(*) FILTER (WHERE acknowledged_at > acknowledge_by)::int AS late,
              count(*) FILTER (WHERE acknowledged_at IS NULL AND acknowledge_by < $4)::int AS open_past,
              count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at) / 3600)
                FILTER (WHERE acknowledged_at IS NOT NULL) AS median_hours
         FROM help_request
        WHERE organisation_id = $1 AND participant_id IS NOT NULL
          AND created_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND ($5::uuid[] IS NULL OR participant_id = ANY($5::uuid[]))
        GROUP BY 1
        ORDER BY 1`,
      [organisationId, from, to, now, participantIds],
    );
    return rows.map((row) => ({
      month: row.month,
      requests: row.requests,
      inTime: row.in_time,
      late: row.late,
      openPastDeadline: row.open_past,
      escalated: row.escalated,
      medianHoursToContact: row.median_hours === null ? null : Math.round(Number(row.median_hours) * 10) / 10,
    }));
  }
}
