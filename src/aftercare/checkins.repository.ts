import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Membership } from '../identity/entities/membership.entity.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { Placement } from '../placements/entities/placement.entity.js';
import { CheckinPreparation, ContactLog } from './entities/aftercare-records.entity.js';
import { Checkin } from './entities/checkin.entity.js';

export interface NoticeRow {
  id: string;
  due_on: string;
  organisation_id: string;
  participant_id: string;
  participant: string;
  coach_membership_id: string | null;
  prepared: boolean;
}

export interface NoContactRow {
  status: string;
  last_contact_at: Date | null;
  organisation_id: string;
  participant_id: string;
  first_name: string;
  coach_membership_id: string | null;
}

export interface ContactReportRow {
  coach_membership_id: string;
  month: string;
  channel: string;
  n: number;
}

/**
 * Every statement on checkin, checkin_preparation and contact_log. Reads
 * placement, participant, membership (team filter) and mail_message for
 * schedules; names and addresses come from MembershipsService. Writes to placement and placement_event
 * are marked where they stand.
 */
@Injectable()
@ChecksResourceAccess('checkin')
export class CheckinsRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  // ---- checkin

  findById(id: string): Promise<Checkin | null> {
    return this.manager.getRepository(Checkin).findOneBy({ id });
  }

  forPlacement(placementId: string): Promise<Checkin[]> {
    return this.manager.getRepository(Checkin).find({ where: { placementId }, order: { dueOn: 'ASC' } });
  }

  plannedForPlacement(placementId: string): Promise<Checkin[]> {
    return this.manager.getRepository(Checkin).find({ where: { placementId, status: 'planned' } });
  }

  /** Row lock: call inside a transaction. */
  lock(id: string): Promise<Checkin | null> {
    return this.manager.getRepository(Checkin).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  save(checkin: Checkin): Promise<Checkin> {
    return this.manager.getRepository(Checkin).save(checkin);
  }

  /** One UPDATE of a locked row; save() would read it again first to find what changed. */
  async writeRecord(checkin: Checkin): Promise<{ version: number; updatedAt: Date }> {
    const [[written]] = await this.manager.query(
      `UPDATE checkin SET status = $2, held_on = $3, channel = $4, with_whom = $5, frame = $6, look_back = $7, look_ahead = $8,
              actions = $9, life_domains = $10, signals = $11, agreement_evaluations = $12, work_matches_description = $13,
              notes = $14, next_contact_on = $15, recorded_by_user_id = $16, version = version + 1, updated_at = CURRENT_TIMESTAMP
        WHERE id = $1 RETURNING version, updated_at`,
      [
        checkin.id,
        checkin.status,
        checkin.heldOn,
        checkin.channel,
        checkin.withWhom,
        JSON.stringify(checkin.frame),
        checkin.lookBack,
        checkin.lookAhead,
        JSON.stringify(checkin.actions),
        JSON.stringify(checkin.lifeDomains),
        checkin.signals,
        JSON.stringify(checkin.agreementEvaluations),
        checkin.workMatchesDescription,
        checkin.notes,
        checkin.nextContactOn,
        checkin.recordedByUserId,
      ],
    );
    return { version: written.version, updatedAt: written.updated_at };
  }

  async previousSignals(placementId: string, checkinId: string, limit: number): Promise<Array<{ signals: string[] }>> {
    return this.query<{ signals: string[] }>(
      "SELECT signals FROM checkin WHERE placement_id = $1 AND status = 'done' AND id <> $2 ORDER BY held_on DESC LIMIT $3",
      [placementId, checkinId, limit],
    );
  }

  async reassignPlanned(placementId: string, coachMembershipId: string): Promise<void> {
    await this.query("UPDATE checkin SET coach_membership_id = $2 WHERE placement_id = $1 AND status = 'planned'", [
      placementId,
      coachMembershipId,
    ]);
  }

  async cancelPlanned(placementId: string): Promise<void> {
    await this.query("UPDATE checkin SET status = 'cancelled' WHERE placement_id = $1 AND status = 'planned'", [placementId]);
  }

  async cancelPlannedAfter(placementId: string, from: string): Promise<void> {
    await this.query("UPDATE checkin SET status = 'cancelled' WHERE placement_id = $1 AND status = 'planned' AND due_on > $2", [
      placementId,
      from,
    ]);
  }

  async heldCount(placementId: string): Promise<number> {
    const [{ held }] = await this.query<{ held: number }>(
      "SELECT count(*)::int AS held FROM checkin WHERE placement_id = $1 AND status IN ('done', 'missed')",
      [placementId],
    );
    return held;
  }

  async insertPlanned(placement: Placement, dates: string[], firstAfterStart: boolean): Promise<number> {
    const inserted = await this.query(
      `INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, first_after_start)
       SELECT $1, $2, $3, d.due_on::date, 'planned', $5 AND d.ordinality = 1
         FROM unnest($4::text[]) WITH ORDINALITY AS d(due_on, ordinality)
       ON CONFLICT DO NOTHING RETURNING id`,
      [placement.organisationId, placement.id, placement.coachMembershipId, dates, firstAfterStart],
    );
    return inserted.length;
  }

  noticeStates(ids: string[]): Promise<Array<{ id: string; due_on: string; status: string; placement_status: string }>> {
    return this.query(
      `SELECT c.id, c.due_on::text AS due_on, c.status, p.status AS placement_status
         FROM checkin c JOIN placement p ON p.id = c.placement_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  plannedDueDates(from: string): Promise<Array<{ due_on: string }>> {
    return this.query(
      `SELECT DISTINCT c.due_on::text AS due_on FROM checkin c
        WHERE c.status = 'planned' AND c.due_on >= $1
          AND EXISTS (SELECT 1 FROM placement p WHERE p.id = c.placement_id AND p.status = 'aftercare')`,
      [from],
    );
  }

  /** Foreign read: placements in aftercare with their last contact, for the no-contact alerts. */
  lastContacts(): Promise<Array<{ id: string; last_contact_at: Date }>> {
    return this.query("SELECT id, last_contact_at FROM placement WHERE status = 'aftercare' AND last_contact_at IS NOT NULL");
  }

  async noContactRow(placementId: string): Promise<NoContactRow | undefined> {
    const [row] = await this.query<NoContactRow>(
      `SELECT p.status, p.last_contact_at, p.organisation_id, p.participant_id, pa.first_name, p.coach_membership_id
         FROM placement p JOIN participant pa ON pa.id = p.participant_id
        WHERE p.id = $1`,
      [placementId],
    );
    return row;
  }

  noticeBatch(first: string, last: string, after: string, notice: string, limit: number): Promise<NoticeRow[]> {
    return this.query<NoticeRow>(
      `SELECT c.id, c.due_on::text AS due_on, c.organisation_id, p.participant_id, pa.first_name AS participant, c.coach_membership_id,
              EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
         FROM checkin c JOIN placement p ON p.id = c.placement_id JOIN participant pa ON pa.id = p.participant_id
        WHERE c.status = 'planned' AND c.due_on BETWEEN $1::date AND $2::date AND p.status = 'aftercare' AND c.id > $3
          AND NOT EXISTS (SELECT 1 FROM mail_message mm WHERE mm.dedupe_key = 'checkin.' || c.id || '.' || $4)
        ORDER BY c.id LIMIT ${limit}`,
      [first, last, after, notice],
    );
  }

  /** The participant's own next planned check-in (participant portal). */
  async nextPlannedForParticipant(
    participantId: string,
    organisationId: string,
  ): Promise<{ id: string; due_on: string; prepared: boolean; appointment_at: Date | null; appointment_place: string | null } | undefined> {
    const [row] = await this.query<{
      id: string;
      due_on: string;
      prepared: boolean;
      appointment_at: Date | null;
      appointment_place: string | null;
    }>(
      `SELECT c.id, c.due_on::text AS due_on, c.appointment_at, c.appointment_place, EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
         FROM checkin c JOIN placement pl ON pl.id = c.placement_id
        WHERE pl.participant_id = $1 AND pl.organisation_id = $2 AND c.status = 'planned'
        ORDER BY c.due_on, c.id LIMIT 1`,
      [participantId, organisationId],
    );
    return row;
  }

  async dueOnAndStatus(checkinId: string): Promise<{ due_on: string; status: string } | undefined> {
    const [row] = await this.query<{ due_on: string; status: string }>('SELECT due_on::text AS due_on, status FROM checkin WHERE id = $1', [
      checkinId,
    ]);
    return row;
  }

  /** The coach's check-in page header. */
  async pageHeader(
    checkinId: string,
    organisationId: string,
  ): Promise<
    | {
        placement_id: string;
        participant_id: string;
        due_on: string;
        status: string;
        first_after_start: boolean;
        participant: string;
        employer: string;
        appointment_at: Date | null;
        appointment_place: string | null;
      }
    | undefined
  > {
    const [row] = await this.query<{
      placement_id: string;
      participant_id: string;
      due_on: string;
      status: string;
      first_after_start: boolean;
      participant: string;
      employer: string;
      appointment_at: Date | null;
      appointment_place: string | null;
    }>(
      `SELECT c.placement_id, pl.participant_id, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.status, c.first_after_start, c.appointment_at, c.appointment_place, p.first_name || ' ' || p.last_name AS participant, e.name AS employer
         FROM checkin c JOIN placement pl ON pl.id = c.placement_id JOIN participant p ON p.id = pl.participant_id JOIN employer e ON e.id = pl.employer_id
        WHERE c.id = $1 AND c.organisation_id = $2`,
      [checkinId, organisationId],
    );
    return row;
  }

  /** The check-ins of all of a participant's placements (coach's participant page). */
  forParticipant(
    participantId: string,
    organisationId: string,
  ): Promise<Array<{ id: string; placement_id: string; due_on: string; status: string; held_on: string | null }>> {
    return this.query(
      `SELECT c.id, c.placement_id, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.status, to_char(c.held_on, 'YYYY-MM-DD') AS held_on
         FROM checkin c JOIN placement pl ON pl.id = c.placement_id
        WHERE pl.participant_id = $1 AND c.organisation_id = $2 AND c.status <> 'cancelled' ORDER BY c.due_on`,
      [participantId, organisationId],
    );
  }

  // ---- checkin_preparation

  async upsertPreparation(values: Partial<CheckinPreparation>): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(CheckinPreparation)
      .values(values)
      .orUpdate(
        ['how_are_things', 'trend', 'hindering_domains', 'helping_domains', 'first_step', 'help_wanted', 'submitted_at'],
        ['checkin_id'],
      )
      .execute();
  }

  preparation(checkinId: string): Promise<CheckinPreparation | null> {
    return this.manager.getRepository(CheckinPreparation).findOneBy({ checkinId });
  }

  async preparedIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ checkin_id: string }>('SELECT checkin_id FROM checkin_preparation WHERE checkin_id = ANY($1)', [ids]);
    return new Set(rows.map((row) => row.checkin_id));
  }

  // ---- contact_log

  async insertContact(contact: Partial<ContactLog>): Promise<string> {
    const saved = await this.manager.getRepository(ContactLog).save(contact);
    return saved.id;
  }

  contactsForParticipant(
    participantId: string,
    organisationId: string,
  ): Promise<Array<{ at: Date; channel: string; with_party: string; checkin_id: string | null }>> {
    return this.query(
      `SELECT at, channel, with_party, checkin_id FROM contact_log WHERE participant_id = $1 AND organisation_id = $2 ORDER BY at DESC LIMIT 50`,
      [participantId, organisationId],
    );
  }

  contactReport(
    organisationId: string,
    from: string,
    to: string,
    team?: { teamId: string | null; membershipId: string },
  ): Promise<ContactReportRow[]> {
    const teamFilter = team ? 'AND (m.team_id = $4 OR m.id = $5)' : '';
    const params: unknown[] = [organisationId, from, to];
    if (team) params.push(team.teamId, team.membershipId);
    return this.query<ContactReportRow>(
      `SELECT c.coach_membership_id, to_char(c.at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month, c.channel, count(*)::int AS n
         FROM contact_log c JOIN membership m ON m.id = c.coach_membership_id
        WHERE c.organisation_id = $1 AND c.at >= $2::date AND c.at < ($3::date + 1) ${teamFilter}
        GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`,
      params,
    );
  }

  // ---- placement (foreign) and placement_event

  /** Foreign read: the placement a check-in or contact belongs to. */
  placement(placementId: string): Promise<Placement> {
    return this.manager.getRepository(Placement).findOneByOrFail({ id: placementId });
  }

  /** Row lock on the placement (aftercare changes serialise on it): call inside a transaction. */
  lockPlacement(placementId: string): Promise<Placement | null> {
    return this.manager
      .getRepository(Placement)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :placementId', { placementId })
      .getOne();
  }

  /** Foreign read: an active coach of the organisation to reassign to. */
  activeMember(membershipId: string, organisationId: string): Promise<Membership | null> {
    return this.manager.getRepository(Membership).findOneBy({ id: membershipId, organisationId, status: 'active' });
  }

  // ---- erasure

  async anonymiseCheckins(participantId: string): Promise<number> {
    const result = await this.query(
      `UPDATE checkin SET notes = NULL, look_back = NULL, look_ahead = NULL, frame = NULL, actions = '[]', missed_reason = NULL,
              life_domains = '{}', signals = '{}', agreement_evaluations = '[]', work_matches_description = NULL
        WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1) RETURNING id`,
      [participantId],
    );
    return affectedRows(result);
  }

  async anonymiseContacts(participantId: string): Promise<number> {
    const result = await this.query('UPDATE contact_log SET summary = NULL WHERE participant_id = $1 RETURNING id', [participantId]);
    return affectedRows(result);
  }

  async deletePreparations(participantId: string): Promise<number> {
    const result = await this.query(
      'DELETE FROM checkin_preparation WHERE checkin_id IN (SELECT c.id FROM checkin c JOIN placement p ON p.id = c.placement_id WHERE p.participant_id = $1) RETURNING checkin_id',
      [participantId],
    );
    return affectedRows(result);
  }

  /** The access check of routes on a checkin (the policy's condition on alias `r`). */
  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "checkin" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }
}
