import { Injectable } from '@nestjs/common';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { HelpRequestsRepository } from './help-requests.repository.js';

/**
 * Help requests and their conversations hold what the participant asked in
 * their own words (often about health, money or home). Erasure removes the
 * conversation and every free text of the participant's requests; the rows
 * stay, textless, for the response-time figures.
 */
@Injectable()
@OwnsPersonalData({ order: 350 })
export class HelpRequestsPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'help_request',
      erasure: 'anonymise',
      reason: 'Kept for response-time and escalation figures; the body is replaced and the preferred time emptied.',
    },
    {
      table: 'help_request_message',
      erasure: 'delete',
      reason: 'The conversation is the participant’s own words; nothing in it is needed afterwards.',
    },
  ] as const;

  constructor(
    private readonly repository: HelpRequestsRepository,
    private readonly encryption: FieldEncryption,
  ) {}

  async erase({ participantId, organisationId }: ErasureContext): Promise<ErasureOutcome> {
    const erased = await this.repository.eraseForParticipant(participantId, organisationId, this.encryption.encrypt('[verwijderd]'));
    return {
      fields: erased.requests + erased.messages > 0 ? ['helpRequests'] : [],
      counts: { helpRequestsAnonymised: erased.requests, helpRequestMessagesDeleted: erased.messages },
    };
  }
}

/** Help requests and their messages. */
@Injectable()
@ExportsPersonalData({ order: 90, titleNl: 'Uw hulpvragen' })
export class HelpRequestsExport implements DataExportContributor {
  readonly section = 'helpRequests';

  constructor(
    private readonly repository: HelpRequestsRepository,
    private readonly encryption: FieldEncryption,
  ) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const requests = await this.repository.exportRows(participantId, organisationId);
    for (const request of requests) {
      request.body = this.encryption.decrypt(request.body as string);
      const messages = request.messages as Array<Record<string, unknown>>;
      request.messages = messages.map((message) => ({ ...message, body: this.encryption.decrypt(message.body as string) }));
      delete request.id;
    }
    return requests;
  }
}
