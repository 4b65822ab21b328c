import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Request } from 'express';
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { Clock } from '../clock/clock.js';
import { appConfig } from '../config/app.config.js';
import { mailConfig } from '../config/mail.config.js';
import { OnJob, PermanentJobError } from '../queue/job-handler.decorator.js';
import { JobName } from '../queue/queue.constants.js';
import { QueueService } from '../queue/queue.service.js';
import { type Scheduled, SchedulerService } from '../queue/scheduler.service.js';
import { WorkerService } from '../queue/worker.service.js';
import { Transactions } from '../database/transactions.js';
import { type MailAttachment, MailMessage, type MailStatus } from './entities/mail-message.entity.js';
import { type Locale, MailTemplateService } from './mail-template.service.js';
import { isPermanentMailError, MailTransport } from './mail-transport.js';
import { type ComposedMailRow, MailRepository } from './mail.repository.js';

export interface MailRequest {
  organisationId: string | null;
  template: string;
  locale: Locale;
  to: string;
  context: Record<string, unknown>;
  /** One mail per key, ever: retries and repeats of the same purpose reuse it. */
  dedupeKey: string;
  attachments?: MailAttachment[];
  /** The participant the mail names, whoever receives it: erasure removes or anonymises it. */
  aboutParticipantId?: string | null;
}

/**
 * Answers, just before sending, which of these prepared mails (by dedupe key)
 * are no longer wanted because what they are about changed meanwhile.
 */
export type MailWithdrawalCheck = (dedupeKeys: string[]) => Promise<Set<string>>;

interface SendMailJob {
  mailId: string;
}

interface SendMailBatchJob extends Partial<Scheduled> {
  mailIds: string[];
}

/** How many mails one batch job hands to the transport, how many it has in flight at once, and how often it marks them sent. */
export const MAIL_BATCH = { size: 200, parallel: 8, markEvery: 25 } as const;

/**
 * How long a job's claim on a mail lasts: longer than the transport can take
 * (SMTP timeouts of 10 + 10 + 20 s per message; a batch sends MAIL_BATCH.size
 * of them MAIL_BATCH.parallel at a time).
 */
const CLAIM_MS = { single: 2 * 60_000, batch: 20 * 60_000 } as const;

/** The claimant: the job (its id and attempt are stable across a redelivery of the same job). */
function jobIdentity(job: Job | undefined): string {
  return job?.id ? `job:${job.name}:${job.id}` : `call:${randomUUID()}`;
}

/** Mail that stays "queued" longer than this without a job is queued again by the sweep. */
const STALE_QUEUED_MS = 5 * 60_000;
/** How often the sweep runs (and once at worker start): a lost mail waits at most this long past STALE_QUEUED_MS. */
export const SWEEP_OUTBOX_EVERY_MS = 60_000;

/** The mails a browser may read in the local outbox as their recipient: by dedupe key, or all to a signed-in address. */
export type OwnMailLookup = (request: Request) => Promise<{ dedupeKeys: string[]; recipient?: { organisationId: string; email: string } }>;

@Injectable()
export class MailService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MailService.name);
  private readonly withdrawalChecks = new Map<string, MailWithdrawalCheck>();
  private ownMailLookup?: OwnMailLookup;

  constructor(
    private readonly repository: MailRepository,
    private readonly queues: QueueService,
    private readonly workers: WorkerService,
    private readonly templates: MailTemplateService,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly scheduler: SchedulerService,
    private readonly transactions: Transactions,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    await this.scheduler.repeat('mail-sweep-outbox', JobName.SweepOutbox, SWEEP_OUTBOX_EVERY_MS);
  }

  onModuleInit(): void {
    this.workers.onFinalFailure(JobName.SendMail, async ({ data, error }) => {
      const { mailId } = data as SendMailJob;
      await this.repository.failIfPending(mailId, truncate(error.message));
    });
  }

  /** Registers the check for prepared mails whose dedupe key starts with `prefix` (e.g. "checkin."). */
  onWithdrawalCheck(prefix: string, check: MailWithdrawalCheck): void {
    this.withdrawalChecks.set(prefix, check);
  }

  /**
   * Records the mail in the outbox (inside the open transaction) and returns its id.
   * Call `dispatch` after the transaction commits.
   */
  async record(request: MailRequest): Promise<string> {
    if (!this.templates.exists(request.template, request.locale)) {
      throw new Error(`Mail template ${request.template}/${request.locale} does not exist`);
    }
    return this.repository.insertOnce({
      organisationId: request.organisationId,
      dedupeKey: request.dedupeKey,
      template: request.template,
      locale: request.locale,
      recipient: request.to,
      context: request.context,
      attachments: request.attachments ?? [],
      aboutParticipantId: request.aboutParticipantId ?? null,
      messageId: `<${randomUUID()}@${this.config.messageIdDomain}>`,
      status: 'queued',
    });
  }

  /**
   * Records many mails at once, composed now (bulk paths such as the morning's
   * check-in reminders). Returns the ids of the rows it created; a dedupe key
   * already in the outbox is skipped, so a repeated run records nothing twice.
   */
  async recordMany(requests: MailRequest[], sendAfter?: Date): Promise<string[]> {
    if (requests.length === 0) return [];
    const rows: ComposedMailRow[] = [];
    for (const request of requests) {
      const composed = this.templates.compose(request.template, request.locale, request.context);
      const messageId = `<${randomUUID()}@${this.config.messageIdDomain}>`;
      // Prepared ahead: the MIME message is built now, so that releasing it at its moment is only the hand-over.
      const fields = { recipient: request.to, messageId, attachments: request.attachments ?? [], ...composed };
      rows.push({
        organisationId: request.organisationId,
        dedupeKey: request.dedupeKey,
        template: request.template,
        locale: request.locale,
        recipient: request.to,
        messageId,
        ...composed,
        raw: sendAfter ? await new MailComposer({ ...this.message(fields), date: sendAfter }).compile().build() : null,
        aboutParticipantId: request.aboutParticipantId ?? null,
      });
    }
    return this.repository.insertMany(rows, sendAfter);
  }

  /** Hands recorded mails to the queue in batch jobs (one job per MAIL_BATCH.size mails), released at `sendAfter`. */
  async dispatchMany(mailIds: string[], sendAfter?: Date): Promise<void> {
    await this.transactions.afterCommit(() => this.enqueueMany(mailIds, sendAfter));
  }

  private async enqueueMany(mailIds: string[], sendAfter?: Date): Promise<void> {
    for (let start = 0; start < mailIds.length; start += MAIL_BATCH.size) {
      const batch = mailIds.slice(start, start + MAIL_BATCH.size);
      if (sendAfter) await this.scheduler.schedule<SendMailBatchJob>(JobName.SendMailBatch, { mailIds: batch }, sendAfter, batch[0]);
      else await this.queues.enqueue<SendMailBatchJob>(JobName.SendMailBatch, { mailIds: batch }, { key: batch[0] });
    }
  }

  /** Hands a recorded mail to the queue; inside a transaction, once it has committed (the job must find the row). */
  async dispatch(mailId: string): Promise<void> {
    await this.transactions.afterCommit(async () => {
      await this.queues.enqueue<SendMailJob>(JobName.SendMail, { mailId }, { key: mailId });
    });
  }

  /** Record and dispatch in one step, for callers without a transaction of their own. */
  async queue(request: MailRequest): Promise<string> {
    const id = await this.record(request);
    await this.dispatch(id);
    return id;
  }

  @OnJob(JobName.SendMail)
  async send({ mailId }: SendMailJob, job?: Job): Promise<'sent' | 'skipped'> {
    const [claimed] = await this.repository.claim([mailId], jobIdentity(job), CLAIM_MS.single);
    if (!claimed) {
      if (!(await this.repository.exists(mailId))) throw new PermanentJobError(`mail ${mailId} does not exist`);
      return 'skipped'; // sent, failed, or being sent by another job right now
    }
    const mail = await this.repository.find(mailId);
    if (!mail) throw new PermanentJobError(`mail ${mailId} does not exist`);
    if ((await this.withdraw([mail])).size > 0) return 'skipped';
    await this.composeIfNeeded(mail);
    try {
      await this.transport.send(this.message(mail));
    } catch (error) {
      const permanent = await this.markRefused(mail, error);
      if (permanent) throw new PermanentJobError(error instanceof Error ? error.message : String(error));
      throw error;
    }
    await this.markSent([mail.id]);
    return 'sent';
  }

  /**
   * Sends a batch with a few mails in flight at once and marks them sent in
   * bulk. A mail the transport refuses leaves the batch: a permanent refusal
   * is marked failed, anything else is handed to its own job, which retries
   * it with backoff. The batch itself never fails for one mail.
   */
  @OnJob(JobName.SendMailBatch)
  async sendBatch(data: SendMailBatchJob, job?: Job): Promise<{ sent: number; refused: number } | 'early'> {
    if (data.runAt && !this.scheduler.isDue(data as Scheduled)) return 'early';
    const claimed = await this.repository.claim(data.mailIds, jobIdentity(job), CLAIM_MS.batch);
    const found = await this.repository.findMany(claimed);
    const withdrawn = await this.withdraw(found);
    const mails = found.filter((mail) => !withdrawn.has(mail.id));
    let sent = 0;
    let refused = 0;
    let next = 0;
    const done: string[] = [];
    // Marked sent in steps, so a crash mid-batch resends as little as possible without a round trip per mail.
    const flush = async (least: number) => {
      if (done.length >= least) sent += await this.markSent(done.splice(0));
    };
    const sender = async () => {
      for (let mail = mails[next++]; mail; mail = mails[next++]) {
        await this.composeIfNeeded(mail);
        try {
          await this.transport.send(this.message(mail));
          done.push(mail.id);
        } catch (error) {
          refused += 1;
          if (!(await this.markRefused(mail, error))) await this.dispatch(mail.id);
        }
        await flush(MAIL_BATCH.markEvery);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAIL_BATCH.parallel, mails.length) }, sender));
    await flush(1);
    return { sent, refused };
  }

  /**
   * Deletes the prepared mails that are no longer wanted (never sent, so
   * nothing is lost: a later purpose may record the same key again) and
   * returns their ids.
   */
  private async withdraw(mails: MailMessage[]): Promise<Set<string>> {
    const withdrawn = new Set<string>();
    for (const [prefix, check] of this.withdrawalChecks) {
      const keys = mails.filter((mail) => mail.dedupeKey.startsWith(prefix)).map((mail) => mail.dedupeKey);
      if (keys.length === 0) continue;
      const unwanted = await check(keys);
      for (const mail of mails) if (unwanted.has(mail.dedupeKey)) withdrawn.add(mail.id);
    }
    if (withdrawn.size > 0) {
      await this.repository.deleteUnsent([...withdrawn]);
      this.logger.log({ mails: withdrawn.size }, 'prepared mails withdrawn before sending');
    }
    return withdrawn;
  }

  private async markSent(mailIds: string[]): Promise<number> {
    if (mailIds.length === 0) return 0;
    await this.repository.markSent(mailIds, this.clock.now());
    return mailIds.length;
  }

  /** Records a refusal; true when it is permanent (the mail is then failed for good). */
  private async markRefused(mail: MailMessage, error: unknown): Promise<boolean> {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = isPermanentMailError(error);
    await this.repository.markRefused(mail.id, permanent ? 'failed' : 'retrying', mail.attempts + 1, truncate(message));
    this.logger.warn({ mailId: mail.id, permanent }, 'mail transport refused the message');
    return permanent;
  }

  private async composeIfNeeded(mail: MailMessage): Promise<void> {
    if (mail.html !== null && mail.subject !== null && mail.text !== null) return;
    const composed = this.templates.compose(mail.template, mail.locale as Locale, mail.context);
    Object.assign(mail, composed, { context: {} });
    await this.repository.saveComposed(mail.id, composed);
  }

  private message(
    mail: Pick<MailMessage, 'recipient' | 'subject' | 'html' | 'text' | 'messageId' | 'attachments'> & { rawMessage?: Buffer | null },
  ): SendMailOptions {
    const options: SendMailOptions = {
      from: { name: this.config.fromName, address: this.config.from },
      to: mail.recipient,
      subject: mail.subject!,
      html: mail.html!,
      text: mail.text!,
      messageId: mail.messageId,
      attachments: mail.attachments
        .filter((attachment) => !attachment.method)
        .map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content, 'base64'),
        })),
      icalEvent: calendarPart(mail.attachments),
    };
    // A prebuilt message goes out as it is; the envelope cannot be read from it, so it is given.
    return mail.rawMessage ? { ...options, raw: mail.rawMessage, envelope: { from: this.config.from, to: mail.recipient } } : options;
  }

  /** The organisation's mail (and the installation's own), newest first. */
  page(organisationId: string, statuses: MailStatus[], skip: number, take: number): Promise<[MailMessage[], number]> {
    return this.repository.pageForOrganisation(organisationId, statuses, skip, take);
  }

  /** One mail of the organisation (or the installation's own); undefined for another organisation's. */
  async findForOrganisation(mailId: string, organisationId: string): Promise<MailMessage | undefined> {
    return (await this.repository.findForOrganisation(mailId, organisationId)) ?? undefined;
  }

  /** For the local outbox page: one organisation's newest mails (never another's, nor the installation's own). */
  newestOfOrganisation(organisationId: string, take: number): Promise<MailMessage[]> {
    return this.repository.newestOfOrganisation(organisationId, take);
  }

  /** For the local outbox page: the mails this browser may read as their recipient (see onOwnMailLookup). */
  async ownMail(request: Request, take: number): Promise<MailMessage[]> {
    if (!this.ownMailLookup) return [];
    const { dedupeKeys, recipient } = await this.ownMailLookup(request);
    return this.repository.newestMatching(dedupeKeys, recipient, take);
  }

  /** Identity tells which mails belong to the person at this browser (its link nonce, its signed-in account). */
  onOwnMailLookup(lookup: OwnMailLookup): void {
    this.ownMailLookup = lookup;
  }

  async find(mailId: string): Promise<MailMessage | undefined> {
    return (await this.repository.find(mailId)) ?? undefined;
  }

  /** Queues again what was recorded but never handed to the queue (a crash between commit and enqueue). */
  @OnJob(JobName.SweepOutbox)
  async sweep(): Promise<number> {
    const stale = new Date(this.clock.now().getTime() - STALE_QUEUED_MS);
    // Not while a job holds its claim (the database's own clock, as the claim was set with it), nor before it may go out.
    const waiting = await this.repository.waiting(stale, 1000);
    for (const id of waiting) await this.dispatch(id);
    return waiting.length;
  }
}

function calendarPart(attachments: MailAttachment[]): { method: string; content: string; filename: string } | undefined {
  const invite = attachments.find((attachment) => attachment.method);
  if (!invite) return undefined;
  return { method: invite.method!, filename: invite.filename, content: Buffer.from(invite.content, 'base64').toString('utf8') };
}

function truncate(message: string): string {
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
