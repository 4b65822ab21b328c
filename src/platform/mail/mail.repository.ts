import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import { affectedRows, TableRepository } from '../database/transactions.js';
import { type MailStatus, MailMessage } from './entities/mail-message.entity.js';

/** A transaction handed in by a caller not yet moved to Transactions.run (see MailService.record). */

/** One mail for `insertMany`, composed (and, when prepared ahead, built) already. */
export interface ComposedMailRow {
  organisationId: string | null;
  dedupeKey: string;
  template: string;
  locale: string;
  recipient: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  raw: Buffer | null;
  aboutParticipantId: string | null;
}

/** The parts of a mail that name or describe a person, emptied when it is anonymised. */
const ANONYMISED = `subject = NULL, html = NULL, text = NULL, raw_message = NULL, context = '{}', attachments = '[]', last_error = NULL, updated_at = now()`;

/**
 * Every statement on mail_message. The erasure and export reads join
 * participant, membership and user_account (read only) for the addresses of
 * a participant.
 */
@Injectable()
export class MailRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** Records a mail unless its dedupe key is there already; answers the id either way. */
  async insertOnce(mail: Partial<MailMessage> & { dedupeKey: string }): Promise<string> {
    const inserted = await this.manager
      .createQueryBuilder()
      .insert()
      .into(MailMessage)
      .values(mail as never)
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (id) return id;
    const existing = await this.manager.getRepository(MailMessage).findOneByOrFail({ dedupeKey: mail.dedupeKey });
    return existing.id;
  }

  /** Records many composed mails; a dedupe key already there is skipped. Answers the ids created. */
  async insertMany(mails: ComposedMailRow[], sendAfter: Date | undefined): Promise<string[]> {
    const column = <K extends keyof ComposedMailRow>(key: K) => mails.map((mail) => mail[key]);
    const rows = await this.query<{ id: string }>(
      `INSERT INTO mail_message (organisation_id, dedupe_key, template, locale, recipient, message_id, subject, html, text, raw_message, about_participant_id, status, send_after)
       SELECT *, 'queued', $12::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::uuid[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        column('organisationId'),
        column('dedupeKey'),
        column('template'),
        column('locale'),
        column('recipient'),
        column('messageId'),
        column('subject'),
        column('html'),
        column('text'),
        column('raw'),
        column('aboutParticipantId'),
        sendAfter ?? null,
      ],
    );
    return rows.map((row) => row.id);
  }

  find(id: string): Promise<MailMessage | null> {
    return this.manager.getRepository(MailMessage).findOneBy({ id });
  }

  findMany(ids: string[]): Promise<MailMessage[]> {
    return ids.length ? this.manager.getRepository(MailMessage).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  exists(id: string): Promise<boolean> {
    return this.manager.getRepository(MailMessage).existsBy({ id });
  }

  /** A mail of the organisation (or of the installation itself). */
  findForOrganisation(id: string, organisationId: string): Promise<MailMessage | null> {
    return this.manager.getRepository(MailMessage).findOneBy([
      { id, organisationId },
      { id, organisationId: IsNull() },
    ]);
  }

  /** The organisation's mail (and the installation's), newest first. */
  pageForOrganisation(organisationId: string, statuses: MailStatus[], skip: number, take: number): Promise<[MailMessage[], number]> {
    const status = In(statuses);
    return this.manager.getRepository(MailMessage).findAndCount({
      where: [
        { organisationId, status },
        { organisationId: IsNull(), status },
      ],
      order: { createdAt: 'DESC', id: 'ASC' },
      skip,
      take,
    });
  }

  /** The newest mails of one organisation only (not the installation's own), for the local outbox page. */
  newestOfOrganisation(organisationId: string, take: number): Promise<MailMessage[]> {
    return this.manager.getRepository(MailMessage).find({ where: { organisationId }, order: { createdAt: 'DESC' }, take });
  }

  /** Mails with these dedupe keys, or to this address in this organisation, newest first. */
  newestMatching(
    dedupeKeys: string[],
    recipient: { organisationId: string; email: string } | undefined,
    take: number,
  ): Promise<MailMessage[]> {
    const where: Array<Record<string, unknown>> = [];
    if (dedupeKeys.length > 0) where.push({ dedupeKey: In(dedupeKeys) });
    if (recipient) where.push({ organisationId: recipient.organisationId, recipient: recipient.email });
    if (where.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(MailMessage).find({ where, order: { createdAt: 'DESC' }, take });
  }

  async failIfPending(id: string, lastError: string): Promise<void> {
    await this.manager.getRepository(MailMessage).update({ id, status: In(['queued', 'retrying']) }, { status: 'failed', lastError });
  }

  /**
   * Takes the mails that are still to be sent and not being sent by another
   * job (a claim lapses after `ms`; the same claimant may take its own claim again).
   */
  async claim(ids: string[], claimant: string, ms: number): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await this.manager.query(
      `UPDATE mail_message SET claimed_by = $2, claimed_until = now() + $3 * interval '1 millisecond'
        WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'retrying')
          AND (claimed_until IS NULL OR claimed_until < now() OR claimed_by = $2)
        RETURNING id`,
      [ids, claimant, ms],
    )) as [Array<{ id: string }>, number];
    return rows.map((row) => row.id);
  }

  /** Deletes prepared mails that were not sent (withdrawn before sending). */
  async deleteUnsent(ids: string[]): Promise<void> {
    await this.query("DELETE FROM mail_message WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'retrying')", [ids]);
  }

  async markSent(ids: string[], at: Date): Promise<void> {
    await this.query(
      `UPDATE mail_message SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claimed_until = NULL, raw_message = NULL,
              updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
  }

  async markRefused(id: string, status: MailStatus, attempts: number, lastError: string): Promise<void> {
    await this.manager.getRepository(MailMessage).update({ id }, { status, attempts, lastError, claimedBy: null, claimedUntil: null });
  }

  /** Stores the composed mail; the template's context is no longer needed then. */
  async saveComposed(id: string, composed: { subject: string; html: string; text: string }): Promise<void> {
    await this.manager.getRepository(MailMessage).update({ id }, { ...composed, context: {} });
  }

  /** Mail recorded before `stale` and still waiting, not claimed by a job right now (the database's clock, as claims use it). */
  async waiting(stale: Date, limit: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM mail_message
        WHERE status IN ('queued', 'retrying') AND updated_at < $1 AND (send_after IS NULL OR send_after < $1)
          AND (claimed_until IS NULL OR claimed_until < now())
        LIMIT $2`,
      [stale, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Mails to the participant's addresses (their record's and their account's), for the data export. */
  async sentToParticipant(
    participantId: string,
    organisationId: string,
  ): Promise<Array<{ subject: string | null; template: string; status: string; sent_at: Date | null; created_at: Date }>> {
    return this.query(
      `WITH addresses AS (
         SELECT lower(p.email) AS address FROM participant p WHERE p.id = $1 AND p.organisation_id = $2 AND p.email IS NOT NULL
         UNION SELECT lower(u.email) FROM membership m JOIN user_account u ON u.id = m.user_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2)
       SELECT subject, template, status, sent_at, created_at
         FROM mail_message
        WHERE lower(recipient) IN (SELECT address FROM addresses) AND (organisation_id = $2 OR organisation_id IS NULL)
        ORDER BY created_at DESC`,
      [participantId, organisationId],
    );
  }

  /** The address the participant's account was anonymised to (by identity's erasure), if it was. */
  async erasedAccountAddress(participantId: string, organisationId: string): Promise<string | undefined> {
    const [row] = await this.query<{ email: string }>(
      `SELECT u.email FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 AND u.email = 'erased-' || u.id || '@invalid'`,
      [participantId, organisationId],
    );
    return row?.email;
  }

  /** Of these addresses, those another person (a participant in the organisation, any account) still uses. */
  async addressesInUse(addresses: string[], organisationId: string, participantId: string): Promise<Set<string>> {
    const rows = await this.query<{ email: string }>(
      `SELECT lower(email) AS email FROM participant WHERE organisation_id = $1 AND id <> $2 AND erased_at IS NULL AND lower(email) = ANY($3)
       UNION SELECT lower(email) FROM user_account WHERE lower(email) = ANY($3)`,
      [organisationId, participantId, addresses],
    );
    return new Set(rows.map((row) => row.email));
  }

  /** Unsent mail about the participant, or to one of these addresses, goes. */
  async deleteUnsentAbout(participantId: string, addresses: string[], organisationId: string): Promise<number> {
    const removed = await this.query(
      `DELETE FROM mail_message
        WHERE status <> 'sent' AND (${ABOUT_OR_TO}) RETURNING id`,
      [participantId, addresses, organisationId],
    );
    return affectedRows(removed);
  }

  /**
   * Sent mail about the participant, or to one of these addresses, is kept as
   * a bare delivery record: the recipient becomes `erasedAddress` when it was
   * one of the participant's addresses, else (an employer contact, a coach)
   * `anonymousRecipient`; subject, bodies, raw message, context and
   * attachments go.
   */
  async anonymiseSentAbout(
    participantId: string,
    addresses: string[],
    organisationId: string,
    erasedAddress: string,
    anonymousRecipient: string,
  ): Promise<number> {
    const anonymised = await this.query(
      `UPDATE mail_message
          SET recipient = CASE WHEN lower(recipient) = ANY($2) THEN $4 ELSE $5 END, ${ANONYMISED}
        WHERE status = 'sent' AND (${ABOUT_OR_TO}) RETURNING id`,
      [participantId, addresses, organisationId, erasedAddress, anonymousRecipient],
    );
    return affectedRows(anonymised);
  }
}

/** $1 the participant, $2 their addresses (lower case), $3 the organisation. */
const ABOUT_OR_TO = `(about_participant_id = $1 AND organisation_id = $3)
          OR (lower(recipient) = ANY($2) AND (organisation_id = $3 OR organisation_id IS NULL))`;
