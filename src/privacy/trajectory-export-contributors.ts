import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from './data-export-contributor.js';

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
