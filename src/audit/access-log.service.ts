import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { type PageQueryDto, pageWindow } from '../platform/http/pagination/page.dto.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { type AccessLogRow, AuditRepository } from './audit.repository.js';
import type { AccessLogEntryDto, AccessLogPageDto } from './dto/access-log.dto.js';

/** One entry as the access log and the data export show it: the actor's name and role, no ids. */
export function toAccessLogEntry(row: AccessLogRow): AccessLogEntryDto {
  return {
    at: row.at.toISOString(),
    actor: { displayName: row.display_name, role: row.actor_role },
    action: row.action,
    resourceType: row.resource_type,
    fields: row.fields,
  };
}

/**
 * Who looked at or changed a participant's data, from the audit log. The
 * actor's name comes from their membership in the same organisation only;
 * nothing else about them (e-mail, ids) is shown. Reading this log is not
 * itself logged.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly events: AuditRepository,
    private readonly participants: ParticipantsService,
  ) {}

  async forParticipant(actor: Actor, participantId: string, query: PageQueryDto): Promise<AccessLogPageDto> {
    const participant = await this.participants.findVisible(actor, participantId);
    const { page, pageSize, skip } = pageWindow(query);
    const total = await this.events.countForParticipant(participant.organisationId, participantId);
    const rows = await this.events.accessLog(participant.organisationId, participantId, { limit: pageSize, offset: skip });
    return {
      items: rows.map(toAccessLogEntry),
      page,
      pageSize,
      total,
    };
  }
}
