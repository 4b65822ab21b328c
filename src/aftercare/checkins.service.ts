import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../platform/config/app.config.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { MembershipsService, type Recipient } from '../identity/memberships.service.js';
import { localDate } from '../rules/calculations/working-days.js';
import { type MailRequest, MailService } from '../platform/mail/mail.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName, QueueName } from '../platform/queue/queue.constants.js';
import { QueueService } from '../platform/queue/queue.service.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { addDays } from '../rules/calculations/dates.js';
import { checkinDates } from './checkin-schedule.js';
import { CheckinsRepository, type NoticeRow } from './checkins.repository.js';
import type { Checkin } from './entities/checkin.entity.js';
import type { MonitoringFrequency } from './handover-checklist.js';

/** When the coach hears about a check-in: before, after a grace period, and when it stays open (to the team lead). */
export const CHECKIN_TIMING = { reminderDaysBefore: 2, overdueDaysAfter: 2, escalationDaysAfter: 7, noContactDays: 30 } as const;
const RECONCILE_EVERY_MS = 15 * 60_000;
/** Check-ins further back than this are not chased any more by reminders. */
const RECONCILE_LOOKBACK_DAYS = 14;

type CheckinNotice = 'reminder' | 'overdue' | 'escalation';

/** Notices go out at 07:00 UTC (08:00 or 09:00 in the Netherlands), this many days from the check-in's due date. */
const NOTICE_DAY_OFFSET: Record<CheckinNotice, number> = {
  reminder: -CHECKIN_TIMING.reminderDaysBefore,
  overdue: CHECKIN_TIMING.overdueDaysAfter,
  escalation: CHECKIN_TIMING.escalationDaysAfter,
};
const NOTICE_HOUR_UTC = 'T07:00:00Z';
const NOTICES = Object.keys(NOTICE_DAY_OFFSET) as CheckinNotice[];
/** Check-ins read and mails recorded per step of a sweep. */
const SWEEP_BATCH = 1000;

/**
 * How long before a notice moment its sweep runs: the mails are composed and
 * recorded then, and released to the transport at the moment itself, so a
 * morning with thousands of reminders is not late by the time it takes to
 * prepare them.
 */
export const NOTICE_PREPARE_AHEAD_MS = 60_000;

/** One job per kind of notice and moment: it sends every notice of that kind that is due and not sent yet. */
interface NoticeSweepJob extends Scheduled {
  notice: CheckinNotice;
  /** The notice moment the sweep prepares for (runAt is a little earlier). */
  moment?: string;
}

interface NoContactJob extends Scheduled {
  placementId: string;
  lastContactAt: string;
}

/**
 * Plans check-ins from the monitoring plan and runs their reminders and
 * escalations as delayed jobs. The database is the source of truth: jobs are
 * derived from it (reconcile), carry the due date they were planned for, and
 * do nothing when the check-in moved, was done or was cancelled meanwhile.
 */
@Injectable()
export class CheckinsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CheckinsService.name);

  constructor(
    private readonly repository: CheckinsRepository,
    private readonly transactions: Transactions,
    private readonly scheduler: SchedulerService,
    private readonly queues: QueueService,
    private readonly mail: MailService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    this.mail.onWithdrawalCheck('checkin.', (keys) => this.unwantedNotices(keys));
  }

  /**
   * Prepared notices whose check-in was done, missed, cancelled or moved to a
   * later day, or whose placement left aftercare, since they were composed.
   * A moved check-in gets its notice again from the sweep of its new moment.
   */
  private async unwantedNotices(keys: string[]): Promise<Set<string>> {
    const wanted = keys.map((key) => key.split('.')).filter(([, id, notice]) => id && notice in NOTICE_DAY_OFFSET);
    const rows = await this.repository.noticeStates([...new Set(wanted.map(([, id]) => id))]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const latest = this.clock.now().getTime() + NOTICE_PREPARE_AHEAD_MS;
    const unwanted = new Set<string>();
    for (const [prefix, id, notice] of wanted) {
      const row = byId.get(id);
      const stillDue =
        row?.status === 'planned' &&
        row.placement_status === 'aftercare' &&
        noticeMoment(row.due_on, notice as CheckinNotice).getTime() <= latest;
      if (!stillDue) unwanted.add(`${prefix}.${id}.${notice}`);
    }
    return unwanted;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    // A lost or emptied queue is rebuilt from the database at start-up and then every quarter of an hour.
    await this.queues
      .queue(QueueName.Scheduler)
      .upsertJobScheduler('aftercare-reconcile', { every: RECONCILE_EVERY_MS }, { name: JobName.AftercareReconcile, data: {} });
  }

  /** The Dutch calendar day: check-ins are due on days as the coach and participant see them. */
  today(): string {
    return localDate(this.clock.now());
  }

  /**
   * (Re)plans the future check-ins of a placement from its monitoring plan:
   * planned ones after today are replaced, done and missed ones stay, and no
   * day gets two. Joins the caller's transaction; call `reconcilePlacement` after it commits.
   */
  async generate(placementId: string, from = this.today()): Promise<number> {
    return this.transactions.run(async () => {
      const placement = await this.repository.placement(placementId);
      if (!placement.monitoringFrequency || !placement.aftercareEndOn) return 0;
      await this.repository.cancelPlannedAfter(placementId, from);
      const dates = checkinDates(placement.monitoringFrequency as MonitoringFrequency, from, placement.aftercareEndOn).filter(
        (date) => date > from,
      );
      if (dates.length === 0) return 0;
      const held = await this.repository.heldCount(placementId);
      return this.repository.insertPlanned(placement, dates, held === 0);
    });
  }

  /**
   * For the demo data only: planned check-ins on these days, none of them the
   * first after the start, whatever the monitoring plan says. Joins the open
   * transaction; the reconcile job plans their notices. Returns how many were added.
   */
  async seedDemoCheckins(placementId: string, dates: string[]): Promise<number> {
    return this.transactions.run(async () => this.repository.insertPlanned(await this.repository.placement(placementId), dates, false));
  }

  /** Makes sure every planned check-in of the placement has its notice sweeps planned. */
  async reconcilePlacement(placementId: string): Promise<number> {
    const rows = await this.repository.plannedForPlacement(placementId);
    await this.scheduleNotices(rows);
    return rows.length;
  }

  /**
   * Rebuilds the schedule from the database: sends what is due now, plans a
   * sweep for every future notice moment (one job per kind and day, however
   * many check-ins share it) and the no-contact alerts. Safe to repeat.
   */
  @OnJob(JobName.AftercareReconcile)
  async reconcile(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const notice of NOTICES) sent += await this.sweep(notice, now);
    const dates = await this.repository.plannedDueDates(
      addDays(this.today(), -RECONCILE_LOOKBACK_DAYS - CHECKIN_TIMING.escalationDaysAfter),
    );
    await this.scheduleNotices(
      dates.map((row) => ({ dueOn: row.due_on })),
      false,
    );
    const placements = await this.repository.lastContacts();
    for (const row of placements) await this.scheduleNoContact(row.id, row.last_contact_at);
    this.logger.log({ notices: sent, days: dates.length, placements: placements.length }, 'aftercare jobs reconciled');
    return dates.length;
  }

  /**
   * Plans the notice sweeps for these check-ins' due dates. A moment already
   * past gets a catch-up sweep now, unless `catchUp` is off because the
   * caller sweeps itself.
   */
  async scheduleNotices(checkins: Array<Pick<Checkin, 'dueOn'>>, catchUp = true): Promise<void> {
    const now = this.clock.now();
    const catchUpRun = randomUUID();
    const sweeps = new Map<string, { notice: CheckinNotice; moment: Date }>();
    for (const { dueOn } of checkins) {
      for (const notice of NOTICES) {
        const moment = noticeMoment(dueOn, notice);
        const past = moment.getTime() <= now.getTime();
        if (past && !catchUp) continue;
        // The sweep of a past moment may have run before this check-in existed; a catch-up sweep is cheap and harmless.
        const key = past ? `${notice}.catch-up.${catchUpRun}` : `${notice}.${moment.toISOString()}`;
        sweeps.set(key, { notice, moment: past ? now : moment });
      }
    }
    for (const [key, { notice, moment }] of sweeps) {
      const runAt = new Date(Math.max(now.getTime(), moment.getTime() - NOTICE_PREPARE_AHEAD_MS));
      await this.scheduler.schedule<Omit<NoticeSweepJob, 'runAt'>>(
        JobName.CheckinNotices,
        { notice, moment: moment.toISOString() },
        runAt,
        key,
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

  @OnJob(JobName.CheckinNotices)
  async sweepNotices(job: NoticeSweepJob): Promise<number | 'early'> {
    if (!this.scheduler.isDue(job)) return 'early';
    return this.sweep(job.notice, new Date(job.moment ?? job.runAt));
  }

  @OnJob(JobName.PlacementNoContact)
  async noContact(job: NoContactJob): Promise<string> {
    const row = await this.repository.noContactRow(job.placementId);
    const coach = row ? await this.memberships.recipient(row.coach_membership_id) : undefined;
    if (!row || row.status !== 'aftercare' || !coach?.email) return 'skipped';
    if (row.last_contact_at && new Date(row.last_contact_at).getTime() > new Date(job.lastContactAt).getTime()) return 'skipped';
    if (!this.scheduler.isDue(job)) return 'early';
    await this.mail.queue({
      organisationId: row.organisation_id,
      template: 'placement-no-contact',
      locale: coach.locale,
      to: coach.email,
      context: { name: coach.displayName, participant: row.first_name, days: CHECKIN_TIMING.noContactDays },
      dedupeKey: `placement.${job.placementId}.no-contact.${job.lastContactAt}`,
      aboutParticipantId: row.participant_id,
    });
    return 'sent';
  }

  /**
   * Sends every notice of this kind whose moment lies between `moment` minus
   * the look-back and `moment` (or now, if later), for check-ins still planned
   * in a placement in aftercare, that has no mail yet. One mail per check-in
   * and kind, ever: the outbox's unique key makes overlapping sweeps, retries
   * and reconciliation harmless. Mails are composed here in bulk and sent by
   * batch jobs, released at `moment` when that is still ahead.
   */
  private async sweep(notice: CheckinNotice, moment: Date): Promise<number> {
    const now = this.clock.now();
    const offset = NOTICE_DAY_OFFSET[notice];
    const window = {
      first: addDays(firstNoticeDay(new Date(moment.getTime() - RECONCILE_LOOKBACK_DAYS * 86_400_000)), -offset),
      last: addDays(lastNoticeDay(moment > now ? moment : now), -offset),
    };
    const sendAfter = moment > now ? moment : undefined;
    if (window.first > window.last) return 0;
    let recorded = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.repository.noticeBatch(window.first, window.last, after, notice, SWEEP_BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const requests = await this.noticeMails(notice, rows);
      const ids = await this.transactions.run(() => this.mail.recordMany(requests, sendAfter));
      await this.mail.dispatchMany(ids, sendAfter);
      recorded += ids.length;
      if (rows.length < SWEEP_BATCH) break;
    }
    if (recorded > 0) this.logger.log({ notice, mails: recorded }, 'check-in notices queued');
    return recorded;
  }

  /** The page's coaches (and, for escalations, their teams' leads) come from one read per page, not per check-in. */
  private async noticeMails(notice: CheckinNotice, rows: NoticeRow[]): Promise<MailRequest[]> {
    const coaches = await this.memberships.recipients(rows.map((row) => row.coach_membership_id).filter((id): id is string => !!id));
    const leads = notice === 'escalation' ? await this.teamLeadsOf(rows, coaches) : new Map<string, Recipient>();
    const requests: MailRequest[] = [];
    for (const row of rows) {
      const coach = row.coach_membership_id ? coaches.get(row.coach_membership_id) : undefined;
      const to = notice === 'escalation' ? (coach?.teamId ? leads.get(coach.teamId) : undefined) : coach;
      if (!to?.email) continue;
      requests.push({
        organisationId: row.organisation_id,
        template: `checkin-${notice}`,
        locale: to.locale,
        to: to.email,
        context: {
          name: to.displayName,
          participant: row.participant,
          dueOn: row.due_on,
          coach: coach?.displayName ?? null,
          prepared: row.prepared,
          days: CHECKIN_TIMING.escalationDaysAfter,
        },
        dedupeKey: `checkin.${row.id}.${notice}`,
        aboutParticipantId: row.participant_id,
      });
    }
    return requests;
  }

  /** Each team's usual lead (the oldest active team lead membership), by team id; one read per organisation in the page. */
  private async teamLeadsOf(rows: NoticeRow[], coaches: Map<string, Recipient>): Promise<Map<string, Recipient>> {
    const teamsByOrganisation = new Map<string, Set<string>>();
    for (const row of rows) {
      const coach = row.coach_membership_id ? coaches.get(row.coach_membership_id) : undefined;
      if (!coach?.teamId) continue;
      const teams = teamsByOrganisation.get(coach.organisationId) ?? new Set<string>();
      teams.add(coach.teamId);
      teamsByOrganisation.set(coach.organisationId, teams);
    }
    const leads = new Map<string, Recipient>();
    for (const [organisationId, teams] of teamsByOrganisation) {
      for (const lead of await this.memberships.teamLeads(organisationId, [...teams])) {
        if (lead.teamId && !leads.has(lead.teamId)) leads.set(lead.teamId, lead);
      }
    }
    return leads;
  }
}

/** When a notice of this kind for a check-in due on this day goes out. */
export function noticeMoment(dueOn: string, notice: CheckinNotice): Date {
  return new Date(`${addDays(dueOn, NOTICE_DAY_OFFSET[notice])}${NOTICE_HOUR_UTC}`);
}

/** The last day whose notice moment is not after `instant`. */
function lastNoticeDay(instant: Date): string {
  const day = instant.toISOString().slice(0, 10);
  return instant.getTime() >= new Date(`${day}${NOTICE_HOUR_UTC}`).getTime() ? day : addDays(day, -1);
}

/** The first day whose notice moment is not before `instant`. */
function firstNoticeDay(instant: Date): string {
  const day = instant.toISOString().slice(0, 10);
  return instant.getTime() <= new Date(`${day}${NOTICE_HOUR_UTC}`).getTime() ? day : addDays(day, 1);
}
