import { activeManager } from '../platform/database/transactions.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { requestContext } from '../platform/http/request-context.js';
import type { AuditAction } from './entities/audit-event.entity.js';

const AUDIT_COLUMNS = [
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

/**
 * The audit_event rows (values in AUDIT_COLUMNS order) as plain multi-row
 * INSERTs: the rows TypeORM's insert() wrote, without its query building per
 * call and without RETURNING values nobody reads.
 */
async function insertEvents(manager: EntityManager, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const width = AUDIT_COLUMNS.length;
    const tuples = chunk.map((_, row) => `(${AUDIT_COLUMNS.map((_, column) => `$${row * width + column + 1}`).join(', ')})`);
    await manager.query(`INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}

/** The fields a create or change request actually carried, for the audit entry (the version is bookkeeping, not data). */
export function presentFields(input: object): string[] {
  return Object.entries(input)
    .filter(([key, value]) => value !== undefined && key !== 'version')
    .map(([key]) => key);
}

export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  subjectParticipantId?: string | null;
  fields?: string[];
}

/** Writes who read or changed a participant's data; entries can only be added. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Actor | undefined,
    entries: AuditEntry | AuditEntry[],
    manager: EntityManager = activeManager(this.dataSource),
  ): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const context = requestContext.get();
    const who = actor ?? context.actor;
    if (!who) throw new Error('An audit entry needs an actor');
    const at = this.clock.now();
    await insertEvents(
      manager,
      list.map((entry) => [
        who.organisationId,
        at,
        who.userId,
        who.role,
        entry.action,
        entry.resourceType,
        entry.resourceId ?? null,
        entry.subjectParticipantId ?? null,
        entry.fields ?? [],
        context.requestId ?? null,
      ]),
    );
  }

  /** For a system job acting on an organisation's data (no signed-in person). */
  async recordSystem(organisationId: string, entry: AuditEntry, manager: EntityManager = activeManager(this.dataSource)): Promise<void> {
    await insertEvents(manager, [
      [
        organisationId,
        this.clock.now(),
        null,
        'system',
        entry.action,
        entry.resourceType,
        entry.resourceId ?? null,
        entry.subjectParticipantId ?? null,
        entry.fields ?? [],
        requestContext.get().requestId ?? null,
      ],
    ]);
  }
}
