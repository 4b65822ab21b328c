import { Injectable } from '@nestjs/common';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { SurveysRepository } from './surveys.repository.js';

/**
 * Survey answers are personal data: the participant's own opinion, and the
 * employer contact's about the participant's support. Erasure deletes the
 * surveys not answered (and so their links) and empties the free text and the
 * link of answered ones; the score, moment and coach stay for the organisation's
 * yearly UWV average, which counts no names.
 */
@Injectable()
@OwnsPersonalData({ order: 360 })
export class SurveysPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'survey_invitation',
      erasure: 'anonymise',
      reason: 'Unanswered surveys are deleted; answered ones keep only the score for the yearly UWV average, free text and link emptied.',
    },
    { table: 'survey_setting', erasure: 'none', reason: 'The organisation’s survey moments; nothing about a person.' },
  ] as const;

  constructor(private readonly repository: SurveysRepository) {}

  async erase({ participantId, organisationId }: ErasureContext): Promise<ErasureOutcome> {
    const { deleted, anonymised } = await this.repository.eraseForParticipant(participantId, organisationId);
    return {
      fields: deleted + anonymised > 0 ? ['surveys'] : [],
      counts: { surveysDeleted: deleted, surveysAnonymised: anonymised },
    };
  }
}

/** The participant's own survey answers. */
@Injectable()
@ExportsPersonalData({ order: 95, titleNl: 'Uw antwoorden op tevredenheidsvragen' })
export class SurveysExport implements DataExportContributor {
  readonly section = 'surveys';

  constructor(
    private readonly repository: SurveysRepository,
    private readonly encryption: FieldEncryption,
  ) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const rows = await this.repository.exportRows(participantId, organisationId);
    return rows.map((row) => ({
      ...row,
      wentWell: this.encryption.decrypt(row.wentWell as string | null),
      couldBeBetter: this.encryption.decrypt(row.couldBeBetter as string | null),
    }));
  }
}
