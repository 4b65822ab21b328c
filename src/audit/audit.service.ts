import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { requestContext } from '../platform/http/request-context.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditAction } from './entities/audit-event.entity.js';

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
    private readonly events: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Joins the open transaction. */
  async record(actor: Actor | undefined, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const context = requestContext.get();
    const who = actor ?? context.actor;
    if (!who) throw new Error('An audit entry needs an actor');
    const at = this.clock.now();
    const rows = list.map((entry) => [
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
    ]);
    await this.events.insert(rows);
  }

  /** For a system job acting on an organisation's data (no signed-in person). */
  async recordSystem(organisationId: string, entry: AuditEntry): Promise<void> {
    const row = [
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
    ];
    await this.events.insert([row]);
  }
}
