import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { Clock } from '../common/clock/clock.js';
import { mailConfig } from '../config/mail.config.js';
import { OnJob, PermanentJobError } from '../queue/job-handler.decorator.js';
import { JobName } from '../queue/queue.constants.js';
import { QueueService } from '../queue/queue.service.js';
import { WorkerService } from '../queue/worker.service.js';
import { type MailAttachment, MailMessage } from './entities/mail-message.entity.js';
import { type Locale, MailTemplateService } from './mail-template.service.js';
import { isPermanentMailError, MailTransport } from './mail-transport.js';

export interface MailRequest {
  organisationId: string | null;
  template: string;
  locale: Locale;
  to: string;
  context: Record<string, unknown>;
  /** One mail per key, ever: retries and repeats of the same purpose reuse it. */
  dedupeKey: string;
  attachments?: MailAttachment[];
}

interface SendMailJob {
  mailId: string;
}

/** Mail that stays "queued" longer than this without a job is queued again by the sweep. */
const STALE_QUEUED_MS = 5 * 60_000;

@Injectable()
export class MailService implements OnModuleInit {
  private readonly logger = new Logger(MailService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly workers: WorkerService,
    private readonly templates: MailTemplateService,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  onModuleInit(): void {
    this.workers.onFinalFailure(JobName.SendMail, async ({ data, error }) => {
      const { mailId } = data as SendMailJob;
      await this.dataSource
        .getRepository(MailMessage)
        .update({ id: mailId, status: In(['queued', 'retrying']) }, { status: 'failed', lastError: truncate(error.message) });
    });
  }

  /**
   * Records the mail in the outbox (inside the caller's transaction when one is
   * given) and returns its id. Call `dispatch` after the transaction commits.
   */
  async record(request: MailRequest, manager: EntityManager = this.dataSource.manager): Promise<string> {
    if (!this.templates.exists(request.template, request.locale)) {
      throw new Error(`Mail template ${request.template}/${request.locale} does not exist`);
    }
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MailMessage)
      .values({
        organisationId: request.organisationId,
        dedupeKey: request.dedupeKey,
        template: request.template,
        locale: request.locale,
        recipient: request.to,
        // TypeORM's deep-partial type does not accept an open record; the value is stored as jsonb.
        context: request.context as never,
        attachments: request.attachments ?? [],
        messageId: `<${randomUUID()}@${this.config.messageIdDomain}>`,
        status: 'queued',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (id) return id;
    const existing = await manager.getRepository(MailMessage).findOneByOrFail({ dedupeKey: request.dedupeKey });
    return existing.id;
  }

  async dispatch(mailId: string): Promise<void> {
    await this.queues.enqueue<SendMailJob>(JobName.SendMail, { mailId }, { key: mailId });
  }

  /** Record and dispatch in one step, for callers without a transaction of their own. */
  async queue(request: MailRequest): Promise<string> {
    const id = await this.record(request);
    await this.dispatch(id);
    return id;
  }

  @OnJob(JobName.SendMail)
  async send({ mailId }: SendMailJob): Promise<'sent' | 'skipped'> {
    const repository = this.dataSource.getRepository(MailMessage);
    const mail = await repository.findOneBy({ id: mailId });
    if (!mail) throw new PermanentJobError(`mail ${mailId} does not exist`);
    if (mail.status === 'sent' || mail.status === 'failed') return 'skipped';
    if (mail.html === null || mail.subject === null || mail.text === null) {
      const composed = this.templates.compose(mail.template, mail.locale as Locale, mail.context);
      Object.assign(mail, composed, { context: {} });
      await repository.update({ id: mail.id }, { ...composed, context: {} });
    }
    try {
      await this.transport.send({
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
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = isPermanentMailError(error);
      await repository.update(
        { id: mail.id },
        { status: permanent ? 'failed' : 'retrying', attempts: mail.attempts + 1, lastError: truncate(message) },
      );
      this.logger.warn({ mailId: mail.id, permanent }, 'mail transport refused the message');
      if (permanent) throw new PermanentJobError(message);
      throw error;
    }
    await repository.update({ id: mail.id }, { status: 'sent', sentAt: this.clock.now(), attempts: mail.attempts + 1, lastError: null });
    return 'sent';
  }

  /** Queues again what was recorded but never handed to the queue (a crash between commit and enqueue). */
  @OnJob(JobName.SweepOutbox)
  async sweep(): Promise<number> {
    const stale = await this.dataSource.getRepository(MailMessage).find({
      select: { id: true },
      where: { status: In(['queued', 'retrying']), updatedAt: LessThan(new Date(this.clock.now().getTime() - STALE_QUEUED_MS)) },
      take: 1000,
    });
    for (const { id } of stale) await this.dispatch(id);
    return stale.length;
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
