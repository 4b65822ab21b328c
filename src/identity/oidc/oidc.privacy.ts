import { Injectable } from '@nestjs/common';
import {
  type ErasureContext,
  type ErasureOutcome,
  type OwnedTable,
  OwnsPersonalData,
  type PersonalDataOwner,
} from '../../platform/privacy/personal-data.js';
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
