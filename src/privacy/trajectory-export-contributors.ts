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

/** Placements with their handover, check-ins, contacts and subsidy assessments. */
@Injectable()
@ExportsPersonalData({ order: 80, titleNl: 'Uw werk en de begeleiding' })
export class PlacementsExportContributor implements DataExportContributor {
  readonly section = 'placements';

  constructor(private readonly encryption: FieldEncryption) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext, manager: EntityManager): Promise<unknown> {
    const placements: Array<Record<string, unknown>> = await manager.query(
      `SELECT pl.id, e.name AS employer, pl.type, pl.status, pl.trial_start, pl.trial_planned_end, pl.trial_outcome, pl.trial_evaluation,
              pl.contract_start, pl.contract_type, pl.hours_per_week, pl.contract_end, pl.outflow_on, pl.outflow_to, pl.closed_on, pl.closure_reason
         FROM placement pl JOIN employer e ON e.id = pl.employer_id WHERE pl.participant_id = $1 AND pl.organisation_id = $2 ORDER BY pl.created_at`,
      [participantId, organisationId],
    );
    for (const placement of placements) {
      const id = placement.id;
      placement.handover = await manager.query(
        'SELECT starts_at, status, checklist, attendance, participant_confirmed_at, employer_confirmed_at FROM handover_meeting WHERE placement_id = $1',
        [id],
      );
      const checkins: Array<Record<string, unknown>> = await manager.query(
        'SELECT due_on, status, held_on, channel, with_whom, frame, look_back, look_ahead, actions, life_domains, signals, agreement_evaluations, work_matches_description, notes, missed_reason FROM checkin WHERE placement_id = $1 ORDER BY due_on',
        [id],
      );
      placement.checkins = checkins.map((checkin) => ({ ...checkin, notes: this.encryption.decrypt(checkin.notes as string | null) }));
      const contacts: Array<Record<string, unknown>> = await manager.query(
        'SELECT at, channel, with_party, summary FROM contact_log WHERE placement_id = $1 ORDER BY at',
        [id],
      );
      placement.contacts = contacts.map((contact) => ({ ...contact, summary: this.encryption.decrypt(contact.summary as string | null) }));
      placement.wageValueAssessments = await manager.query(
        'SELECT assessed_on, percentage, reference_job, method, next_reassessment_on FROM wage_value_assessment WHERE placement_id = $1',
        [id],
      );
    }
    return placements;
  }
}
