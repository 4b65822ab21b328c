import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

/** One participant of a report's cohort: no name, only what the report groups and filters by. */
export interface CohortRow {
  id: string;
  coachMembershipId: string | null;
  funderId: string | null;
  targetGroup: string | null;
  /** The calendar day (Amsterdam) the participant was registered. */
  registeredOn: string;
}

export interface CohortFilter {
  /** Only participants of these coaches (a team, one coach); null for the whole organisation. */
  coachMembershipIds: readonly string[] | null;
  funderId: string | null;
  targetGroup: string | null;
}

/** The outcome reports' reads on `participant`: ids, coach, funder and target group; never names. */
@Injectable()
export class ParticipantFiguresRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async cohort(organisationId: string, from: string, to: string, filter: CohortFilter): Promise<CohortRow[]> {
    const rows = await this.query<{
      id: string;
      coach: string | null;
      funder: string | null;
      target_group: string | null;
      registered_on: string;
    }>(
      `SELECT id, coach_membership_id AS coach, funder_id AS funder, target_group,
              to_char(created_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS registered_on
         FROM participant
        WHERE organisation_id = $1
          AND created_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
          AND ($4::uuid[] IS NULL OR coach_membership_id = ANY($4::uuid[]))
          AND ($5::uuid IS NULL OR funder_id = $5)
          AND ($6::text IS NULL OR target_group = $6)`,
      [organisationId, from, to, filter.coachMembershipIds, filter.funderId, filter.targetGroup],
    );
    return rows.map((row) => ({
      id: row.id,
      coachMembershipId: row.coach,
      funderId: row.funder,
      targetGroup: row.target_group,
      registeredOn: row.registered_on,
    }));
  }

  /** Participants (any registration date) in a scope, for the aftercare figures of a period. */
  async idsInScope(organisationId: string, filter: CohortFilter): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM participant
        WHERE organisation_id = $1
          AND ($2::uuid[] IS NULL OR coach_membership_id = ANY($2::uuid[]))
          AND ($3::uuid IS NULL OR funder_id = $3)
          AND ($4::text IS NULL OR target_group = $4)`,
      [organisationId, filter.coachMembershipIds, filter.funderId, filter.targetGroup],
    );
    return rows.map((row) => row.id);
  }
}
