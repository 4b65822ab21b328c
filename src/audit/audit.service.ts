import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../authorization/actor.js';
import { Clock } from '../common/clock/clock.js';
import { requestContext } from '../common/request-context.js';
import { AuditEvent, type AuditAction } from './entities/audit-event.entity.js';

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
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const context = requestContext.get();
    const who = actor ?? context.actor;
    if (!who) throw new Error('An audit entry needs an actor');
    const at = this.clock.now();
    await manager.getRepository(AuditEvent).insert(
      list.map((entry) => ({
        organisationId: who.organisationId,
        at,
        actorUserId: who.userId,
        actorRole: who.role,
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId ?? null,
        subjectParticipantId: entry.subjectParticipantId ?? null,
        fields: entry.fields ?? [],
        requestId: context.requestId ?? null,
      })),
    );
  }

  /** For a system job acting on an organisation's data (no signed-in person). */
  async recordSystem(organisationId: string, entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(AuditEvent).insert({
      organisationId,
      at: this.clock.now(),
      actorUserId: null,
      actorRole: 'system',
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      subjectParticipantId: entry.subjectParticipantId ?? null,
      fields: entry.fields ?? [],
      requestId: requestContext.get().requestId ?? null,
    });
  }
}
