import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** The outcome reports' read on `participant_profile`: when a profile was complete enough to match. */
@Injectable()
export class ProfileFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** participant id -> the day its profile was recorded with at least one occupation wish. */
  async completedOn(organisationId: string): Promise<Map<string, string>> {
    const rows = await this.query<{ participant_id: string; day: string }>(
      `SELECT participant_id, to_char(created_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS day
         FROM participant_profile
        WHERE organisation_id = $1 AND cardinality(occupation_wishes) > 0`,
      [organisationId],
    );
    return new Map(rows.map((row) => [row.participant_id, row.day]));
  }
}
