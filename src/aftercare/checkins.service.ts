import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { appConfig } from '../config/app.config.js';
import { Clock } from '../common/clock/clock.js';
import { MailService } from '../mail/mail.service.js';
import { Placement } from '../placements/entities/placement.entity.js';
import { OnJob } from '../queue/job-handler.decorator.js';
import { JobName, QueueName } from '../queue/queue.constants.js';
import { QueueService } from '../queue/queue.service.js';
import { type Scheduled, SchedulerService } from '../queue/scheduler.service.js';
import { addDays } from '../rules/calculations/dates.js';
import { checkinDates } from './checkin-schedule.js';
import { Checkin } from './entities/checkin.entity.js';
import type { MonitoringFrequency } from './handover-checklist.js';

/** When the coach hears about a check-in: before, after a grace period, and when it stays open (to the team lead). */
export const CHECKIN_TIMING = { reminderDaysBefore: 2, overdueDaysAfter: 2, escalationDaysAfter: 7, noContactDays: 30 } as const;
const RECONCILE_EVERY_MS = 15 * 60_000;
/** Check-ins further back than this are not chased any more by reminders. */
const RECONCILE_LOOKBACK_DAYS = 14;

type CheckinNotice = 'reminder' | 'overdue' | 'escalation';

interface CheckinJob extends Scheduled {
  checkinId: string;
  dueOn: string;
}

interface NoContactJob extends Scheduled {
  placementId: string;
  lastContactAt: string;
}

const NOTICE_JOBS: Record<CheckinNotice, JobName> = {
  reminder: JobName.CheckinReminder,
  overdue: JobName.CheckinOverdue,
  escalation: JobName.CheckinEscalation,
};

/**
 * Plans check-ins from the monitoring plan and runs their reminders and
 * escalations as delayed jobs. The database is the source of truth: jobs are
 * derived from it (reconcile), carry the due date they were planned for, and
 * do nothing when the check-in moved, was done or was cancelled meanwhile.
 */
@Injectable()
export class CheckinsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CheckinsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: SchedulerService,
    private readonly queues: QueueService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    // A lost or emptied queue is rebuilt from the database at start-up and then every quarter of an hour.
    await this.queues
      .queue(QueueName.Scheduler)
      .upsertJobScheduler('aftercare-reconcile', { every: RECONCILE_EVERY_MS }, { name: JobName.AftercareReconcile, data: {} });
  }

  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /**
   * (Re)plans the future check-ins of a placement from its monitoring plan:
   * planned ones after today are replaced, done and missed ones stay, and no
   * day gets two. Call `reconcilePlacement` after the transaction commits.
   */
  async generate(placementId: string, manager: EntityManager, from = this.today()): Promise<number> {
    const placement = await manager.getRepository(Placement).findOneByOrFail({ id: placementId });
    if (!placement.monitoringFrequency || !placement.aftercareEndOn) return 0;
    await manager.query("UPDATE checkin SET status = 'cancelled' WHERE placement_id = $1 AND status = 'planned' AND due_on > $2", [
      placementId,
      from,
    ]);
    const dates = checkinDates(placement.monitoringFrequency as MonitoringFrequency, from, placement.aftercareEndOn).filter(
      (date) => date > from,
    );
    if (dates.length === 0) return 0;
    const [{ held }] = await manager.query(
      "SELECT count(*)::int AS held FROM checkin WHERE placement_id = $1 AND status IN ('done', 'missed')",
      [placementId],
    );
    const inserted = await manager.query(
      `INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, first_after_start)
       SELECT $1, $2, $3, d.due_on::date, 'planned', $5 AND d.ordinality = 1
         FROM unnest($4::text[]) WITH ORDINALITY AS d(due_on, ordinality)
       ON CONFLICT DO NOTHING RETURNING id`,
      [placement.organisationId, placementId, placement.coachMembershipId, dates, held === 0],
    );
    return inserted.length;
  }

  /** Makes sure every planned check-in of the placement has its reminder jobs. */
  async reconcilePlacement(placementId: string): Promise<number> {
    const rows = await this.dataSource.getRepository(Checkin).find({ where: { placementId, status: 'planned' } });
    for (const checkin of rows) await this.scheduleNotices(checkin);
    return rows.length;
  }

  /** Rebuilds the delayed jobs from the database; deterministic job ids make this safe to repeat. */
  @OnJob(JobName.AftercareReconcile)
  async reconcile(): Promise<number> {
    const since = addDays(this.today(), -RECONCILE_LOOKBACK_DAYS);
    let scheduled = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.query(
        `SELECT c.id, c.due_on::text AS due_on FROM checkin c JOIN placement p ON p.id = c.placement_id
          WHERE c.status = 'planned' AND c.due_on >= $1 AND p.status = 'aftercare' AND c.id > $2 ORDER BY c.id LIMIT 500`,
        [since, after],
      );
      if (batch.length === 0) break;
      for (const row of batch as Array<{ id: string; due_on: string }>)
        await this.scheduleNotices({ id: row.id, dueOn: row.due_on } as Checkin);
      scheduled += batch.length;
      after = batch[batch.length - 1].id;
    }
    const placements = await this.dataSource.query(
      "SELECT id, last_contact_at FROM placement WHERE status = 'aftercare' AND last_contact_at IS NOT NULL",
    );
    for (const row of placements as Array<{ id: string; last_contact_at: Date }>) await this.scheduleNoContact(row.id, row.last_contact_at);
    this.logger.log({ checkins: scheduled, placements: placements.length }, 'aftercare jobs reconciled');
    return scheduled;
  }

  async scheduleNotices(checkin: Pick<Checkin, 'id' | 'dueOn'>): Promise<void> {
    const at = (days: number) => new Date(`${addDays(checkin.dueOn, days)}T07:00:00Z`);
    const plan: Array<[CheckinNotice, Date]> = [
      ['reminder', at(-CHECKIN_TIMING.reminderDaysBefore)],
      ['overdue', at(CHECKIN_TIMING.overdueDaysAfter)],
      ['escalation', at(CHECKIN_TIMING.escalationDaysAfter)],
    ];
    for (const [notice, runAt] of plan) {
      await this.scheduler.schedule<Omit<CheckinJob, 'runAt'>>(
        NOTICE_JOBS[notice],
        { checkinId: checkin.id, dueOn: checkin.dueOn },
        runAt,
        `${checkin.id}.${checkin.dueOn}`,
      );
    }
  }

  async scheduleNoContact(placementId: string, lastContactAt: Date): Promise<void> {
    const runAt = new Date(lastContactAt.getTime() + CHECKIN_TIMING.noContactDays * 86_400_000);
    await this.scheduler.schedule<Omit<NoContactJob, 'runAt'>>(
      JobName.PlacementNoContact,
      { placementId, lastContactAt: lastContactAt.toISOString() },
      runAt,
      `${placementId}.${lastContactAt.getTime()}`,
    );
  }

  @OnJob(JobName.CheckinReminder)
  remind(job: CheckinJob): Promise<string> {
    return this.notify(job, 'reminder');
  }

  @OnJob(JobName.CheckinOverdue)
  overdue(job: CheckinJob): Promise<string> {
    return this.notify(job, 'overdue');
  }

  @OnJob(JobName.CheckinEscalation)
  escalate(job: CheckinJob): Promise<string> {
    return this.notify(job, 'escalation');
  }

  @OnJob(JobName.PlacementNoContact)
  async noContact(job: NoContactJob): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT p.status, p.last_contact_at, p.organisation_id, pa.first_name, u.email, u.display_name, u.locale
         FROM placement p JOIN participant pa ON pa.id = p.participant_id
         LEFT JOIN membership m ON m.id = p.coach_membership_id LEFT JOIN user_account u ON u.id = m.user_id
        WHERE p.id = $1`,
      [job.placementId],
    );
    if (!row || row.status !== 'aftercare' || !row.email) return 'skipped';
    if (row.last_contact_at && new Date(row.last_contact_at).getTime() > new Date(job.lastContactAt).getTime()) return 'skipped';
    if (!this.scheduler.isDue(job)) return 'early';
    await this.mail.queue({
      organisationId: row.organisation_id,
      template: 'placement-no-contact',
      locale: row.locale,
      to: row.email,
      context: { name: row.display_name, participant: row.first_name, days: CHECKIN_TIMING.noContactDays },
      dedupeKey: `placement.${job.placementId}.no-contact.${job.lastContactAt}`,
    });
    return 'sent';
  }

  /** One mail per check-in and kind, ever: the outbox's unique key makes retries and reconciliation harmless. */
  private async notify(job: CheckinJob, notice: CheckinNotice): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT c.status, c.due_on::text AS due_on, c.organisation_id, pa.first_name AS participant, p.status AS placement_status,
              u.email AS coach_email, u.display_name AS coach_name, u.locale AS coach_locale, m.team_id,
              EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
         FROM checkin c JOIN placement p ON p.id = c.placement_id JOIN participant pa ON pa.id = p.participant_id
         LEFT JOIN membership m ON m.id = c.coach_membership_id LEFT JOIN user_account u ON u.id = m.user_id
        WHERE c.id = $1`,
      [job.checkinId],
    );
    // Moved, done, missed or cancelled since the job was planned: the job is stale.
    if (!row || row.status !== 'planned' || row.due_on !== job.dueOn || row.placement_status !== 'aftercare') return 'skipped';
    if (!this.scheduler.isDue(job)) return 'early';
    let to = { email: row.coach_email as string | null, name: row.coach_name as string, locale: row.coach_locale as 'nl' | 'en' };
    if (notice === 'escalation') {
      const [lead] = await this.dataSource.query(
        "SELECT u.email, u.display_name AS name, u.locale FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.team_id = $1 AND m.role = 'team_lead' AND m.status = 'active' ORDER BY m.created_at LIMIT 1",
        [row.team_id],
      );
      if (!lead) return 'no-team-lead';
      to = lead;
    }
    if (!to.email) return 'no-recipient';
    await this.mail.queue({
      organisationId: row.organisation_id,
      template: `checkin-${notice}`,
      locale: to.locale,
      to: to.email,
      context: {
        name: to.name,
        participant: row.participant,
        dueOn: job.dueOn,
        coach: row.coach_name,
        prepared: row.prepared,
        days: CHECKIN_TIMING.escalationDaysAfter,
      },
      dedupeKey: `checkin.${job.checkinId}.${notice}`,
    });
    return 'sent';
  }
}
