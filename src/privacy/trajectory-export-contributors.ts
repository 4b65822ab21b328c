import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from './data-export-contributor.js';

/** Profile, capacity history, barriers and goals: the trajectory plan kept about the participant. */
@Injectable()
@ExportsPersonalData({ order: 70, titleNl: 'Uw profiel en trajectplan' })
export class ProfileExportContributor implements DataExportContributor {
  readonly section = 'profile';

  constructor(private readonly encryption: FieldEncryption) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const [profile] = await manager.query('SELECT * FROM participant_profile WHERE participant_id = $1 AND organisation_id = $2', [
      participantId,
      organisationId,
    ]);
    const params = [participantId, organisationId];
    return {
      profile: profile ? { ...profile, private_notes: this.encryption.decrypt(profile.private_notes) } : null,
      capacity: await manager.query(
        'SELECT assessed_on, hours_per_day, hours_per_week, breaks, physical_limits FROM participant_capacity WHERE participant_id = $1 AND organisation_id = $2 ORDER BY assessed_on',
        params,
      ),
      barriers: await manager.query('SELECT * FROM participant_barrier WHERE participant_id = $1 AND organisation_id = $2', params),
      goals: await manager.query('SELECT * FROM trajectory_goal WHERE participant_id = $1 AND organisation_id = $2', params),
      workBehaviour: await manager.query(
        'SELECT * FROM work_behaviour_observation WHERE participant_id = $1 AND organisation_id = $2',
        params,
      ),
    };
  }
}

/** Help requests and their messages. */
@Injectable()
@ExportsPersonalData({ order: 90, titleNl: 'Uw hulpvragen' })
export class HelpRequestsExportContributor implements DataExportContributor {
  readonly section = 'helpRequests';

  constructor(private readonly encryption: FieldEncryption) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const requests: Array<Record<string, unknown>> = await manager.query(
      'SELECT id, category, urgency, preferred_channel, preferred_time, body, status, created_at, acknowledged_at, resolved_at FROM help_request WHERE participant_id = $1 AND organisation_id = $2 ORDER BY created_at',
      [participantId, organisationId],
    );
    for (const request of requests) {
      request.body = this.encryption.decrypt(request.body as string);
      const messages: Array<Record<string, unknown>> = await manager.query(
        'SELECT author_role, body, created_at FROM help_request_message WHERE help_request_id = $1 ORDER BY created_at',
        [request.id],
      );
      request.messages = messages.map((message) => ({ ...message, body: this.encryption.decrypt(message.body as string) }));
      delete request.id;
    }
    return requests;
  }
}
