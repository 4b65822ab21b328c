import { Injectable } from '@nestjs/common';
import { type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { toAccessLogEntry } from './access-log.service.js';
import { AuditRepository } from './audit.repository.js';

/** The audit trail is append-only and kept through erasure: it holds who, what and when, as ids and field names only. */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class AuditPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'audit_event',
      erasure: 'keep',
      reason: 'audit_log: who read or changed the participant’s data and when (ids, action and field names only, no values), kept 5 years.',
    },
  ];
}

/** Who looked at or changed the participant's data: the same view as the access log, complete. */
@Injectable()
@ExportsPersonalData({ order: 50, titleNl: 'Wie uw gegevens heeft bekeken of gewijzigd' })
export class AuditEventsExportContributor implements DataExportContributor {
  readonly section = 'auditEvents';

  constructor(private readonly events: AuditRepository) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    return (await this.events.accessLog(organisationId, participantId)).map(toAccessLogEntry);
  }
}
