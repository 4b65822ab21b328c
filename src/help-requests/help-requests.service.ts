import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { type AuditEntry, AuditService } from '../audit/audit.service.js';
import { MembershipsService, type Recipient } from '../identity/memberships.service.js';
import { type Actor, isStaff } from '../platform/auth/actor.js';
import { ForbiddenProblem } from '../platform/auth/auth.guard.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { appConfig } from '../platform/config/app.config.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { Transactions } from '../platform/database/transactions.js';
import { NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { type Page, pageWindow } from '../platform/http/pagination/page.dto.js';
import { addWorkingDays, localDate } from '../rules/calculations/working-days.js';
import { MailService } from '../platform/mail/mail.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { type Scheduled, SchedulerService } from '../platform/queue/scheduler.service.js';
import type {
  CreateHelpRequestDto,
  CreateHelpRequestMessageDto,
  HelpRequestDto,
  HelpRequestListQueryDto,
  HelpRequestMessageDto,
} from './dto/help-request.dto.js';
import {
  DEFAULT_HELP_RESPONSE_WORKING_DAYS,
  EMPLOYER_HELP_CATEGORIES,
  HELP_TRANSITIONS,
  type HelpStatus,
  PARTICIPANT_HELP_CATEGORIES,
  type TransitionActor,
} from './help-request.constants.js';
import { HelpRequestLinks } from './help-requests.links.js';
import { type HelpRequestRow, HelpRequestsRepository } from './help-requests.repository.js';

interface AcknowledgeDueJob extends Scheduled {
  helpRequestId: string;
}

/** How often the reconciler checks that every open request has its acknowledge-by check (and once at worker start). */
const RECONCILE_EVERY_MS = 15 * 60_000;
const RECONCILE_BATCH = 1000;

interface RequesterOrigin {
  participantId: string | null;
  employerId: string | null;
}

/** Who handles a new request, and whether to tell them: nobody is told when their membership is not active. */
interface Assignee {
  membershipId: string;
  notify: boolean;
}

/**
 * Help requests from participants and employer users to their coach: routed
 * to the team lead while the coach is away, acknowledged within the
 * organisation's response time in Dutch working days, escalated once when
 * not. Bodies and messages may hold health information: encrypted at rest,
 * staff reads of a participant's request are audit-logged.
 */
@Injectable()
export class HelpRequestsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(HelpRequestsService.name);

  constructor(
    private readonly repository: HelpRequestsRepository,
    private readonly transactions: Transactions,
    private readonly links: HelpRequestLinks,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly scheduler: SchedulerService,
    private readonly mail: MailService,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.app.role === 'api') return;
    await this.scheduler.repeat('help-requests-reconcile', JobName.HelpRequestsReconcile, RECONCILE_EVERY_MS);
  }

  async create(actor: Actor, input: CreateHelpRequestDto): Promise<HelpRequestDto> {
    checkTopic(actor, input);
    const now = this.clock.now();
    const { origin, assignee, recipient, people, days } = await this.creationContext(actor, localDate(now));
    const acknowledgeBy = addWorkingDays(now, days);
    const { row, mailId } = await this.transactions.run(async () => {
      const inserted = await this.repository.insert({
        organisationId: actor.organisationId,
        requesterUserId: actor.userId,
        requesterRole: actor.role,
        participantId: origin.participantId,
        employerId: origin.employerId,
        category: input.category,
        urgency: input.urgency,
        preferredChannel: input.preferredChannel ?? null,
        preferredTime: input.preferredTime ?? null,
        body: this.encryption.encrypt(input.body),
        assignedMembershipId: assignee?.membershipId ?? null,
        acknowledgeBy,
        now,
      });
      let row = inserted;
      if (input.aboutPlacementId) {
        const named = await this.repository.setAboutPlacement(
          inserted.id,
          input.aboutPlacementId,
          this.policies.placementScope(actor, 'pl'),
        );
        if (!named) throw new RuleViolationException('aboutPlacementId', 'is not one of your employees you may see');
        row = (await this.repository.findVisible(actor, this.policies.participantScope(actor, 'sp'), inserted.id)) ?? inserted;
      }
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'help_request',
        resourceId: row.id,
        subjectParticipantId: origin.participantId,
        fields: ['category', 'urgency', 'body'],
      });
      const mailId = recipient
        ? await this.mail.record({
            organisationId: actor.organisationId,
            template: 'help-request-new',
            locale: recipient.locale,
            to: recipient.email,
            // No category, urgency or text: only that there is something to read after signing in.
            context: { name: recipient.displayName, link: this.links.forStaff(row.id) },
            dedupeKey: `help-request-new.${row.id}`,
            aboutParticipantId: origin.participantId,
          })
        : undefined;
      return { row, mailId };
    });
    // Two independent queue calls (the mail, the acknowledge-by check): sent together.
    await Promise.all([mailId ? this.mail.dispatch(mailId) : undefined, this.scheduleAcknowledgeCheck(row.id, acknowledgeBy)]);
    return this.toDto(actor, row, people);
  }

  async list(actor: Actor, query: HelpRequestListQueryDto): Promise<Page<HelpRequestDto>> {
    const { page, pageSize, skip } = pageWindow(query);
    if (query.assigned === 'me' && !isStaff(actor)) throw new RuleViolationException('assigned', 'is only for staff');
    const { rows, total } = await this.repository.listVisible(actor, this.policies.participantScope(actor, 'sp'), {
      assignedToMe: query.assigned === 'me',
      status: query.status,
      limit: pageSize,
      offset: skip,
    });
    if (isStaff(actor)) {
      await this.audit.record(
        actor,
        rows
          .filter((row) => row.participant_id)
          .map((row): AuditEntry => ({
            action: 'list',
            resourceType: 'help_request',
            resourceId: row.id,
            subjectParticipantId: row.participant_id,
            fields: ['requesterName', 'body'],
          })),
      );
    }
    const people = await this.people(rows);
    return { items: rows.map((row) => this.toDto(actor, row, people)), page, pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<HelpRequestDto> {
    const row = await this.findVisible(actor, id);
    await this.auditStaffRead(actor, row, ['body', 'requesterName']);
    return this.toDto(actor, row, await this.people([row]));
  }

  async changeStatus(actor: Actor, id: string, to: HelpStatus): Promise<HelpRequestDto> {
    await this.transactions.run(async () => {
      const row = await this.findVisible(actor, id, true);
      const allowed = HELP_TRANSITIONS[row.status][to];
      if (!allowed) throw new RuleViolationException('status', `a help request cannot go from ${row.status} to ${to}`);
      const who: TransitionActor = isStaff(actor) ? 'staff' : 'requester';
      if (!allowed.includes(who)) throw new ForbiddenProblem(`Only the coach can change a help request from ${row.status} to ${to}.`);
      const now = this.clock.now();
      await this.repository.changeStatus(id, to, now);
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'help_request',
        resourceId: id,
        subjectParticipantId: row.participant_id,
        fields: ['status'],
      });
    });
    const row = await this.findVisible(actor, id);
    return this.toDto(actor, row, await this.people([row]));
  }

  async addMessage(actor: Actor, id: string, input: CreateHelpRequestMessageDto): Promise<HelpRequestMessageDto> {
    const { message, mailId } = await this.transactions.run(async () => {
      const row = await this.findVisible(actor, id, true);
      if (row.status === 'closed') throw new RuleViolationException('body', 'the help request is closed; start a new one');
      const now = this.clock.now();
      const message = await this.repository.insertMessage({
        organisationId: row.organisation_id,
        helpRequestId: id,
        authorUserId: actor.userId,
        authorRole: actor.role,
        body: this.encryption.encrypt(input.body),
        now,
      });
      // A reply from staff is an acknowledgement: the requester has been heard, so there is nothing to escalate.
      await this.repository.touchForMessage(id, isStaff(actor) && row.status === 'new', now);
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'help_request_message',
        resourceId: message.id,
        subjectParticipantId: row.participant_id,
        fields: ['body'],
      });
      // Staff answer the requester (their page); a requester's answer goes to whoever handles the request (the staff page).
      const recipient = await this.activeRecipient(
        isStaff(actor) ? await this.repository.activeMembershipOf(row.organisation_id, row.requester_user_id) : row.assigned_membership_id,
      );
      const mailId =
        recipient && recipient.email
          ? await this.mail.record({
              organisationId: row.organisation_id,
              template: 'help-request-reply',
              locale: recipient.locale,
              to: recipient.email,
              context: { name: recipient.displayName, link: isStaff(actor) ? this.links.forRequester(id) : this.links.forStaff(id) },
              dedupeKey: `help-request-reply.${message.id}`,
              aboutParticipantId: row.participant_id,
            })
          : undefined;
      return { message, mailId };
    });
    if (mailId) await this.mail.dispatch(mailId);
    return {
      id: message.id,
      authorRole: actor.role,
      authorName: actor.displayName,
      mine: true,
      body: input.body,
      createdAt: message.createdAt.toISOString(),
    };
  }

  async messages(actor: Actor, id: string): Promise<HelpRequestMessageDto[]> {
    const row = await this.findVisible(actor, id);
    const rows = await this.repository.messages(id, row.organisation_id);
    await this.auditStaffRead(actor, row, ['messages']);
    return rows.map((message) => ({
      id: message.id,
      authorRole: message.author_role,
      authorName: message.author_name,
      mine: message.author_user_id === actor.userId,
      body: this.encryption.decrypt(message.body) ?? '',
      createdAt: message.created_at.toISOString(),
    }));
  }

  /**
   * At the acknowledge-by moment: a request that is still new goes to the
   * team lead (mail, escalated_at), once; the claim is one conditional
   * UPDATE, so a retried or duplicated job escalates once.
   */
  @OnJob(JobName.HelpRequestAcknowledgeDue)
  async escalate(job: AcknowledgeDueJob): Promise<'escalated' | 'skipped' | 'rescheduled'> {
    const row = await this.repository.escalationState(job.helpRequestId);
    if (!row || row.status !== 'new' || row.escalated_at) return 'skipped';
    if (!this.scheduler.isDue(job) || row.acknowledge_by.getTime() > this.clock.now().getTime()) {
      await this.scheduleAcknowledgeCheck(row.id, row.acknowledge_by);
      return 'rescheduled';
    }
    const mailIds = await this.transactions.run(async () => {
      if (!(await this.repository.claimEscalation(row.id, this.clock.now()))) return [];
      await this.audit.recordSystem(row.organisation_id, {
        action: 'update',
        resourceType: 'help_request',
        resourceId: row.id,
        subjectParticipantId: row.participant_id,
        fields: ['escalatedAt'],
      });
      // The leads of the assignee's team (whatever the assignee's own status), the assignee left out; the assignee is named only while active.
      const assigned = await this.memberships.recipient(row.assigned_membership_id);
      const leads = assigned?.teamId
        ? (await this.memberships.teamLeads(assigned.organisationId, [assigned.teamId])).filter(
            (lead) => lead.membershipId !== assigned.membershipId,
          )
        : [];
      const assignee = assigned?.status === 'active' ? assigned : undefined;
      const ids: string[] = [];
      for (const lead of leads) {
        ids.push(
          await this.mail.record({
            organisationId: row.organisation_id,
            template: 'help-request-escalated',
            locale: lead.locale,
            to: lead.email,
            context: { name: lead.displayName, coach: assignee?.displayName ?? '', link: this.links.forStaff(row.id) },
            dedupeKey: `help-request-escalated.${row.id}.${lead.membershipId}`,
            aboutParticipantId: row.participant_id,
          }),
        );
      }
      return ids;
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    this.logger.log({ helpRequestId: row.id, teamLeads: mailIds.length }, 'help request escalated');
    return 'escalated';
  }

  /**
   * The database is the source of truth: every request still new and not
   * escalated gets its acknowledge-by check (one job per request and moment,
   * the same id as at creation), so a check lost to a crash between the
   * commit and the queue, or an emptied queue, still escalates; once. Past
   * deadlines run now. Safe to repeat.
   */
  @OnJob(JobName.HelpRequestsReconcile)
  async reconcile(): Promise<number> {
    let checked = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.repository.awaitingEscalation(after, RECONCILE_BATCH);
      for (const row of rows) await this.scheduleAcknowledgeCheck(row.id, row.acknowledge_by, true);
      checked += rows.length;
      if (rows.length < RECONCILE_BATCH) break;
      after = rows[rows.length - 1].id;
    }
    this.logger.log({ helpRequests: checked }, 'help request checks reconciled');
    return checked;
  }

  /**
   * Everything a new request needs before it is written, in one round trip
   * where possible: who the requester is (the participant or employer behind
   * the account), their coach, who handles the request (see `route`) with the
   * address to tell them at, and the organisation's response time. The coach's
   * and the assignee's names and addresses come in one call to MembershipsService.
   */
  private async creationContext(
    actor: Actor,
    today: string,
  ): Promise<{
    origin: RequesterOrigin;
    assignee: Assignee | null;
    recipient: Recipient | undefined;
    people: Map<string, Recipient>;
    days: number;
  }> {
    const asParticipant = actor.role === 'participant';
    const requesterId = asParticipant ? actor.participantId : actor.employerId;
    const found = requesterId ? await this.repository.creationFacts(actor.organisationId, asParticipant, requesterId, today) : undefined;
    if (!found?.requester_id) throw new NotFoundProblem(asParticipant ? 'participant' : 'employer');
    const origin: RequesterOrigin = asParticipant
      ? { participantId: found.requester_id, employerId: null }
      : { participantId: null, employerId: found.requester_id };
    const coach = found.coach_id
      ? {
          membershipId: found.coach_id,
          teamId: found.coach_team_id,
          available: !!found.coach_available,
          notify: !!found.coach_active,
        }
      : undefined;
    const assignee = await this.route(actor.organisationId, coach, today);
    const people = await this.memberships.recipients([assignee?.membershipId, coach?.membershipId].filter((id): id is string => !!id));
    const recipient = assignee?.notify ? people.get(assignee.membershipId) : undefined;
    const days = found.response_days;
    return {
      origin,
      assignee,
      recipient,
      people,
      days: typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 30 ? days : DEFAULT_HELP_RESPONSE_WORKING_DAYS,
    };
  }

  /**
   * The coach, unless away today (absent_until on or after today): then the
   * team lead of the coach's team. Without a coach, a team lead of the
   * organisation; when nobody else is there, the absent coach keeps it.
   */
  private async route(
    organisationId: string,
    coach: (Assignee & { teamId: string | null; available: boolean }) | undefined,
    today: string,
  ): Promise<Assignee | null> {
    if (coach?.available) return { membershipId: coach.membershipId, notify: coach.notify };
    const lead = await this.repository.availableTeamLead(organisationId, today, coach?.teamId ?? null, coach?.membershipId ?? null);
    if (lead) return { membershipId: lead, notify: true };
    return coach ? { membershipId: coach.membershipId, notify: coach.notify } : null;
  }

  /** The membership's recipient while the membership is active: inactive people are not mailed. */
  private async activeRecipient(membershipId: string | null | undefined): Promise<Recipient | undefined> {
    const recipient = await this.memberships.recipient(membershipId);
    return recipient?.status === 'active' ? recipient : undefined;
  }

  /** One check per request and acknowledge-by moment (a deterministic job id); `replaceFinished` for the reconciler. */
  private async scheduleAcknowledgeCheck(id: string, acknowledgeBy: Date, replaceFinished = false): Promise<void> {
    const job = [JobName.HelpRequestAcknowledgeDue, { helpRequestId: id }, acknowledgeBy, `${id}.${acknowledgeBy.getTime()}`] as const;
    await (replaceFinished ? this.scheduler.ensure(...job) : this.scheduler.schedule(...job));
  }

  private async findVisible(actor: Actor, id: string, lock = false): Promise<HelpRequestRow> {
    const row = await this.repository.findVisible(actor, this.policies.participantScope(actor, 'sp'), id, lock);
    if (!row) throw new NotFoundProblem('help request');
    return row;
  }

  private async auditStaffRead(actor: Actor, row: HelpRequestRow, fields: string[]): Promise<void> {
    if (!isStaff(actor) || !row.participant_id) return;
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'help_request',
      resourceId: row.id,
      subjectParticipantId: row.participant_id,
      fields,
    });
  }

  /** The coach and the handler of each request, by membership id, for the names the answer shows. */
  private people(rows: HelpRequestRow[]): Promise<Map<string, Recipient>> {
    return this.memberships.recipients(
      rows.flatMap((row) => [row.coach_membership_id, row.assigned_membership_id]).filter((id): id is string => !!id),
    );
  }

  private toDto(actor: Actor, row: HelpRequestRow, people: Map<string, Recipient>): HelpRequestDto {
    const staff = isStaff(actor);
    const nameOf = (membershipId: string | null) => (membershipId ? (people.get(membershipId)?.displayName ?? null) : null);
    return {
      id: row.id,
      category: row.category,
      urgency: row.urgency,
      preferredChannel: row.preferred_channel,
      preferredTime: row.preferred_time,
      body: this.encryption.decrypt(row.body) ?? '',
      status: row.status,
      requesterRole: row.requester_role,
      requesterName: row.requester_name,
      aboutEmployeeName: row.about_employee_name ?? null,
      coachName: nameOf(row.coach_membership_id),
      handledByName: nameOf(row.assigned_membership_id),
      assignedMembershipId: staff ? row.assigned_membership_id : null,
      acknowledgeBy: row.acknowledge_by.toISOString(),
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
      escalatedAt: staff ? (row.escalated_at?.toISOString() ?? null) : null,
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      version: row.version,
    };
  }
}

/** Participants ask about their life domains, employers about their employee and its arrangements; only employers name an employee. */
function checkTopic(actor: Actor, input: CreateHelpRequestDto): void {
  const employer = actor.role === 'employer_user';
  const topics: readonly string[] = employer ? EMPLOYER_HELP_CATEGORIES : PARTICIPANT_HELP_CATEGORIES;
  if (!topics.includes(input.category)) throw new RuleViolationException('category', `must be one of ${topics.join(', ')}`);
  if (input.aboutPlacementId && !employer) throw new RuleViolationException('aboutPlacementId', 'is only for employer users');
}
