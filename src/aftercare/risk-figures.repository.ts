import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** One early-warning risk as the outcome reports count it: which placement, which rule, which day (Amsterdam). */
export interface RiskRaisedRow {
  placementId: string;
  rule: string;
  /** 'YYYY-MM-DD', the day it was raised in Europe/Amsterdam. */
  raisedOn: string;
}

/**
 * The outcome reports' read on `placement_risk`: ids, rule codes and days only; never the reason text, the next
 * action or the coach's note (those carry dates and words about a person).
 */
@Injectable()
export class RiskFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** Early-warning risks raised from `from` to `to` (whole days, Amsterdam time); `placementIds` null: every placement. */
  raised(organisationId: string, from: string, to: string, placementIds: readonly string[] | null): Promise<RiskRaisedRow[]> {
    return this.query<RiskRaisedRow>(
      `SELECT placement_id AS "placementId", rule, to_char(raised_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS "raisedOn"
         FROM placement_risk
        WHERE organisation_id = $1 AND raised_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND raised_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND ($4::uuid[] IS NULL OR placement_id = ANY($4::uuid[]))
        ORDER BY raised_at, id`,
      [organisationId, from, to, placementIds],
    );
  }
}
