import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

export interface MatchStageDates {
  /** The day of the participant's first match (proposed). */
  matchedOn: string;
  /** The day the participant was first introduced to an employer, if ever. */
  introducedOn: string | null;
}

/** The outcome reports' read on `match` and `match_event`: per participant, the first match and introduction. */
@Injectable()
export class MatchFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async stageDates(organisationId: string): Promise<Map<string, MatchStageDates>> {
    const rows = await this.query<{ participant_id: string; matched_on: string; introduced_on: string | null }>(
      `SELECT m.participant_id,
              to_char(min(m.created_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS matched_on,
              to_char(min(e.at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS introduced_on
         FROM match m
         LEFT JOIN match_event e ON e.match_id = m.id AND e.to_status = 'introduced'
        WHERE m.organisation_id = $1
        GROUP BY m.participant_id`,
      [organisationId],
    );
    return new Map(rows.map((row) => [row.participant_id, { matchedOn: row.matched_on, introducedOn: row.introduced_on }]));
  }
}
