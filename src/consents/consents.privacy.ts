import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { ConsentsService } from './consents.service.js';

/** Erasure withdraws every active consent first, so nothing later in the erasure (or after it) is shared. */
@Injectable()
@OwnsPersonalData({ order: 10 })
export class ConsentsPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'consent',
      erasure: 'keep',
      reason:
        'consent_history: which consent was given and withdrawn, and when, proves we only shared what was agreed; purposes and parts are codes, no free text.',
    },
  ];

  constructor(private readonly consents: ConsentsService) {}

  async erase({ actor, participantId }: ErasureContext): Promise<ErasureOutcome> {
    const withdrawn = await this.consents.withdrawAll(actor, participantId);
    return { counts: { consentsWithdrawn: withdrawn.length } };
  }
}

/** Every consent ever given or withdrawn, with what it meant. */
@Injectable()
@ExportsPersonalData({ order: 40, titleNl: 'Uw toestemmingen' })
export class ConsentsExportContributor implements DataExportContributor {
  readonly section = 'consents';

  constructor(private readonly consents: ConsentsService) {}

  collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    return this.consents.history(participantId, organisationId);
  }
}
