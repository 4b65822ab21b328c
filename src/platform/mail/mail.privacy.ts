import { Injectable } from '@nestjs/common';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../../privacy/data-export-contributor.js';
import { type ErasureContext, type ErasureOutcome, OwnsPersonalData, type PersonalDataOwner } from '../privacy/personal-data.js';
import { MailRepository } from './mail.repository.js';

/** The recipient left on a sent mail about an erased participant that went to someone else (an employer contact, a coach). */
export const ANONYMOUS_RECIPIENT = 'anonymised@invalid';

/**
 * Mail about the erased participant, whoever it went to (the employer's
 * invitation with its .ics included), and mail to the participant's own
 * addresses: what was not delivered is not needed and goes; what was sent is
 * kept as a bare delivery record (kind, message id, date, status) without
 * recipient, subject, bodies, raw message, context, attachments or error
 * text. Runs last (order 900): the addresses come from the earlier erasers.
 * An address another person in the organisation still uses is not the
 * participant's alone, so mail to it is left alone unless it is about them.
 */
@Injectable()
@OwnsPersonalData({ order: 900 })
export class MailPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'mail_message',
      erasure: 'anonymise',
      reason:
        'Unsent mail about or to the person is deleted; sent mail is kept as a delivery record without address, subject, bodies or attachments.',
    },
  ] as const;

  constructor(private readonly repository: MailRepository) {}

  async erase({ participantId, organisationId, addresses }: ErasureContext): Promise<ErasureOutcome> {
    const candidates = [...addresses].map((address) => address.toLowerCase());
    const inUse = candidates.length ? await this.repository.addressesInUse(candidates, organisationId, participantId) : new Set<string>();
    const own = candidates.filter((address) => !inUse.has(address));
    const erasedAddress = (await this.repository.erasedAccountAddress(participantId, organisationId)) ?? `erased-${participantId}@invalid`;
    const deleted = await this.repository.deleteUnsentAbout(participantId, own, organisationId);
    const anonymised = await this.repository.anonymiseSentAbout(participantId, own, organisationId, erasedAddress, ANONYMOUS_RECIPIENT);
    return {
      fields: deleted + anonymised > 0 ? ['mailMessages'] : [],
      counts: { mailMessagesDeleted: deleted, mailMessagesAnonymised: anonymised },
    };
  }
}

/** E-mails sent to the participant's addresses: subject, status and date, not the bodies. */
@Injectable()
@ExportsPersonalData({ order: 60, titleNl: 'E-mails die wij u stuurden' })
export class MailExport implements DataExportContributor {
  readonly section = 'mailMessages';

  constructor(private readonly repository: MailRepository) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const rows = await this.repository.sentToParticipant(participantId, organisationId);
    return rows.map((row) => ({
      subject: row.subject,
      kind: row.template,
      status: row.status,
      sentAt: row.sent_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
