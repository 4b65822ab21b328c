import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, isStaff } from '../platform/auth/actor.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import type { HelpRequestDto } from './dto/help-request.dto.js';
import type { HelpStatus } from './help-request.constants.js';

/** A help_request row with the requester's name and the coach's membership (whose name MembershipsService gives). */
export interface HelpRequestRow {
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
  coach_membership_id: string | null;
  about_placement_id: string | null;
  about_employee_name: string | null;
}

/** What a new request needs to know about its requester, their coach and the organisation's response time. */
export interface CreationFacts {
  requester_id: string | null;
  response_days: unknown;
  coach_id: string | null;
  coach_team_id: string | null;
  coach_available: boolean | null;
  coach_active: boolean | null;
}

export interface EscalationState {
  id: string;
  organisation_id: string;
  participant_id: string | null;
  status: HelpStatus;
  escalated_at: Date | null;
  acknowledge_by: Date;
  assigned_membership_id: string | null;
}

export interface HelpMessageRow {
  id: string;
  author_user_id: string;
  author_role: string;
  author_name: string | null;
  body: string;
  created_at: Date;
}

export interface NewHelpRequest {
  organisationId: string;
  requesterUserId: string;
  requesterRole: string;
  participantId: string | null;
  employerId: string | null;
  category: string;
  urgency: string;
  preferredChannel: string | null;
  preferredTime: string | null;
  /** Encrypted. */
  body: string;
  assignedMembershipId: string | null;
  acknowledgeBy: Date;
  now: Date;
}

const REQUEST_COLUMNS = `
  SELECT hr.id, hr.organisation_id, hr.requester_user_id, hr.requester_role, hr.participant_id, hr.employer_id, hr.category,
         hr.urgency, hr.preferred_channel, hr.preferred_time, hr.body, hr.status, hr.assigned_membership_id, hr.acknowledge_by,
         hr.acknowledged_at, hr.escalated_at, hr.resolved_at, hr.version, hr.created_at,
         CASE WHEN hr.participant_id IS NOT NULL THEN p.first_name || ' ' || p.last_name ELSE ru.display_name END AS requester_name,
         COALESCE(p.coach_membership_id, e.contact_coach_membership_id) AS coach_membership_id,
         hr.about_placement_id, ap.first_name || ' ' || ap.last_name AS about_employee_name`;

/** The requester and coach around a help request `hr`, which can be the table or a CTE of just-inserted rows. */
const REQUEST_JOINS = `
    JOIN user_account ru ON ru.id = hr.requester_user_id
    LEFT JOIN participant p ON p.id = hr.participant_id
    LEFT JOIN employer e ON e.id = hr.employer_id
    LEFT JOIN placement apl ON apl.id = hr.about_placement_id
    LEFT JOIN participant ap ON ap.id = apl.participant_id`;

/** Inserts one request and answers it with the requester's name (shared with the benchmark's floor server). */
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
 * Every statement on help_request and help_request_message. Reads join
 * user_account (the requester's and message authors' names, by user),
 * participant, employer, membership and organisation for names, the coach and
 * the organisation's response time; the names and addresses of memberships
 * (coach, handler, mail recipients) come from MembershipsService.
 */
@Injectable()
export class HelpRequestsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async insert(request: NewHelpRequest): Promise<HelpRequestRow> {
    // The new row comes back with the requester's name the answer shows, so nothing is read again after the commit.
    const [row] = await this.query<HelpRequestRow>(INSERT_REQUEST_SQL, [
      request.organisationId,
      request.requesterUserId,
      request.requesterRole,
      request.participantId,
      request.employerId,
      request.category,
      request.urgency,
      request.preferredChannel,
      request.preferredTime,
      request.body,
      request.assignedMembershipId,
      request.acknowledgeBy,
      request.now,
    ]);
    return row;
  }

  /** Names the employee (a placement within `placementScope`, alias `pl`) an employer's new request is about; false when it is not one the employer may see. */
  async setAboutPlacement(id: string, placementId: string, placementScope: SqlCondition): Promise<boolean> {
    const visible = await this.manager
      .createQueryBuilder()
      .select('pl.id', 'id')
      .from('placement', 'pl')
      .where('pl.id = :aboutPlacement', { aboutPlacement: placementId })
      .andWhere(placementScope.sql, placementScope.params)
      .getRawMany();
    if (visible.length === 0) return false;
    await this.query('UPDATE help_request SET about_placement_id = $2 WHERE id = $1', [id, placementId]);
    return true;
  }

  /** The requests `actor` may see (see `scope`), urgent first for staff, newest first for requesters. */
  async listVisible(
    actor: Actor,
    participantScope: SqlCondition,
    filter: { assignedToMe: boolean; status?: HelpStatus; limit: number; offset: number },
  ): Promise<{ rows: HelpRequestRow[]; total: number }> {
    const scope = this.scope(actor, participantScope);
    const conditions = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params, limit: filter.limit, offset: filter.offset };
    if (filter.assignedToMe) {
      conditions.push('hr.assigned_membership_id = :hrMe');
      params.hrMe = actor.membershipId;
    }
    if (filter.status) {
      conditions.push('hr.status = :hrStatus');
      params.hrStatus = filter.status;
    }
    const where = conditions.map((condition) => `(${condition})`).join(' AND ');
    const order = isStaff(actor) ? `${URGENCY_ORDER}, hr.created_at ASC, hr.id` : 'hr.created_at DESC, hr.id';
    const rows = await this.named<HelpRequestRow>(`${SELECT_REQUEST} WHERE ${where} ORDER BY ${order} LIMIT :limit OFFSET :offset`, params);
    const [count] = await this.named<{ total: number }>(`SELECT count(*)::int AS total FROM help_request hr WHERE ${where}`, params);
    return { rows, total: count.total };
  }

  /** One read: the row with its names, locked (inside a transaction) when the caller is about to change it. */
  async findVisible(actor: Actor, participantScope: SqlCondition, id: string, lock = false): Promise<HelpRequestRow | undefined> {
    const scope = this.scope(actor, participantScope);
    const [row] = await this.named<HelpRequestRow>(
      `${SELECT_REQUEST} WHERE hr.id = :hrId AND ${scope.sql}${lock ? ' FOR UPDATE OF hr' : ''}`,
      { ...scope.params, hrId: id },
    );
    return row;
  }

  async changeStatus(id: string, to: HelpStatus, now: Date): Promise<void> {
    await this.query(
      `UPDATE help_request
          SET status = $2,
              acknowledged_at = CASE WHEN $2 IN ('acknowledged', 'in_progress', 'resolved') THEN COALESCE(acknowledged_at, $3) ELSE acknowledged_at END,
              resolved_at = CASE WHEN $2 = 'resolved' THEN $3::timestamptz WHEN $2 = 'in_progress' THEN NULL ELSE resolved_at END,
              version = version + 1, updated_at = $3
        WHERE id = $1`,
      [id, to, now],
    );
  }

  async insertMessage(message: {
    organisationId: string;
    helpRequestId: string;
    authorUserId: string;
    authorRole: string;
    body: string;
    now: Date;
  }): Promise<{ id: string; createdAt: Date }> {
    const [row] = await this.query<{ id: string; created_at: Date }>(
      `INSERT INTO help_request_message (organisation_id, help_request_id, author_user_id, author_role, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [message.organisationId, message.helpRequestId, message.authorUserId, message.authorRole, message.body, message.now],
    );
    return { id: row.id, createdAt: row.created_at };
  }

  /** A new message bumps the request; `acknowledges` when it is staff's first answer to a new one. */
  async touchForMessage(id: string, acknowledges: boolean, now: Date): Promise<void> {
    await this.query(
      `UPDATE help_request
          SET status = CASE WHEN $2 THEN 'acknowledged' ELSE status END,
              acknowledged_at = CASE WHEN $2 THEN COALESCE(acknowledged_at, $3) ELSE acknowledged_at END,
              version = version + 1, updated_at = $3
        WHERE id = $1`,
      [id, acknowledges, now],
    );
  }

  async messages(helpRequestId: string, organisationId: string): Promise<HelpMessageRow[]> {
    return this.query<HelpMessageRow>(
      `SELECT hm.id, hm.author_user_id, hm.author_role, u.display_name AS author_name, hm.body, hm.created_at
         FROM help_request_message hm LEFT JOIN user_account u ON u.id = hm.author_user_id
        WHERE hm.help_request_id = $1 AND hm.organisation_id = $2
        ORDER BY hm.created_at, hm.id`,
      [helpRequestId, organisationId],
    );
  }

  async escalationState(id: string): Promise<EscalationState | undefined> {
    const [row] = await this.query<EscalationState>(
      'SELECT id, organisation_id, participant_id, status, escalated_at, acknowledge_by, assigned_membership_id FROM help_request WHERE id = $1',
      [id],
    );
    return row;
  }

  /** Requests nobody acknowledged and nothing escalated yet, by id after `after`: each should have its acknowledge-by check. */
  async awaitingEscalation(after: string, limit: number): Promise<Array<{ id: string; acknowledge_by: Date }>> {
    return this.query(
      "SELECT id, acknowledge_by FROM help_request WHERE status = 'new' AND escalated_at IS NULL AND id > $1 ORDER BY id LIMIT $2",
      [after, limit],
    );
  }

  /** The claim on the escalation: one conditional UPDATE, so a retried or duplicated job escalates once. */
  async claimEscalation(id: string, now: Date): Promise<boolean> {
    const claimed = await this.query(
      "UPDATE help_request SET escalated_at = $2, updated_at = $2 WHERE id = $1 AND escalated_at IS NULL AND status = 'new' RETURNING id",
      [id, now],
    );
    return affectedRows(claimed) > 0;
  }

  /** The requester (participant or employer behind the account), their coach, and the organisation's response time. */
  async creationFacts(
    organisationId: string,
    asParticipant: boolean,
    requesterId: string,
    today: string,
  ): Promise<CreationFacts | undefined> {
    const [found] = await this.query<CreationFacts>(
      `SELECT r.id AS requester_id, o.settings -> 'helpResponseWorkingDays' AS response_days,
              c.id AS coach_id, c.team_id AS coach_team_id,
              (c.status = 'active' AND (c.absent_until IS NULL OR c.absent_until < $3)) AS coach_available,
              c.status = 'active' AS coach_active
         FROM organisation o
         LEFT JOIN ${asParticipant ? 'participant r ON r.id = $2 AND r.organisation_id = o.id AND r.erased_at IS NULL' : 'employer r ON r.id = $2 AND r.organisation_id = o.id'}
         LEFT JOIN membership c ON c.id = r.${asParticipant ? 'coach_membership_id' : 'contact_coach_membership_id'}
        WHERE o.id = $1`,
      [organisationId, requesterId, today],
    );
    return found;
  }

  /** The membership id of a team lead present today (of `teamId` when given), other than `except`. */
  async availableTeamLead(
    organisationId: string,
    today: string,
    teamId: string | null,
    except: string | null,
  ): Promise<string | undefined> {
    const [lead] = await this.query<{ id: string }>(
      `SELECT m.id
         FROM membership m
        WHERE m.organisation_id = $1 AND m.role = 'team_lead' AND m.status = 'active'
          AND (m.absent_until IS NULL OR m.absent_until < $2)
          AND ($3::uuid IS NULL OR m.team_id = $3) AND m.id IS DISTINCT FROM $4
        ORDER BY m.created_at, m.id LIMIT 1`,
      [organisationId, today, teamId, except],
    );
    return lead?.id;
  }

  /** The requester's active membership in the organisation (the oldest, should they have several), whose account the reply mail goes to. */
  async activeMembershipOf(organisationId: string, userId: string): Promise<string | undefined> {
    const [membership] = await this.query<{ id: string }>(
      `SELECT m.id FROM membership m
        WHERE m.organisation_id = $1 AND m.user_id = $2 AND m.status = 'active'
        ORDER BY m.created_at, m.id LIMIT 1`,
      [organisationId, userId],
    );
    return membership?.id;
  }

  /** The participant's requests with their messages, for the data export (columns as the export has always shown them). */
  async exportRows(participantId: string, organisationId: string): Promise<Array<Record<string, unknown>>> {
    const requests = await this.query<Record<string, unknown>>(
      'SELECT id, category, urgency, preferred_channel, preferred_time, body, status, created_at, acknowledged_at, resolved_at FROM help_request WHERE participant_id = $1 AND organisation_id = $2 ORDER BY created_at',
      [participantId, organisationId],
    );
    for (const request of requests) {
      request.messages = await this.query<Record<string, unknown>>(
        'SELECT author_role, body, created_at FROM help_request_message WHERE help_request_id = $1 ORDER BY created_at',
        [request.id],
      );
    }
    return requests;
  }

  /**
   * Erasure: the conversation goes; the request row stays for response-time
   * figures with its text replaced by `erasedBody` and no preferred time.
   */
  async eraseForParticipant(
    participantId: string,
    organisationId: string,
    erasedBody: string,
  ): Promise<{ requests: number; messages: number }> {
    const messages = await this.query(
      `DELETE FROM help_request_message
        WHERE help_request_id IN (SELECT id FROM help_request WHERE participant_id = $1 AND organisation_id = $2) RETURNING id`,
      [participantId, organisationId],
    );
    const requests = await this.query(
      'UPDATE help_request SET body = $3, preferred_time = NULL, updated_at = now() WHERE participant_id = $1 AND organisation_id = $2 RETURNING id',
      [participantId, organisationId, erasedBody],
    );
    return { requests: affectedRows(requests), messages: affectedRows(messages) };
  }

  /**
   * Requesters see their own requests. Staff see what is assigned to them
   * (a team lead: to anyone in the team), requests of participants they may
   * see, and requests of employers whose contact coach they are (or, for a
   * team lead, someone in the team is).
   */
  private scope(actor: Actor, participant: SqlCondition): SqlCondition {
    if (!isStaff(actor)) {
      return {
        sql: 'hr.organisation_id = :hrOrg AND hr.requester_user_id = :hrUser',
        params: { hrOrg: actor.organisationId, hrUser: actor.userId },
      };
    }
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

  /** Named parameters (`:name`), as the policy scopes use them, on a plain SQL query. */
  private named<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return this.query<T>(query, values);
  }
}
