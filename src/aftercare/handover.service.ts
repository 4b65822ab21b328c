import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { ConflictProblem, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import { appConfig } from '../platform/config/app.config.js';
import { OneTimeToken } from '../identity/entities/one-time-token.entity.js';
import { hashToken, newToken } from '../identity/tokens.js';
import { MailService } from '../platform/mail/mail.service.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { Placement } from '../placements/entities/placement.entity.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { calendarAttachment } from './calendar-invitation.js';
import { CheckinsService } from './checkins.service.js';
import type { AttendanceDto, HandoverChecklistDto, HandoverDto, ScheduleHandoverDto } from './dto/handover.dto.js';
import { HandoverMeeting } from './entities/handover-meeting.entity.js';
import { type HandoverChecklist, missingChecklistItems } from './handover-checklist.js';

type PartyRole = 'participant' | 'coach' | 'employerContact';

interface Party {
  role: PartyRole;
  name: string;
  email: string;
  locale: Locale;
}

interface HandoverReminderJob extends Scheduled {
  handoverId: string;
  startsAt: string;
}

const CONFIRMATION_DAYS = 14;

const NO_DISCLOSURE_NOTICE =
  'The participant has not agreed that the employer may know a support organisation is involved. Werkbrug did not contact the employer; arrange the employer side together with the participant.';

@Injectable()
export class HandoverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly scheduler: SchedulerService,
    private readonly checkins: CheckinsService,
    private readonly audit: AuditService,
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async schedule(actor: Actor, placementId: string, input: ScheduleHandoverDto): Promise<HandoverDto> {
    this.assertPlace(input);
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= this.clock.now().getTime()) throw new RuleViolationException('startsAt', 'must be in the future');
    const { meeting, mailIds } = await this.dataSource.transaction(async (manager) => {
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: placementId });
      if (!['trial', 'contract'].includes(placement.status)) {
        throw new RuleViolationException(
          'placementId',
          `a handover is held for a placement in trial or contract (this one is ${placement.status})`,
        );
      }
      const existing = await manager.getRepository(HandoverMeeting).findOne({ where: { placementId }, order: { createdAt: 'DESC' } });
      if (existing && existing.status !== 'cancelled')
        throw new ConflictProblem('This placement already has a handover meeting. Reschedule that one.', 'handover-exists');
      const employerContacted = await this.disclosureAllowed(placement, manager);
      const saved = await manager.getRepository(HandoverMeeting).save({
        organisationId: actor.organisationId,
        placementId,
        status: 'scheduled',
        startsAt,
        durationMinutes: input.durationMinutes ?? 60,
        location: input.location ?? null,
        videoLink: input.videoLink ?? null,
        calendarUid: `handover-${placementId}@werkbrug`,
        calendarSequence: 0,
        reminderMinutesBefore: input.reminderMinutesBefore ?? 24 * 60,
        employerContacted,
        checklist: {},
        attendance: {},
        createdByUserId: actor.userId,
      });
      await this.audit.record(
        actor,
        { action: 'create', resourceType: 'handover_meeting', resourceId: saved.id, subjectParticipantId: placement.participantId },
        manager,
      );
      return { meeting: saved, mailIds: await this.sendCalendar(saved, placement, 'invitation', manager) };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    await this.scheduleReminder(meeting);
    return this.toDto(meeting);
  }

  async reschedule(actor: Actor, handoverId: string, input: ScheduleHandoverDto): Promise<HandoverDto> {
    this.assertPlace(input);
    const { meeting, mailIds } = await this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockOpen(handoverId, manager);
      if (meeting.status !== 'scheduled')
        throw new RuleViolationException('startsAt', 'only a meeting that has not been held can be moved');
      meeting.startsAt = new Date(input.startsAt);
      meeting.durationMinutes = input.durationMinutes ?? meeting.durationMinutes;
      meeting.location = input.location ?? null;
      meeting.videoLink = input.videoLink ?? null;
      meeting.reminderMinutesBefore = input.reminderMinutesBefore ?? meeting.reminderMinutesBefore;
      meeting.calendarSequence += 1;
      const saved = await manager.getRepository(HandoverMeeting).save(meeting);
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: meeting.placementId });
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'handover_meeting',
          resourceId: saved.id,
          subjectParticipantId: placement.participantId,
          fields: ['startsAt'],
        },
        manager,
      );
      return { meeting: saved, mailIds: await this.sendCalendar(saved, placement, 'update', manager) };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    await this.scheduleReminder(meeting);
    return this.toDto(meeting);
  }

  async cancel(actor: Actor, handoverId: string): Promise<HandoverDto> {
    const { meeting, mailIds } = await this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockOpen(handoverId, manager);
      if (meeting.status === 'completed') throw new RuleViolationException('status', 'a completed handover cannot be cancelled');
      meeting.status = 'cancelled';
      meeting.cancelledAt = this.clock.now();
      meeting.calendarSequence += 1;
      const saved = await manager.getRepository(HandoverMeeting).save(meeting);
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: meeting.placementId });
      await this.audit.record(
        actor,
        {
          action: 'update',
          resourceType: 'handover_meeting',
          resourceId: saved.id,
          subjectParticipantId: placement.participantId,
          fields: ['status'],
        },
        manager,
      );
      return { meeting: saved, mailIds: await this.sendCalendar(saved, placement, 'cancellation', manager) };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    return this.toDto(meeting);
  }

  async get(handoverId: string): Promise<HandoverDto> {
    const meeting = await this.dataSource.getRepository(HandoverMeeting).findOneBy({ id: handoverId });
    if (!meeting) throw new NotFoundProblem('handover meeting');
    return this.toDto(meeting);
  }

  async forPlacement(placementId: string): Promise<HandoverDto> {
    const meeting = await this.dataSource.getRepository(HandoverMeeting).findOne({ where: { placementId }, order: { createdAt: 'DESC' } });
    if (!meeting) throw new NotFoundProblem('handover meeting');
    return this.toDto(meeting);
  }

  async saveChecklist(actor: Actor, handoverId: string, checklist: HandoverChecklistDto): Promise<HandoverDto> {
    return this.change(actor, handoverId, ['checklist'], async (meeting) => {
      if (meeting.participantConfirmedAt || meeting.employerConfirmedAt) {
        throw new RuleViolationException('checklist', 'the checklist was already confirmed; it can no longer be changed');
      }
      meeting.checklist = checklist as unknown as Partial<HandoverChecklist>;
    });
  }

  async recordAttendance(actor: Actor, handoverId: string, attendance: AttendanceDto): Promise<HandoverDto> {
    return this.change(actor, handoverId, ['attendance'], async (meeting) => {
      if (meeting.startsAt.getTime() > this.clock.now().getTime())
        throw new RuleViolationException('attendance', 'can be recorded once the meeting has started');
      meeting.attendance = { ...attendance };
      if (meeting.status === 'scheduled') meeting.status = 'held';
    });
  }

  /** The participant confirms in the portal; an employer user of the placement's employer likewise. */
  async confirm(actor: Actor, handoverId: string): Promise<HandoverDto> {
    return this.change(actor, handoverId, ['confirmation'], async (meeting, placement) => {
      this.assertConfirmable(meeting);
      if (actor.role === 'participant' && actor.participantId === placement.participantId)
        meeting.participantConfirmedAt ??= this.clock.now();
      else if (actor.role === 'employer_user' && actor.employerId === placement.employerId && meeting.employerContacted)
        meeting.employerConfirmedAt ??= this.clock.now();
      else throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', 'Only the participant and the employer confirm the checklist.');
    });
  }

  /** The employer's contact person confirms through the link in the mail, with or without an account. */
  async confirmByLink(token: string): Promise<HandoverDto> {
    const { meeting, placementId } = await this.dataSource.transaction(async (manager) => {
      const tokens = manager.getRepository(OneTimeToken);
      const found = await tokens.findOneBy({
        tokenHash: hashToken(token),
        purpose: 'handover_confirmation',
        usedAt: IsNull(),
        expiresAt: MoreThan(this.clock.now()),
      });
      // Spent in one conditional statement: of two simultaneous clicks, one wins.
      const spent = found ? await tokens.update({ id: found.id, usedAt: IsNull() }, { usedAt: this.clock.now() }) : undefined;
      const subject = spent?.affected === 1 ? found!.subjectId : null;
      if (!subject) throw new ProblemException(HttpStatus.GONE, 'link-expired', 'This link has expired or was already used.');
      const meeting = await this.lockOpen(subject, manager);
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: meeting.placementId });
      this.assertConfirmable(meeting);
      meeting.employerConfirmedAt ??= this.clock.now();
      await this.completeIfReady(meeting, placement, manager);
      await manager.getRepository(HandoverMeeting).save(meeting);
      await this.audit.recordSystem(
        meeting.organisationId,
        {
          action: 'update',
          resourceType: 'handover_meeting',
          resourceId: meeting.id,
          subjectParticipantId: placement.participantId,
          fields: ['employerConfirmedAt'],
        },
        manager,
      );
      return { meeting, placementId: placement.id };
    });
    if (meeting.status === 'completed') await this.checkins.reconcilePlacement(placementId);
    return this.toDto(meeting);
  }

  @OnJob(JobName.HandoverReminder)
  async remind(job: HandoverReminderJob): Promise<'sent' | 'skipped' | 'rescheduled'> {
    const meeting = await this.dataSource.getRepository(HandoverMeeting).findOneBy({ id: job.handoverId });
    // A moved or cancelled meeting never gets its old reminder.
    if (!meeting || meeting.status !== 'scheduled' || meeting.startsAt.toISOString() !== job.startsAt) return 'skipped';
    if (!this.scheduler.isDue(job)) {
      await this.scheduleReminder(meeting);
      return 'rescheduled';
    }
    const placement = await this.dataSource.getRepository(Placement).findOneByOrFail({ id: meeting.placementId });
    const parties = await this.parties(placement, meeting.employerContacted, this.dataSource.manager);
    for (const party of parties) {
      await this.mail.queue({
        organisationId: meeting.organisationId,
        template: 'handover-reminder',
        locale: party.locale,
        to: party.email,
        context: {
          name: party.name,
          when: formatWhen(meeting.startsAt, party.locale),
          location: meeting.location,
          videoLink: meeting.videoLink,
        },
        dedupeKey: `handover.${meeting.id}.reminder.${meeting.startsAt.getTime()}.${party.role}`,
      });
    }
    return 'sent';
  }

  private async change(
    actor: Actor,
    handoverId: string,
    fields: string[],
    apply: (meeting: HandoverMeeting, placement: Placement) => Promise<void>,
  ): Promise<HandoverDto> {
    const { meeting, mailIds } = await this.dataSource.transaction(async (manager) => {
      const meeting = await this.lockOpen(handoverId, manager);
      const placement = await manager.getRepository(Placement).findOneByOrFail({ id: meeting.placementId });
      await apply(meeting, placement);
      const mailIds: string[] = [];
      if (
        meeting.status === 'held' &&
        !meeting.employerConfirmedAt &&
        meeting.employerContacted &&
        missingChecklistItems(meeting.checklist).length === 0
      ) {
        mailIds.push(...(await this.requestEmployerConfirmation(meeting, placement, manager)));
      }
      await this.completeIfReady(meeting, placement, manager);
      const saved = await manager.getRepository(HandoverMeeting).save(meeting);
      await this.audit.record(
        actor,
        { action: 'update', resourceType: 'handover_meeting', resourceId: saved.id, subjectParticipantId: placement.participantId, fields },
        manager,
      );
      return { meeting: saved, mailIds };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    if (meeting.status === 'completed') await this.checkins.reconcilePlacement(meeting.placementId);
    return this.toDto(meeting);
  }

  /** Complete when all three were present and both the participant and the employer (if contacted) confirmed. */
  private async completeIfReady(meeting: HandoverMeeting, placement: Placement, manager: EntityManager): Promise<void> {
    const everyonePresent =
      meeting.attendance.participant && meeting.attendance.coach && (meeting.attendance.employerContact || !meeting.employerContacted);
    const confirmed = meeting.participantConfirmedAt && (meeting.employerConfirmedAt || !meeting.employerContacted);
    if (meeting.status !== 'held' || !everyonePresent || !confirmed) return;
    const plan = (meeting.checklist as HandoverChecklist).monitoringPlan;
    meeting.status = 'completed';
    meeting.completedAt = this.clock.now();
    const end =
      placement.contractEnd && placement.contractEnd > plan.plannedAftercareEnd ? placement.contractEnd : plan.plannedAftercareEnd;
    await manager
      .getRepository(Placement)
      .update({ id: placement.id }, { status: 'aftercare', aftercareEndOn: end, monitoringFrequency: plan.frequency });
    await this.checkins.generate(placement.id, manager);
  }

  private assertConfirmable(meeting: HandoverMeeting): void {
    const missing = missingChecklistItems(meeting.checklist);
    if (missing.length > 0) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'checklist-incomplete',
        'Every checklist item must be filled in or marked not applicable first.',
        missing.map((name) => ({ name: `checklist.${name}`, reason: 'is not filled in' })),
      );
    }
    if (meeting.status !== 'held') throw new RuleViolationException('status', 'the checklist is confirmed after the meeting was held');
  }

  private async requestEmployerConfirmation(meeting: HandoverMeeting, placement: Placement, manager: EntityManager): Promise<string[]> {
    if (!placement.employerContactEmail) return [];
    const asked = await manager.query("SELECT 1 FROM one_time_token WHERE subject_id = $1 AND purpose = 'handover_confirmation'", [
      meeting.id,
    ]);
    if (asked.length > 0) return [];
    const token = newToken();
    await manager.getRepository(OneTimeToken).insert({
      purpose: 'handover_confirmation',
      tokenHash: hashToken(token),
      organisationId: meeting.organisationId,
      subjectId: meeting.id,
      expiresAt: new Date(this.clock.now().getTime() + CONFIRMATION_DAYS * 86_400_000),
    });
    const mailId = await this.mail.record(
      {
        organisationId: meeting.organisationId,
        template: 'handover-confirmation',
        locale: 'nl',
        to: placement.employerContactEmail,
        context: {
          name: placement.employerContactName ?? '',
          link: `${this.app.publicUrl}/portal/handover-confirmation?token=${token}`,
          days: CONFIRMATION_DAYS,
        },
        dedupeKey: `handover.${meeting.id}.employer-confirmation`,
      },
      manager,
    );
    return [mailId];
  }

  private async sendCalendar(
    meeting: HandoverMeeting,
    placement: Placement,
    kind: 'invitation' | 'update' | 'cancellation',
    manager: EntityManager,
  ): Promise<string[]> {
    const parties = await this.parties(placement, meeting.employerContacted, manager);
    const coach = parties.find((party) => party.role === 'coach');
    const ids: string[] = [];
    for (const party of parties) {
      const attachment = calendarAttachment({
        uid: meeting.calendarUid,
        sequence: meeting.calendarSequence,
        start: meeting.startsAt,
        durationMinutes: meeting.durationMinutes,
        summary: party.locale === 'nl' ? 'Overdrachtsgesprek' : 'Handover meeting',
        description:
          party.locale === 'nl'
            ? 'Afspraken over het werk en de begeleiding, met deelnemer, werkgever en jobcoach.'
            : 'Agreements on the work and the support, with participant, employer and jobcoach.',
        location: meeting.location,
        url: meeting.videoLink,
        organizer: { name: coach?.name ?? 'Werkbrug', email: coach?.email ?? 'noreply@werkbrug.localhost' },
        attendees: parties.map(({ name, email }) => ({ name, email })),
        cancelled: kind === 'cancellation',
      });
      ids.push(
        await this.mail.record(
          {
            organisationId: meeting.organisationId,
            template: 'handover-invitation',
            locale: party.locale,
            to: party.email,
            context: {
              name: party.name,
              when: formatWhen(meeting.startsAt, party.locale),
              duration: meeting.durationMinutes,
              location: meeting.location,
              videoLink: meeting.videoLink,
              updated: kind === 'update',
              cancelled: kind === 'cancellation',
              coachName: party.role === 'coach' ? null : (coach?.name ?? null),
              coachPhone: null,
            },
            attachments: [attachment],
            dedupeKey: `handover.${meeting.id}.${kind}.${meeting.calendarSequence}.${party.role}`,
          },
          manager,
        ),
      );
    }
    return ids;
  }

  /** Who gets the invitation: never the employer when the participant did not agree to disclose the support. */
  private async parties(placement: Placement, employerContacted: boolean, manager: EntityManager): Promise<Party[]> {
    const [participant] = await manager.query(
      `SELECT p.first_name || ' ' || p.last_name AS name, coalesce(u.email, p.email) AS email, coalesce(u.locale, 'nl') AS locale
         FROM participant p LEFT JOIN membership m ON m.participant_id = p.id LEFT JOIN user_account u ON u.id = m.user_id WHERE p.id = $1`,
      [placement.participantId],
    );
    const [coach] = await manager.query(
      'SELECT u.display_name AS name, u.email, u.locale FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.id = $1',
      [placement.coachMembershipId],
    );
    const parties: Party[] = [];
    if (participant?.email) parties.push({ role: 'participant', ...participant });
    if (coach?.email) parties.push({ role: 'coach', ...coach });
    if (employerContacted && placement.employerContactEmail) {
      parties.push({
        role: 'employerContact',
        name: placement.employerContactName ?? '',
        email: placement.employerContactEmail,
        locale: 'nl',
      });
    }
    return parties;
  }

  private disclosureAllowed(placement: Placement, manager: EntityManager): Promise<boolean> {
    return this.consents.hasConsent(placement.participantId, 'disclose_support_organisation', placement.employerId, manager);
  }

  private async scheduleReminder(meeting: HandoverMeeting): Promise<void> {
    const runAt = new Date(meeting.startsAt.getTime() - meeting.reminderMinutesBefore * 60_000);
    await this.scheduler.schedule<Omit<HandoverReminderJob, 'runAt'>>(
      JobName.HandoverReminder,
      { handoverId: meeting.id, startsAt: meeting.startsAt.toISOString() },
      runAt,
      `${meeting.id}.${meeting.startsAt.getTime()}`,
    );
  }

  private async lockOpen(handoverId: string, manager: EntityManager): Promise<HandoverMeeting> {
    const meeting = await manager
      .getRepository(HandoverMeeting)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.id = :id', { id: handoverId })
      .getOne();
    if (!meeting) throw new NotFoundProblem('handover meeting');
    if (meeting.status === 'cancelled') throw new RuleViolationException('status', 'this handover meeting was cancelled');
    return meeting;
  }

  private assertPlace(input: ScheduleHandoverDto): void {
    if (!input.location && !input.videoLink) throw new RuleViolationException('location', 'give a place or a video link');
  }

  private toDto(meeting: HandoverMeeting): HandoverDto {
    return {
      id: meeting.id,
      placementId: meeting.placementId,
      status: meeting.status,
      startsAt: meeting.startsAt.toISOString(),
      durationMinutes: meeting.durationMinutes,
      location: meeting.location,
      videoLink: meeting.videoLink,
      calendarSequence: meeting.calendarSequence,
      employerContacted: meeting.employerContacted,
      notices: meeting.employerContacted ? [] : [NO_DISCLOSURE_NOTICE],
      checklist: meeting.checklist,
      missingItems: missingChecklistItems(meeting.checklist),
      attendance: meeting.attendance,
      participantConfirmedAt: meeting.participantConfirmedAt?.toISOString() ?? null,
      employerConfirmedAt: meeting.employerConfirmedAt?.toISOString() ?? null,
      completedAt: meeting.completedAt?.toISOString() ?? null,
      version: meeting.version,
    };
  }
}

function formatWhen(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}
