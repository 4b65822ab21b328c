import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../../platform/privacy/personal-data.js';
import { type DataExportContributor, ExportsPersonalData } from '../../privacy/data-export-contributor.js';
import { OidcRepository } from './oidc.repository.js';

/** Broker sign-in: the participant's linked identities (keyed hashes) are deleted; providers hold no personal data. */
@Injectable()
@OwnsPersonalData({ order: 440 })
export class OidcPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'oidc_identity',
      erasure: 'delete',
      reason: 'The participant’s linked DigiD or eHerkenning identities (keyed hashes) are deleted.',
    },
    { table: 'oidc_provider', erasure: 'none', reason: 'An organisation’s sign-in services: no personal data.' },
  ];

  constructor(private readonly oidc: OidcRepository) {}

  async erase({ participantId, organisationId }: ErasureContext): Promise<ErasureOutcome> {
    return { counts: { linkedIdentitiesDeleted: await this.oidc.deleteIdentitiesOfParticipant(participantId, organisationId) } };
  }
}

/** Which sign-in services (DigiD) the participant linked, and when they last used them. */
@Injectable()
@ExportsPersonalData({ order: 35, titleNl: 'Hoe u inlogt' })
export class LinkedSignInExportContributor implements DataExportContributor {
  readonly section = 'linkedSignIns';

  constructor(private readonly oidc: OidcRepository) {}

  async collect(participantId: string, organisationId: string): Promise<unknown> {
    const rows = await this.oidc.identitiesOfParticipant(participantId, organisationId);
    return rows.map((row) => ({
      provider: row.provider,
      linkedAt: row.linkedAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    }));
  }
}
