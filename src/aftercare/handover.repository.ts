import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, Not } from 'typeorm';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { Placement } from '../placements/entities/placement.entity.js';
import { HandoverMeeting } from './entities/handover-meeting.entity.js';

export interface ParticipantPartyRow {
  name: string;
  email: string | null;
}

export interface FolderRow {
  employer: string;
  employee: string;
  participant_id: string;
  organisation_id: string;
  coach_membership_id: string | null;
}

/**
 * Every statement on handover_meeting. Reads placement, participant and
 * employer for names and addresses (people with an account come from
 * MembershipsService); the
 * confirmation tokens live in identity's one_time_token.
 */
@Injectable()
@ChecksResourceAccess('handover_meeting')
export class HandoverRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  findById(id: string): Promise<HandoverMeeting | null> {
    return this.manager.getRepository(HandoverMeeting).findOneBy({ id });
  }

  /** The placement's meetings that were not cancelled, oldest first: their checklists hold the agreements. */
  async openMeetingsOfPlacement(
    placementId: string,
    organisationId: string,
  ): Promise<Array<Pick<HandoverMeeting, 'id' | 'startsAt' | 'checklist'>>> {
    return this.manager.getRepository(HandoverMeeting).find({
      select: { id: true, startsAt: true, checklist: true },
      where: { placementId, organisationId, status: Not('cancelled') },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  latestForPlacement(placementId: string): Promise<HandoverMeeting | null> {
    return this.manager.getRepository(HandoverMeeting).findOne({ where: { placementId }, order: { createdAt: 'DESC' } });
  }

  /** The participant's newest handover that is not cancelled, over all their placements in the organisation. */
  async latestForParticipant(participantId: string, organisationId: string): Promise<HandoverMeeting | null> {
    return this.manager
      .getRepository(HandoverMeeting)
      .createQueryBuilder('h')
      .innerJoin('placement', 'pl', 'pl.id = h.placement_id')
      .where('pl.participant_id = :participantId AND h.organisation_id = :organisationId', { participantId, organisationId })
      .andWhere("h.status <> 'cancelled'")
      .orderBy('h.starts_at', 'DESC')
      .getOne();
  }

  /** Row lock: call inside a transaction. */
  lock(id: string): Promise<HandoverMeeting | null> {
    return this.manager
      .getRepository(HandoverMeeting)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.id = :id', { id })
      .getOne();
  }

  save(meeting: Partial<HandoverMeeting>): Promise<HandoverMeeting> {
    return this.manager.getRepository(HandoverMeeting).save(meeting) as Promise<HandoverMeeting>;
  }

  /** Foreign read: the placement the meeting is about. */
  placement(placementId: string): Promise<Placement> {
    return this.manager.getRepository(Placement).findOneByOrFail({ id: placementId });
  }

  /** The participant's name and the address on their file; an account's address, if they have one, comes from identity. */
  async participantParty(participantId: string): Promise<ParticipantPartyRow | undefined> {
    const [row] = await this.query<ParticipantPartyRow>(
      `SELECT p.first_name || ' ' || p.last_name AS name, p.email FROM participant p WHERE p.id = $1`,
      [participantId],
    );
    return row;
  }

  async folderRow(placementId: string): Promise<FolderRow | undefined> {
    const [row] = await this.query<FolderRow>(
      `SELECT e.name AS employer, p.first_name || ' ' || p.last_name AS employee, pl.participant_id, pl.organisation_id, pl.coach_membership_id
         FROM placement pl JOIN employer e ON e.id = pl.employer_id JOIN participant p ON p.id = pl.participant_id
        WHERE pl.id = $1`,
      [placementId],
    );
    return row;
  }

  /** Names for the coach's placement, handover and check-in pages. */
  async placementNames(placementId: string): Promise<{ participant: string; employer: string } | undefined> {
    const [row] = await this.query<{ participant: string; employer: string }>(
      `SELECT p.first_name || ' ' || p.last_name AS participant, e.name AS employer FROM placement pl JOIN participant p ON p.id = pl.participant_id JOIN employer e ON e.id = pl.employer_id WHERE pl.id = $1`,
      [placementId],
    );
    return row;
  }

  /** Foreign read: whether the participant was erased (participants' tombstone). */
  async participantErased(participantId: string): Promise<boolean> {
    const [row] = await this.query<{ erased: boolean }>('SELECT erased_at IS NOT NULL AS erased FROM participant WHERE id = $1', [
      participantId,
    ]);
    return row?.erased ?? true;
  }

  /** The participant's handover meetings (their confirmation links name the meeting), at one employer when given. */
  async idsForParticipant(participantId: string, employerId?: string | null): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT h.id FROM handover_meeting h JOIN placement pl ON pl.id = h.placement_id
        WHERE pl.participant_id = $1 AND ($2::uuid IS NULL OR pl.employer_id = $2)`,
      [participantId, employerId ?? null],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Erasure: the agreements, attendance and meeting place written about the participant go; the meeting's dates stay.
   * A meeting keeps a place (ck_handover_place), so the place becomes a fixed word.
   */
  async anonymiseForParticipant(participantId: string): Promise<number> {
    const result = await this.query(
      `UPDATE handover_meeting SET checklist = '{}', attendance = '{}', location = 'Verwijderd', video_link = NULL
        WHERE placement_id IN (SELECT id FROM placement WHERE participant_id = $1) RETURNING id`,
      [participantId],
    );
    return affectedRows(result);
  }

  /** The access check of routes on a handover meeting (the policy's condition on alias `r`). */
  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "handover_meeting" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }
}
