import { Injectable } from '@nestjs/common';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { ImportsRepository } from './imports.repository.js';

/**
 * Import files hold whole CSV rows (names, e-mail addresses, phone numbers).
 * The job purges a file when its run completes or fails; erasure purges what
 * is left (see ImportsRepository.purgeFilesFor). Rejection reasons name a
 * column and a rule, and updated rows name columns, never a value, so they
 * hold nothing about a person.
 */
@Injectable()
@OwnsPersonalData({ order: 380 })
export class ImportsPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'import_run',
      erasure: 'anonymise',
      reason: 'The uploaded file is purged once processed (and on erasure); the counts stay.',
    },
    {
      table: 'import_rejection',
      erasure: 'none',
      reason: 'Row numbers with column names and rules, never a cell value.',
    },
    {
      table: 'import_update',
      erasure: 'none',
      reason: 'Row numbers with the names of the columns that changed, never a cell value.',
    },
  ] as const;

  constructor(private readonly repository: ImportsRepository) {}

  async erase({ participantId, organisationId, addresses }: ErasureContext): Promise<ErasureOutcome> {
    const reference = await this.repository.externalReference(participantId);
    const purged = await this.repository.purgeFilesFor(organisationId, [...addresses, ...(reference ? [reference] : [])]);
    return { fields: purged > 0 ? ['importFiles'] : [], counts: { importFilesPurged: purged } };
  }
}
