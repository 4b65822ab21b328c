import { activeManager } from '../platform/database/transactions.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../audit/audit.service.js';
import { type Actor, isStaff } from '../platform/auth/actor.js';
import { ForbiddenProblem } from '../platform/auth/auth.guard.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { type Page, pageWindow } from '../platform/http/pagination/page.dto.js';
import { addWorkingDays, localDate } from '../rules/calculations/working-days.js';
import { appConfig } from '../platform/config/app.config.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
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
import { DEFAULT_HELP_RESPONSE_WORKING_DAYS, HELP_TRANSITIONS, type HelpStatus, type TransitionActor } from './help-request.constants.js';

interface AcknowledgeDueJob extends Scheduled {
  helpRequestId: string;
}

/** A help_request row with the names the views need. */
interface HelpRequestRow {
  id: string;
  organisation_id: string;
  requester_user_id: string;
  requester_role: 'participant' | 'employer_user';
  participant_id: string | null;
  employer_id: string | null;
  category: HelpRequestDto['category'];
  urgency: HelpRequestDto['urgency'];
  preferred_channel: HelpRequestDto['preferredChannel'];
  preferred_time: string | null;
  body: string;
  status: HelpStatus;
  assigned_membership_id: string | null;
  acknowledge_by: Date;
  acknowledged_at: Date | null;
  escalated_at: Date | null;
  resolved_at: Date | null;
  version: number;
  created_at: Date;
  requester_name: string | null;
  coach_name: string | null;
  handled_by_name: string | null;
}

interface Recipient {
  membership_id: string;
  email: string;
  display_name: string;
  locale: Locale;
}

interface RequesterOrigin {
  participantId: string | null;
  employerId: string | null;
}

/** Who handles a new request, and where to tell them: nobody is told when their membership is not active. */
interface Assignee {
  membershipId: string;
  recipient: Recipient | null;
}

const REQUEST_COLUMNS = `
  SELECT hr.id, hr.organisation_id, hr.requester_user_id, hr.requester_role, hr.participant_id, hr.employer_id, hr.category,
         hr.urgency, hr.preferred_channel, hr.preferred_time, hr.body, hr.status, hr.assigned_membership_id, hr.acknowledge_by,
         hr.acknowledged_at, hr.escalated_at, hr.resolved_at, hr.version, hr.created_at,
         CASE WHEN hr.participant_id IS NOT NULL THEN p.first_name || ' ' || p.last_name ELSE ru.display_name END AS requester_name,
         cu.display_name AS coach_name, au.display_name AS handled_by_name`;

/** The names around a help request `hr`, which can be the table or a CTE of just-inserted rows. */
const REQUEST_JOINS = `
    JOIN user_account ru ON ru.id = hr.requester_user_id
    LEFT JOIN participant p ON p.id = hr.participant_id
    LEFT JOIN employer e ON e.id = hr.employer_id
    LEFT JOIN membership cm ON cm.id = COALESCE(p.coach_membership_id, e.contact_coach_membership_id)
    LEFT JOIN user_account cu ON cu.id = cm.user_id
    LEFT JOIN membership am ON am.id = hr.assigned_membership_id
    LEFT JOIN user_account au ON au.id = am.user_id`;

/** Inserts one request and answers it with its names (shared with the benchmark's floor server). */
export const INSERT_REQUEST_SQL = `WITH hr AS (
    INSERT INTO help_request (organisation_id, requester_user_id, requester_role, participant_id, employer_id, category, urgency,
                       preferred_channel, preferred_time, body, assigned_membership_id, acknowledge_by, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING *
  )
  ${REQUEST_COLUMNS} FROM hr${REQUEST_JOINS}`;

const SELECT_REQUEST = `${REQUEST_COLUMNS}
    FROM help_request hr${REQUEST_JOINS}`;

const URGENCY_ORDER = "CASE hr.urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END";

/**
 * Help requests from participants and employer users to their coach: routed
 * to the team lead while the coach is away, acknowledged within the
 * organisation's response time in Dutch working days, escalated once when
 * not. Bodies and messages may hold health information: encrypted at rest,
 * staff reads of a participant's request are audit-logged.
 *
 * Plain SQL on the tables of migration 1763900600000 (no entity classes yet).
 */
@Injectable()
export class HelpRequestsService {
  private readonly logger = new Logger(HelpRequestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly scheduler: SchedulerService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async create(actor: Actor, input: CreateHelpRequestDto): Promise<HelpRequestDto> {
    const now = this.clock.now();
    const { origin, assignee, days } = await this.creationContext(actor, localDate(now));
    const acknowledgeBy = addWorkingDays(now, days);
    const { row, mailId } = await this.dataSource.transaction(async (manager) => {
      // The new row comes back with the names the answer shows, so nothing is read again after the commit.
      const [row]: HelpRequestRow[] = await manager.query(INSERT_REQUEST_SQL, [
        actor.organisationId,
        actor.userId,
        actor.role,
        origin.participantId,
        origin.employerId,
        input.category,
        input.urgency,
        input.preferredChannel ?? null,
        input.preferredTime ?? null,
        this.encryption.encrypt(input.body),
        assignee?.membershipId ?? null,
        acknowledgeBy,
        now,
      ]);
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'help_request',
          resourceId: row.id,
          subjectParticipantId: origin.participantId,
          fields: ['category', 'urgency', 'body'],
        },
        manager,
      );
      const recipient = assignee?.recipient;
      const mailId = recipient
        ? await this.mail.record(
            {
              organisationId: actor.organisationId,
              template: 'help-request-new',
              locale: recipient.locale,
              to: recipient.email,
              // No category, urgency or text: only that there is something to read after signing in.
              context: { name: recipient.display_name, link: this.link(row.id) },
              dedupeKey: `help-request-new.${row.id}`,
            },
            manager,
          )
        : undefined;
      return { row, mailId };
    });
    // Two independent queue calls (the mail, the acknowledge-by check): sent together.
    await Promise.all([mailId ? this.mail.dispatch(mailId) : undefined, this.scheduleAcknowledgeCheck(row.id, acknowledgeBy)]);
    return this.toDto(actor, row);
  }

  async list(actor: Actor, query: HelpRequestListQueryDto): Promise<Page<HelpRequestDto>> {
    const { page, pageSize, skip } = pageWindow(query);
    const scope = this.scope(actor);
    const conditions = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params, limit: pageSize, offset: skip };
    if (query.assigned === 'me') {
      if (!isStaff(actor)) throw new RuleViolationException('assigned', 'is only for staff');
      conditions.push('hr.assigned_membership_id = :hrMe');
      params.hrMe = actor.membershipId;
    }
    if (query.status) {
      conditions.push('hr.status = :hrStatus');
      params.hrStatus = query.status;
    }
    const where = conditions.map((condition) => `(${condition})`).join(' AND ');
    const order = isStaff(actor) ? `${URGENCY_ORDER}, hr.created_at ASC, hr.id` : 'hr.created_at DESC, hr.id';
    const rows = await this.run<HelpRequestRow>(
      this.dataSource.manager,
      `${SELECT_REQUEST} WHERE ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      params,
    );
    const [count] = await this.run<{ total: number }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS total FROM help_request hr WHERE ${where}`,
      params,
    );
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
    return { items: rows.map((row) => this.toDto(actor, row)), page, pageSize, total: count.total };
  }

  async get(actor: Actor, id: string): Promise<HelpRequestDto> {
    const row = await this.findVisible(actor, id);
    await this.auditStaffRead(actor, row, ['body', 'requesterName']);
    return this.toDto(actor, row);
  }

  async changeStatus(actor: Actor, id: string, to: HelpStatus): Promise<HelpRequestDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.findVisible(actor, id, manager, true);
      const allowed = HELP_TRANSITIONS[row.status][to];
      if (!allowed) throw new RuleViolationException('status', `a help request cannot go from ${row.status} to ${to}`);
      const who: TransitionActor = isStaff(actor) ? 'staff' : 'requester';
      if (!allowed.includes(who)) throw new ForbiddenProblem(`Only the coach can change a help request from ${row.status} to ${to}.`);
      const now = this.clock.now();
      await manager.query(
        `UPDATE help_request
            SET status = $2,
                acknowledged_at = CASE WHEN $2 IN ('acknowledged', 'in_progress', 'resolved') THEN COALESCE(acknowledged_at, $3) ELSE acknowledged_at END,
                resolved_at = CASE WHEN $2 = 'resolved' THEN $3::timestamptz WHEN $2 = 'in_progress' THEN NULL ELSE resolved_at END,
                version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, to, now],
      );
      await this.audit.record(
        actor,
        { action: 'update', resourceType: 'help_request', resourceId: id, subjectParticipantId: row.participant_id, fields: ['status'] },
        manager,
      );
    });
    return this.toDto(actor, await this.findVisible(actor, id));
  }

  async addMessage(actor: Actor, id: string, input: CreateHelpRequestMessageDto): Promise<HelpRequestMessageDto> {
    const { message, mailId } = await this.dataSource.transaction(async (manager) => {
      const row = await this.findVisible(actor, id, manager, true);
      if (row.status === 'closed') throw new RuleViolationException('body', 'the help request is closed; start a new one');
      const now = this.clock.now();
      const [message] = await manager.query(
        `INSERT INTO help_request_message (organisation_id, help_request_id, author_user_id, author_role, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [row.organisation_id, id, actor.userId, actor.role, this.encryption.encrypt(input.body), now],
      );
      // A reply from staff is an acknowledgement: the requester has been heard, so there is nothing to escalate.
      const acknowledges = isStaff(actor) && row.status === 'new';
      await manager.query(
        `UPDATE help_request
            SET status = CASE WHEN $2 THEN 'acknowledged' ELSE status END,
                acknowledged_at = CASE WHEN $2 THEN COALESCE(acknowledged_at, $3) ELSE acknowledged_at END,
                version = version + 1, updated_at = $3
          WHERE id = $1`,
        [id, acknowledges, now],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'help_request_message',
          resourceId: message.id,
          subjectParticipantId: row.participant_id,
          fields: ['body'],
        },
        manager,
      );
      const [recipient] = isStaff(actor)
        ? await this.recipients('m.organisation_id = $1 AND m.user_id = $2', [row.organisation_id, row.requester_user_id], manager)
        : row.assigned_membership_id
          ? await this.recipients('m.id = $1', [row.assigned_membership_id], manager)
          : [];
      const mailId =
        recipient && recipient.email
          ? await this.mail.record(
              {
                organisationId: row.organisation_id,
                template: 'help-request-reply',
                locale: recipient.locale,
                to: recipient.email,
                context: { name: recipient.display_name, link: this.link(id) },
                dedupeKey: `help-request-reply.${message.id}`,
              },
              manager,
            )
          : undefined;
      return { message: { id: message.id as string, createdAt: message.created_at as Date }, mailId };
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
    const rows: Array<{
      id: string;
      author_user_id: string;
      author_role: string;
      author_name: string | null;
      body: string;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT hm.id, hm.author_user_id, hm.author_role, u.display_name AS author_name, hm.body, hm.created_at
         FROM help_request_message hm LEFT JOIN user_account u ON u.id = hm.author_user_id
        WHERE hm.help_request_id = $1 AND hm.organisation_id = $2
        ORDER BY hm.created_at, hm.id`,
      [id, row.organisation_id],
    );
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
    const [row]: Array<{
      id: string;
      organisation_id: string;
      participant_id: string | null;
      status: HelpStatus;
      escalated_at: Date | null;
      acknowledge_by: Date;
      assigned_membership_id: string | null;
    }> = await this.dataSource.query(
      'SELECT id, organisation_id, participant_id, status, escalated_at, acknowledge_by, assigned_membership_id FROM help_request WHERE id = $1',
      [job.helpRequestId],
    );
    if (!row || row.status !== 'new' || row.escalated_at) return 'skipped';
    if (!this.scheduler.isDue(job) || row.acknowledge_by.getTime() > this.clock.now().getTime()) {
      await this.scheduleAcknowledgeCheck(row.id, row.acknowledge_by);
      return 'rescheduled';
    }
    const mailIds = await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query(
        "UPDATE help_request SET escalated_at = $2, updated_at = $2 WHERE id = $1 AND escalated_at IS NULL AND status = 'new' RETURNING id",
        [row.id, this.clock.now()],
      );
      if (claimed.length === 0) return [];
      await this.audit.recordSystem(
        row.organisation_id,
        {
          action: 'update',
          resourceType: 'help_request',
          resourceId: row.id,
          subjectParticipantId: row.participant_id,
          fields: ['escalatedAt'],
        },
        manager,
      );
      const leads = row.assigned_membership_id ? await this.teamLeadsOf(row.assigned_membership_id, manager) : [];
      const [assignee] = row.assigned_membership_id ? await this.recipients('m.id = $1', [row.assigned_membership_id], manager) : [];
      const ids: string[] = [];
      for (const lead of leads) {
        ids.push(
          await this.mail.record(
            {
              organisationId: row.organisation_id,
              template: 'help-request-escalated',
              locale: lead.locale,
              to: lead.email,
              context: { name: lead.display_name, coach: assignee?.display_name ?? '', link: this.link(row.id) },
              dedupeKey: `help-request-escalated.${row.id}.${lead.membership_id}`,
            },
            manager,
          ),
        );
      }
      return ids;
    });
    for (const id of mailIds) await this.mail.dispatch(id);
    this.logger.log({ helpRequestId: row.id, teamLeads: mailIds.length }, 'help request escalated');
    return 'escalated';
  }

  /**
   * Everything a new request needs before it is written, in one round trip
   * where possible: who the requester is (the participant or employer behind
   * the account), their coach, who handles the request (see `route`) with the
   * address to tell them at, and the organisation's response time.
   */
  private async creationContext(
    actor: Actor,
    today: string,
  ): Promise<{ origin: RequesterOrigin; assignee: Assignee | null; days: number }> {
    const asParticipant = actor.role === 'participant';
    const requesterId = asParticipant ? actor.participantId : actor.employerId;
    const [found]: Array<{
      requester_id: string | null;
      response_days: unknown;
      coach_id: string | null;
      coach_team_id: string | null;
      coach_available: boolean | null;
      coach_active: boolean | null;
      coach_email: string | null;
      coach_display_name: string | null;
      coach_locale: Locale | null;
    }> = requesterId
      ? await this.dataSource.query(
          `SELECT r.id AS requester_id, o.settings -> 'helpResponseWorkingDays' AS response_days,
                  c.id AS coach_id, c.team_id AS coach_team_id,
                  (c.status = 'active' AND (c.absent_until IS NULL OR c.absent_until < $3)) AS coach_available,
                  c.status = 'active' AS coach_active, cu.email AS coach_email, cu.display_name AS coach_display_name, cu.locale AS coach_locale
             FROM organisation o
             LEFT JOIN ${asParticipant ? 'participant r ON r.id = $2 AND r.organisation_id = o.id AND r.erased_at IS NULL' : 'employer r ON r.id = $2 AND r.organisation_id = o.id'}
             LEFT JOIN membership c ON c.id = r.${asParticipant ? 'coach_membership_id' : 'contact_coach_membership_id'}
             LEFT JOIN user_account cu ON cu.id = c.user_id
            WHERE o.id = $1`,
          [actor.organisationId, requesterId, today],
        )
      : [];
    if (!found?.requester_id) throw new NotFoundProblem(asParticipant ? 'participant' : 'employer');
    const origin: RequesterOrigin = asParticipant
      ? { participantId: found.requester_id, employerId: null }
      : { participantId: null, employerId: found.requester_id };
    const coach = found.coach_id
      ? {
          membershipId: found.coach_id,
          teamId: found.coach_team_id,
          available: !!found.coach_available,
          recipient: found.coach_active
            ? {
                membership_id: found.coach_id,
                email: found.coach_email!,
                display_name: found.coach_display_name!,
                locale: found.coach_locale!,
              }
            : null,
        }
      : undefined;
    const assignee = await this.route(actor.organisationId, coach, today);
    const days = found.response_days;
    return {
      origin,
      assignee,
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
    if (coach?.available) return { membershipId: coach.membershipId, recipient: coach.recipient };
    const [lead]: Recipient[] = await this.dataSource.query(
      `SELECT m.id AS membership_id, u.email, u.display_name, u.locale
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.role = 'team_lead' AND m.status = 'active'
          AND (m.absent_until IS NULL OR m.absent_until < $2)
          AND ($3::uuid IS NULL OR m.team_id = $3) AND m.id IS DISTINCT FROM $4
        ORDER BY m.created_at, m.id LIMIT 1`,
      [organisationId, today, coach?.teamId ?? null, coach?.membershipId ?? null],
    );
    if (lead) return { membershipId: lead.membership_id, recipient: lead };
    return coach ? { membershipId: coach.membershipId, recipient: coach.recipient } : null;
  }

  private async teamLeadsOf(membershipId: string, manager: EntityManager): Promise<Recipient[]> {
    return this.recipients(
      `m.role = 'team_lead' AND m.id <> $1
         AND (m.team_id, m.organisation_id) = (SELECT a.team_id, a.organisation_id FROM membership a WHERE a.id = $1)`,
      [membershipId],
      manager,
    );
  }

  private async recipients(condition: string, params: unknown[], manager: EntityManager): Promise<Recipient[]> {
    return manager.query(
      `SELECT m.id AS membership_id, u.email, u.display_name, u.locale
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.status = 'active' AND ${condition}
        ORDER BY m.created_at, m.id`,
      params,
    );
  }

  private async scheduleAcknowledgeCheck(id: string, acknowledgeBy: Date): Promise<void> {
    await this.scheduler.schedule<Omit<AcknowledgeDueJob, 'runAt'>>(
      JobName.HelpRequestAcknowledgeDue,
      { helpRequestId: id },
      acknowledgeBy,
      `${id}.${acknowledgeBy.getTime()}`,
    );
  }

  /**
   * Requesters see their own requests. Staff see what is assigned to them
   * (a team lead: to anyone in the team), requests of participants they may
   * see, and requests of employers whose contact coach they are (or, for a
   * team lead, someone in the team is).
   */
  private scope(actor: Actor): { sql: string; params: Record<string, unknown> } {
    if (!isStaff(actor)) {
      return {
        sql: 'hr.organisation_id = :hrOrg AND hr.requester_user_id = :hrUser',
        params: { hrOrg: actor.organisationId, hrUser: actor.userId },
      };
    }
    const participant = this.policies.participantScope(actor, 'sp');
    const mine =
      actor.role === 'team_lead'
        ? '(SELECT :hrMember::uuid UNION SELECT tm.id FROM membership tm WHERE tm.organisation_id = :hrOrg AND tm.team_id = :hrTeam)'
        : '(SELECT :hrMember::uuid)';
    return {
      sql: `hr.organisation_id = :hrOrg AND (
              hr.assigned_membership_id IN ${mine}
              OR EXISTS (SELECT 1 FROM participant sp WHERE sp.id = hr.participant_id AND ${participant.sql})
              OR EXISTS (SELECT 1 FROM employer se WHERE se.id = hr.employer_id AND se.organisation_id = :hrOrg AND se.contact_coach_membership_id IN ${mine}))`,
      params: { ...participant.params, hrOrg: actor.organisationId, hrMember: actor.membershipId, hrTeam: actor.teamId },
    };
  }

  private async findVisible(
    actor: Actor,
    id: string,
    manager: EntityManager = activeManager(this.dataSource),
    lock = false,
  ): Promise<HelpRequestRow> {
    const scope = this.scope(actor);
    // One read: the row with its names, locked when the caller is about to change it.
    const [row] = await this.run<HelpRequestRow>(
      manager,
      `${SELECT_REQUEST} WHERE hr.id = :hrId AND ${scope.sql}${lock ? ' FOR UPDATE OF hr' : ''}`,
      { ...scope.params, hrId: id },
    );
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

  /** Named parameters (`:name`), as the policy scopes use them, on a plain SQL query. */
  private async run<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return manager.query(query, values);
  }

  private link(id: string): string {
    return `${this.app.publicUrl}/help-requests/${id}`;
  }

  private toDto(actor: Actor, row: HelpRequestRow): HelpRequestDto {
    const staff = isStaff(actor);
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
      coachName: row.coach_name,
      handledByName: row.handled_by_name,
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
