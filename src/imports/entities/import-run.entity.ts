import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../identity/entities/membership.entity.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import type { ImportKind } from '../csv-columns.js';

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * One uploaded CSV file and its progress (migration 1763900700000). `content`
 * holds the file until the run completes or fails; it is then purged, the
 * counts stay.
 */
@Entity('import_run')
@Index('ix_import_run_organisation', ['organisationId', 'createdAt'])
export class ImportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: ImportKind;

  @Column({ type: 'text', default: 'queued' })
  status: ImportStatus;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'int' })
  totalRows: number;

  @Column({ type: 'int', default: 0 })
  rowsDone: number;

  @Column({ type: 'int', default: 0 })
  rowsCreated: number;

  @Column({ type: 'int', default: 0 })
  rowsUnchanged: number;

  /** Rows whose key was imported before and whose data changed (migration 1763914000000). */
  @Column({ type: 'int', default: 0 })
  rowsUpdated: number;

  @Column({ type: 'int', default: 0 })
  rowsRejected: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @Column({ type: 'uuid' })
  createdByMembershipId: string;

  @Column({ type: 'text' })
  createdByRole: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** Why one row of an import was refused: column names and rule texts, never the row's values. */
@Entity('import_rejection')
export class ImportRejection {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'int' })
  rowNumber: number;

  @Column({ type: 'jsonb' })
  reasons: InvalidParam[];
}

/** Which columns of one row changed an earlier imported record: column names only, never the values (migration 1763914000000). */
@Entity('import_update')
export class ImportUpdate {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'int' })
  rowNumber: number;

  @Column({ type: 'text', array: true })
  fields: string[];
}
