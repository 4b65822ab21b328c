import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

export const AUDIT_COLUMNS = [
  'organisation_id',
  'at',
  'actor_user_id',
  'actor_role',
  'action',
  'resource_type',
  'resource_id',
  'subject_participant_id',
  'fields',
  'request_id',
] as const;
/** Rows per INSERT, so a long list stays under PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 5000;

export interface AccessLogRow {
  at: Date;
  actor_role: string;
  display_name: string | null;
  action: string;
  resource_type: string;
  fields: string[];
}

/**
 * Every statement on audit_event. The access log reads the actor's name from
 * membership and user_account (identity), within the same organisation only.
 */
@Injectable()
export class AuditRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /**
   * The rows (values in AUDIT_COLUMNS order) as plain multi-row INSERTs: the
   * rows TypeORM's insert() wrote, without its query building per call and
   * without RETURNING values nobody reads.
   */
  async insert(rows: unknown[][]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const width = AUDIT_COLUMNS.length;
      const tuples = chunk.map((_, row) => `(${AUDIT_COLUMNS.map((_, column) => `$${row * width + column + 1}`).join(', ')})`);
      await this.query(`INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
    }
  }

  async countForParticipant(organisationId: string, participantId: string): Promise<number> {
    const [{ total }] = await this.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM audit_event WHERE organisation_id = $1 AND subject_participant_id = $2',
      [organisationId, participantId],
    );
    return total;
  }

  /** Newest first; without `page` every entry. */
  accessLog(organisationId: string, participantId: string, page?: { limit: number; offset: number }): Promise<AccessLogRow[]> {
    const sql = `SELECT e.at, e.actor_role, u.display_name, e.action, e.resource_type, e.fields
         FROM audit_event e
         LEFT JOIN membership m ON m.user_id = e.actor_user_id AND m.organisation_id = e.organisation_id
         LEFT JOIN user_account u ON u.id = m.user_id
        WHERE e.organisation_id = $1 AND e.subject_participant_id = $2
        ORDER BY e.at DESC, e.id DESC`;
    return page
      ? this.query<AccessLogRow>(`${sql}\n        LIMIT $3 OFFSET $4`, [organisationId, participantId, page.limit, page.offset])
      : this.query<AccessLogRow>(sql, [organisationId, participantId]);
  }
}
