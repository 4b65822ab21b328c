import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import { appConfig } from '../platform/config/app.config.js';
import { OneTimeTokensService } from '../identity/one-time-tokens.service.js';
import { MailService } from '../platform/mail/mail.service.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Placement } from '../placements/entities/placement.entity.js';
import { PlacementsService } from '../placements/placements.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import { calendarAttachment } from './calendar-invitation.js';
import { CheckinsService } from './checkins.service.js';
import type { AttendanceDto, HandoverChecklistDto, HandoverDto, ScheduleHandoverDto } from './dto/handover.dto.js';
import type { HandoverMeeting } from './entities/handover-meeting.entity.js';
import { AGREEMENT_ITEMS, type AgreementItem, type HandoverChecklist, missingChecklistItems } from './handover-checklist.js';
import { checklistLabel, type HandoverFolder, HandoverFolderService } from './handover-folder.service.js';
import { HandoverRepository } from './handover.repository.js';

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
const CONFIRMATION = 'handover_confirmation';

/** The API's notice when the employer may not be contacted; the portal shows its own Dutch text for it. */
export const NO_DISCLOSURE_NOTICE =
  'The participant has not agreed that the employer may know a support organisation is involved. Werkbrug did not contact the employer; arrange the employer side together with the participant.';

export interface HandoverAgreementName {
  handoverId: string;
  /** The meeting's day (UTC date of its start). */
  heldOn: string;
  item: AgreementItem;
  name: string;
}

@Injectable()
export class HandoverService implements OnModuleInit {
  constructor(
    private readonly repository: HandoverRepository,
    private readonly transactions: Transactions,
    private readonly folders: HandoverFolderService,
    private readonly mail: MailService,
    private readonly scheduler: SchedulerService,
    private readonly checkins: CheckinsService,
    private readonly audit: AuditService,
    private readonly consents: ConsentsService,
    private readonly tokens: OneTimeTokensService,
    private readonly placements: PlacementsService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** A withdrawn disclose consent stops the employer's outstanding confirmation links at once, not when next opened. */
  onModuleInit(): void {
    this.consents.onWithdrawn(async (participantId, purpose, employerId) => {
      if (purpose === 'disclose_support_organisation') await this.revokeConfirmations(participantId, employerId);
    });
  }

  async schedule(actor: Actor, placementId: string, input: ScheduleHandoverDto): Promise<HandoverDto> {
    this.assertPlace(input);
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= this.clock.now().getTime()) throw new RuleViolationException('startsAt', 'must be in the future');
    const { meeting, mailIds } = await this.transactions.run(async () => {
      const placement = await this.repository.placement(placementId);
      if (!['trial', 'contract'].includes(placement.status)) {
        throw new RuleViolationException(
          'placementId',
          `a handover is held for a placement in trial or contract (this one is ${placement.status})`,
        );
      }
      const existing = await this.repository.latestForPlacement(placementId);
      if (existing && existing.status !== 'cancelled')
        throw new ConflictProblem('This placement already has a handover meeting. Reschedule that one.', 'handover-exists');
      const employerContacted = await this.disclosureAllowed(placement);
      const saved = await this.repository.save({
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
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'handover_meeting',
        resourceId: saved.id,
        subjectParticipantId: placement.participantId,
      });
      return { meeting: saved, mailIds: await this.sendCalendar(saved, placement, 'invitation') };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    await this.scheduleReminder(meeting);
    return this.toDto(meeting);
  }

  async reschedule(actor: Actor, handoverId: string, input: ScheduleHandoverDto): Promise<HandoverDto> {
    this.assertPlace(input);
    const meeting = await this.changeCalendar(actor, handoverId, 'update', 'startsAt', (meeting) => {
      if (meeting.status !== 'scheduled')
        throw new RuleViolationException('startsAt', 'only a meeting that has not been held can be moved');
      meeting.startsAt = new Date(input.startsAt);
      meeting.durationMinutes = input.durationMinutes ?? meeting.durationMinutes;
      meeting.location = input.location ?? null;
      meeting.videoLink = input.videoLink ?? null;
      meeting.reminderMinutesBefore = input.reminderMinutesBefore ?? meeting.reminderMinutesBefore;
    });
    await this.scheduleReminder(meeting);
    return this.toDto(meeting);
  }

  async cancel(actor: Actor, handoverId: string): Promise<HandoverDto> {
    const meeting = await this.changeCalendar(actor, handoverId, 'cancellation', 'status', (meeting) => {
      if (meeting.status === 'completed') throw new RuleViolationException('status', 'a completed handover cannot be cancelled');
      meeting.status = 'cancelled';
      meeting.cancelledAt = this.clock.now();
    });
    return this.toDto(meeting);
  }

  /**
   * A change every attendee's calendar must follow: the meeting is changed under
   * its lock, the disclosure re-checked, the change audited, and the update or
   * cancellation (same UID, next SEQUENCE) mailed after the commit.
   */
  private async changeCalendar(
    actor: Actor,
    handoverId: string,
    kind: 'update' | 'cancellation',
    field: string,
    change: (meeting: HandoverMeeting) => void,
  ): Promise<HandoverMeeting> {
    const { meeting, mailIds } = await this.transactions.run(async () => {
      const meeting = await this.lockOpen(handoverId);
      change(meeting);
      meeting.calendarSequence += 1;
      const placement = await this.repository.placement(meeting.placementId);
      await this.refreshDisclosure(meeting, placement);
      const saved = await this.repository.save(meeting);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'handover_meeting',
        resourceId: saved.id,
        subjectParticipantId: placement.participantId,
        fields: [field],
      });
      return { meeting: saved, mailIds: await this.sendCalendar(saved, placement, kind) };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    return meeting;
  }

  /**
   * For the demo data only (src/demo): a handover that was held, confirmed by both and completed, with its
   * agreements, written at once without the calendar mails, reminders and audit entries its history would have
   * made. Joins the open transaction; returns its id.
   */
  async seedDemoHandover(values: {
    organisationId: string;
    placementId: string;
    startsAt: Date;
    location: string;
    checklist: Partial<HandoverChecklist>;
    createdByUserId: string;
  }): Promise<string> {
    const held = new Date(values.startsAt.getTime() + 60 * 60_000);
    const saved = await this.repository.save({
      organisationId: values.organisationId,
      placementId: values.placementId,
      status: 'completed',
      startsAt: values.startsAt,
      durationMinutes: 60,
      location: values.location,
      videoLink: null,
      calendarUid: `handover-${values.placementId}@werkbrug`,
      calendarSequence: 0,
      reminderMinutesBefore: 24 * 60,
      employerContacted: true,
      checklist: values.checklist,
      attendance: { participant: true, coach: true, employerContact: true },
      participantConfirmedAt: held,
      employerConfirmedAt: held,
      completedAt: held,
      createdByUserId: values.createdByUserId,
    });
    return saved.id;
  }

  async get(handoverId: string): Promise<HandoverDto> {
    const meeting = await this.repository.findById(handoverId);
    if (!meeting) throw new NotFoundProblem('handover meeting');
    return this.toDto(meeting);
  }

  async forPlacement(placementId: string): Promise<HandoverDto> {
    const meeting = await this.repository.latestForPlacement(placementId);
    if (!meeting) throw new NotFoundProblem('handover meeting');
    return this.toDto(meeting);
  }

  /**
   * The participant's own handover (newest, not cancelled) with its agreements, for their portal:
   * what was agreed and whether they confirmed it. The read is in their access log.
   */
  async forParticipant(actor: Actor): Promise<{ handover: HandoverDto; folder: HandoverFolder } | undefined> {
    if (!actor.participantId) return undefined;
    const meeting = await this.repository.latestForParticipant(actor.participantId, actor.organisationId);
    if (!meeting) return undefined;
    const folder = await this.transactions.run(async () => {
      await this.audit.record(actor, {
        action: 'read',
        resourceType: 'handover_meeting',
        resourceId: meeting.id,
        subjectParticipantId: actor.participantId!,
        fields: ['checklist'],
      });
      return this.folders.folder(meeting.id);
    });
    return { handover: this.toDto(meeting), folder };
  }

  /** A checklist agreement's Dutch name (the employer's folder's words). */
  static agreementName(item: string): string {
    return checklistLabel(item);
  }

  /**
   * The agreements made at the placement's handover meetings (not cancelled), by name: what the jobcoach logbook
   * links hours to. Only the item and its name, never the text written under it (it may be personal).
   */
  async agreementsOfPlacement(placementId: string, organisationId: string): Promise<HandoverAgreementName[]> {
    const meetings = await this.repository.openMeetingsOfPlacement(placementId, organisationId);
    return meetings.flatMap((meeting) =>
      AGREEMENT_ITEMS.filter((item) => meeting.checklist.agreements?.[item]?.applicable === true).map((item) => ({
        handoverId: meeting.id,
        heldOn: meeting.startsAt.toISOString().slice(0, 10),
        item,
        name: checklistLabel(item),
      })),
    );
  }

  /** Participant's and employer's names for the coach's placement and handover pages. */
  async names(placementId: string): Promise<{ participant: string; employer: string } | undefined> {
    return this.repository.placementNames(placementId);
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

  /**
   * What the employer's contact person sees behind the link in the mail, without signing in:
   * only while the link is open and the participant still agrees that the employer is contacted.
   * Each view is in the participant's access log.
   */
  async confirmationPage(token: string): Promise<HandoverFolder> {
    const { meeting, placement } = await this.openConfirmation(token);
    return this.transactions.run(async () => {
      await this.audit.recordSystem(meeting.organisationId, {
        action: 'read',
        resourceType: 'handover_meeting',
        resourceId: meeting.id,
        subjectParticipantId: placement.participantId,
        fields: ['checklist'],
      });
      return this.folders.folder(meeting.id);
    });
  }

  /** The employer's contact person confirms through the link in the mail, with or without an account. */
  async confirmByLink(token: string): Promise<HandoverDto> {
    const opened = await this.openConfirmation(token);
    const { meeting, placementId } = await this.transactions.run(async () => {
      if ((await this.tokens.spend(CONFIRMATION, token)) !== opened.meeting.id) throw linkGone();
      const meeting = await this.lockOpen(opened.meeting.id);
      const placement = await this.repository.placement(meeting.placementId);
      this.assertConfirmable(meeting);
      meeting.employerConfirmedAt ??= this.clock.now();
      await this.completeIfReady(meeting, placement);
      await this.repository.save(meeting);
      await this.audit.recordSystem(meeting.organisationId, {
        action: 'update',
        resourceType: 'handover_meeting',
        resourceId: meeting.id,
        subjectParticipantId: placement.participantId,
        fields: ['employerConfirmedAt'],
      });
      return { meeting, placementId: placement.id };
    });
    if (meeting.status === 'completed') await this.checkins.reconcilePlacement(placementId);
    return this.toDto(meeting);
  }

  /**
   * An open link of a meeting whose employer may still be contacted. After the
   * consent was withdrawn or the participant erased, the participant's
   * outstanding links are revoked (committed on their own) and the link answers 410.
   */
  private async openConfirmation(token: string): Promise<{ meeting: HandoverMeeting; placement: Placement }> {
    const subjectId = await this.tokens.subjectOf(CONFIRMATION, token);
    if (!subjectId) throw linkGone();
    const meeting = await this.repository.findById(subjectId);
    if (!meeting || meeting.status === 'cancelled') throw linkGone();
    const placement = await this.repository.placement(meeting.placementId);
    const allowed =
      meeting.employerContacted &&
      !(await this.repository.participantErased(placement.participantId)) &&
      (await this.disclosureAllowed(placement));
    if (!allowed) {
      await this.revokeConfirmations(placement.participantId);
      throw linkGone();
    }
    return { meeting, placement };
  }

  /** Revokes the participant's outstanding confirmation links (consent withdrawn, erasure), with one employer's only when given. */
  async revokeConfirmations(participantId: string, employerId?: string | null): Promise<number> {
    return this.tokens.revokeForSubjects(CONFIRMATION, await this.repository.idsForParticipant(participantId, employerId));
  }

  @OnJob(JobName.HandoverReminder)
  async remind(job: HandoverReminderJob): Promise<'sent' | 'skipped' | 'rescheduled'> {
    const meeting = await this.repository.findById(job.handoverId);
    // A moved or cancelled meeting never gets its old reminder.
    if (!meeting || meeting.status !== 'scheduled' || meeting.startsAt.toISOString() !== job.startsAt) return 'skipped';
    if (!this.scheduler.isDue(job)) {
      await this.scheduleReminder(meeting);
      return 'rescheduled';
    }
    const placement = await this.repository.placement(meeting.placementId);
    const parties = await this.parties(placement, meeting.employerContacted && (await this.disclosureAllowed(placement)));
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
        aboutParticipantId: placement.participantId,
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
    const { meeting, mailIds } = await this.transactions.run(async () => {
      const meeting = await this.lockOpen(handoverId);
      const placement = await this.repository.placement(meeting.placementId);
      await this.refreshDisclosure(meeting, placement);
      await apply(meeting, placement);
      const mailIds: string[] = [];
      if (
        meeting.status === 'held' &&
        !meeting.employerConfirmedAt &&
        meeting.employerContacted &&
        missingChecklistItems(meeting.checklist).length === 0
      ) {
        mailIds.push(...(await this.requestEmployerConfirmation(meeting, placement)));
      }
      await this.completeIfReady(meeting, placement);
      const saved = await this.repository.save(meeting);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'handover_meeting',
        resourceId: saved.id,
        subjectParticipantId: placement.participantId,
        fields,
      });
      return { meeting: saved, mailIds };
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    if (meeting.status === 'completed') await this.checkins.reconcilePlacement(meeting.placementId);
    return this.toDto(meeting);
  }

  /** Complete when all three were present and both the participant and the employer (if contacted) confirmed. */
  private async completeIfReady(meeting: HandoverMeeting, placement: Placement): Promise<void> {
    const everyonePresent =
      meeting.attendance.participant && meeting.attendance.coach && (meeting.attendance.employerContact || !meeting.employerContacted);
    const confirmed = meeting.participantConfirmedAt && (meeting.employerConfirmedAt || !meeting.employerContacted);
    if (meeting.status !== 'held' || !everyonePresent || !confirmed) return;
    const plan = (meeting.checklist as HandoverChecklist).monitoringPlan;
    meeting.status = 'completed';
    meeting.completedAt = this.clock.now();
    const end =
      placement.contractEnd && placement.contractEnd > plan.plannedAftercareEnd ? placement.contractEnd : plan.plannedAftercareEnd;
    await this.placements.startAftercare(placement.id, { aftercareEndOn: end, monitoringFrequency: plan.frequency });
    await this.checkins.generate(placement.id);
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

  private async requestEmployerConfirmation(meeting: HandoverMeeting, placement: Placement): Promise<string[]> {
    if (!placement.employerContactEmail) return [];
    if (await this.tokens.issuedFor(CONFIRMATION, meeting.id)) return [];
    const token = await this.tokens.issueForSubject(
      CONFIRMATION,
      { organisationId: meeting.organisationId, subjectId: meeting.id },
      CONFIRMATION_DAYS * 86_400_000,
    );
    const mailId = await this.mail.record({
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
      aboutParticipantId: placement.participantId,
    });
    return [mailId];
  }

  private async sendCalendar(
    meeting: HandoverMeeting,
    placement: Placement,
    kind: 'invitation' | 'update' | 'cancellation',
  ): Promise<string[]> {
    const parties = await this.parties(placement, meeting.employerContacted);
    // The employer's calendar names the participant's own address only with consent to share contact details.
    const shareContact =
      meeting.employerContacted && (await this.consents.sharedParts(placement.participantId, placement.employerId)).includes('contact');
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
        attendees: parties
          .filter((attendee) => party.role !== 'employerContact' || attendee.role !== 'participant' || shareContact)
          .map(({ name, email }) => ({ name, email })),
        cancelled: kind === 'cancellation',
      });
      ids.push(
        await this.mail.record({
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
          aboutParticipantId: placement.participantId,
        }),
      );
    }
    return ids;
  }

  /** Who gets the invitation: never the employer when the participant did not agree to disclose the support. */
  private async parties(placement: Placement, employerContacted: boolean): Promise<Party[]> {
    const participant = await this.repository.participantParty(placement.participantId);
    const account = participant
      ? await this.memberships.participantRecipient(placement.participantId, placement.organisationId)
      : undefined;
    const coach = await this.memberships.recipient(placement.coachMembershipId);
    const parties: Party[] = [];
    // The participant's account address and language win over the address on their file.
    const participantEmail = account?.email ?? participant?.email;
    if (participant && participantEmail) {
      parties.push({ role: 'participant', name: participant.name, email: participantEmail, locale: account?.locale ?? 'nl' });
    }
    if (coach?.email) parties.push({ role: 'coach', name: coach.displayName, email: coach.email, locale: coach.locale });
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

  private disclosureAllowed(placement: Placement): Promise<boolean> {
    return this.consents.hasConsent(placement.participantId, 'disclose_support_organisation', placement.employerId);
  }

  /**
   * Consent is checked where data leaves: once the participant withdrew the
   * consent to disclose the support, the employer is no longer part of the
   * handover (no mail, no .ics) and outstanding confirmation links stop.
   */
  private async refreshDisclosure(meeting: HandoverMeeting, placement: Placement): Promise<void> {
    if (!meeting.employerContacted || (await this.disclosureAllowed(placement))) return;
    meeting.employerContacted = false;
    await this.revokeConfirmations(placement.participantId);
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

  private async lockOpen(handoverId: string): Promise<HandoverMeeting> {
    const meeting = await this.repository.lock(handoverId);
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

function linkGone(): ProblemException {
  return new ProblemException(HttpStatus.GONE, 'link-expired', 'This link has expired or was already used.');
}

function formatWhen(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}
