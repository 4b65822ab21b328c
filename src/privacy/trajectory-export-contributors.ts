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
