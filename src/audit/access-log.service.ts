import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { type PageQueryDto, pageWindow } from '../platform/http/pagination/page.dto.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { AccessLogPageDto } from './dto/access-log.dto.js';

interface AccessLogRow {
  at: Date;
  actor_role: string;
  display_name: string | null;
  action: string;
  resource_type: string;
  fields: string[];
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
  ) {}

  async forParticipant(actor: Actor, participantId: string, query: PageQueryDto): Promise<AccessLogPageDto> {
    const participant = await this.participants.findVisible(actor, participantId);
    const { page, pageSize, skip } = pageWindow(query);
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS total FROM audit_event WHERE organisation_id = $1 AND subject_participant_id = $2',
      [participant.organisationId, participantId],
    );
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT e.at, e.actor_role, u.display_name, e.action, e.resource_type, e.fields
         FROM audit_event e
         LEFT JOIN membership m ON m.user_id = e.actor_user_id AND m.organisation_id = e.organisation_id
         LEFT JOIN user_account u ON u.id = m.user_id
        WHERE e.organisation_id = $1 AND e.subject_participant_id = $2
        ORDER BY e.at DESC, e.id DESC
        LIMIT $3 OFFSET $4`,
      [participant.organisationId, participantId, pageSize, skip],
    );
    return {
      items: rows.map((row) => ({
        at: row.at.toISOString(),
        actor: { displayName: row.display_name, role: row.actor_role },
        action: row.action,
        resourceType: row.resource_type,
        fields: row.fields,
      })),
      page,
      pageSize,
      total,
    };
  }
}
