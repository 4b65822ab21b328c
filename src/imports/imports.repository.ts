import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '../identity/entities/membership.entity.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import type { InvalidParam } from '../platform/http/problem.js';
import type { ImportKind } from './csv-columns.js';
import type { ImportStatus } from './entities/import-run.entity.js';

export interface ImportRunRow {
  id: string;
  organisation_id: string;
  kind: ImportKind;
  status: ImportStatus;
  content: string;
  total_rows: number;
  rows_done: number;
  rows_created: number;
  rows_unchanged: number;
  rows_updated: number;
  rows_rejected: number;
  error: string | null;
  created_by_user_id: string;
  created_by_membership_id: string;
  created_by_role: Role;
  created_at: Date;
  finished_at: Date | null;
}

/** What a processed file leaves behind: the counts and reasons stay, the rows (names, e-mail, phone) go. */
const PURGED_CONTENT = "content = ''";

/**
 * Every statement on import_run and import_rejection. The imported employers,
 * vacancies and participants are written by their owners' services.
 */
@Injectable()
export class ImportsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async insertRun(run: {
    organisationId: string;
    kind: ImportKind;
    content: string;
    totalRows: number;
    userId: string;
    membershipId: string;
    role: Role;
  }): Promise<ImportRunRow> {
    const [row] = await this.query<ImportRunRow>(
      `INSERT INTO import_run (organisation_id, kind, content, total_rows, created_by_user_id, created_by_membership_id, created_by_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [run.organisationId, run.kind, run.content, run.totalRows, run.userId, run.membershipId, run.role],
    );
    return row;
  }

  /** The run with its file, for the job. */
  async findRun(id: string): Promise<ImportRunRow | undefined> {
    const [row] = await this.query<ImportRunRow>('SELECT * FROM import_run WHERE id = $1', [id]);
    return row;
  }

  /** A run without its file, when the member may see it: an admin sees the organisation's, others their own. */
  async findVisible(id: string, organisationId: string, role: Role, membershipId: string): Promise<ImportRunRow | undefined> {
    const [row] = await this.query<ImportRunRow>(
      `SELECT id, organisation_id, kind, status, '' AS content, total_rows, rows_done, rows_created, rows_unchanged, rows_updated, rows_rejected, error,
              created_by_user_id, created_by_membership_id, created_by_role, created_at, finished_at
         FROM import_run WHERE id = $1 AND organisation_id = $2 AND ($3 = 'admin' OR created_by_membership_id = $4)`,
      [id, organisationId, role, membershipId],
    );
    return row;
  }

  /** The organisation's newest runs, newest first. */
  async recentRunIds(organisationId: string, limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM import_run WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT $2',
      [organisationId, limit],
    );
    return rows.map((row) => row.id);
  }

  async rejections(importId: string): Promise<Array<{ row_number: number; reasons: InvalidParam[] }>> {
    return this.query('SELECT row_number, reasons FROM import_rejection WHERE import_id = $1 ORDER BY row_number', [importId]);
  }

  /** Which columns each updated row changed, by row. */
  async updates(importId: string): Promise<Array<{ row_number: number; fields: string[] }>> {
    return this.query('SELECT row_number, fields FROM import_update WHERE import_id = $1 ORDER BY row_number', [importId]);
  }

  /** A batch of rows done: its rejections and updated rows in one statement each, and the counters up to its last row. */
  async batchDone(
    id: string,
    batch: {
      lastRow: number;
      created: number;
      updated: number;
      unchanged: number;
      rejections: Array<{ rowNumber: number; reasons: InvalidParam[] }>;
      updates: Array<{ rowNumber: number; fields: string[] }>;
    },
  ): Promise<void> {
    if (batch.rejections.length > 0) {
      await this.query(
        `INSERT INTO import_rejection (import_id, row_number, reasons)
         SELECT $1, r.row_number, r.reasons FROM unnest($2::int[], $3::jsonb[]) AS r (row_number, reasons)
         ON CONFLICT DO NOTHING`,
        [id, batch.rejections.map((row) => row.rowNumber), batch.rejections.map((row) => JSON.stringify(row.reasons))],
      );
    }
    if (batch.updates.length > 0) {
      // The fields as one JSON array per row: unnest cannot take an array of arrays of differing lengths.
      await this.query(
        `INSERT INTO import_update (import_id, row_number, fields)
         SELECT $1, r.row_number, ARRAY(SELECT jsonb_array_elements_text(r.fields)) FROM unnest($2::int[], $3::jsonb[]) AS r (row_number, fields)
         ON CONFLICT DO NOTHING`,
        [id, batch.updates.map((row) => row.rowNumber), batch.updates.map((row) => JSON.stringify(row.fields))],
      );
    }
    await this.query(
      `UPDATE import_run SET rows_done = $2, rows_created = rows_created + $3, rows_updated = rows_updated + $4,
              rows_unchanged = rows_unchanged + $5, rows_rejected = rows_rejected + $6
        WHERE id = $1`,
      [id, batch.lastRow, batch.created, batch.updated, batch.unchanged, batch.rejections.length],
    );
  }

  async markRunning(id: string): Promise<void> {
    await this.query("UPDATE import_run SET status = 'running' WHERE id = $1", [id]);
  }

  /** Done: the file is purged, the counts stay. */
  async complete(id: string): Promise<void> {
    await this.query(`UPDATE import_run SET status = 'completed', finished_at = now(), ${PURGED_CONTENT} WHERE id = $1`, [id]);
  }

  /** The job gave up: the run says so and where, and its file is purged (the rows done stay done). */
  async failAfterRetries(id: string): Promise<void> {
    await this.query(
      `UPDATE import_run SET status = 'failed', finished_at = now(), ${PURGED_CONTENT},
              error = 'Stopped after repeated errors at row ' || (rows_done + 1) || '; the rows before it are imported. Import the file again to finish: rows already in are left unchanged.'
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
  }

  async rowDone(id: string, rowNumber: number, outcome: 'created' | 'unchanged'): Promise<void> {
    await this.query(
      `UPDATE import_run SET rows_done = $2, rows_created = rows_created + $3, rows_unchanged = rows_unchanged + $4 WHERE id = $1`,
      [id, rowNumber, outcome === 'created' ? 1 : 0, outcome === 'unchanged' ? 1 : 0],
    );
  }

  async rowRejected(id: string, rowNumber: number, reasons: InvalidParam[]): Promise<void> {
    await this.query('INSERT INTO import_rejection (import_id, row_number, reasons) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      id,
      rowNumber,
      JSON.stringify(reasons),
    ]);
    await this.query('UPDATE import_run SET rows_done = $2, rows_rejected = rows_rejected + 1 WHERE id = $1', [id, rowNumber]);
  }

  /** One writer per key at a time, until the transaction ends. */
  async lockKey(key: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  /**
   * Erasure: a file still held after its run ended (from before files were
   * purged) goes, and so does the file of a run still to finish that names the
   * participant by one of `needles` (e-mail addresses, external reference):
   * the participant's row in it is then not imported.
   */
  async purgeFilesFor(organisationId: string, needles: string[]): Promise<number> {
    const purged = await this.query(
      `UPDATE import_run SET ${PURGED_CONTENT}
        WHERE organisation_id = $1 AND content <> ''
          AND (status IN ('completed', 'failed')
               OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS needle WHERE needle <> '' AND strpos(lower(content), lower(needle)) > 0))
        RETURNING id`,
      [organisationId, needles],
    );
    return affectedRows(purged);
  }

  /** The participant's import key (read from participants: how an import file names them). */
  async externalReference(participantId: string): Promise<string | null> {
    const [row] = await this.query<{ external_reference: string | null }>('SELECT external_reference FROM participant WHERE id = $1', [
      participantId,
    ]);
    return row?.external_reference ?? null;
  }
}
