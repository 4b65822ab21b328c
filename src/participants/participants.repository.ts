import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { CaseloadShare } from './entities/caseload-share.entity.js';
import { Participant } from './entities/participant.entity.js';

export const ERASED_NAME = 'Verwijderd';

export interface CoachChangeRow {
  id: string;
  at: Date;
  reason: string;
  fromName: string | null;
  toName: string;
}

/** Every statement on `participant` and `caseload_share`. */
@Injectable()
@ChecksResourceAccess('participant')
export class ParticipantsRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  save(participant: Partial<Participant>): Promise<Participant> {
    return this.manager.getRepository(Participant).save(participant);
  }

  /** One page of the participants the scope allows, by name; `q` matches the full name. */
  page(scope: SqlCondition, q: string | undefined, skip: number, take: number): Promise<[Participant[], number]> {
    const builder = this.manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .where(scope.sql, scope.params)
      .andWhere('p.erased_at IS NULL');
    if (q) builder.andWhere("(p.first_name || ' ' || p.last_name) ILIKE :q", { q: `%${escapeLike(q)}%` });
    return builder.orderBy('p.last_name').addOrderBy('p.first_name').addOrderBy('p.id').skip(skip).take(take).getManyAndCount();
  }

  /** The participant if the scope allows it and it is not erased; `lock` takes the row lock (inside a transaction). */
  findVisible(id: string, scope: SqlCondition, lock: boolean): Promise<Participant | null> {
    const query = this.manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .andWhere('p.erased_at IS NULL');
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async findIdByExternalReference(organisationId: string, reference: string): Promise<string | null> {
    const [row] = await this.query<{ id: string }>('SELECT id FROM participant WHERE organisation_id = $1 AND external_reference = $2', [
      organisationId,
      reference,
    ]);
    return row?.id ?? null;
  }

  async setExternalReference(id: string, reference: string): Promise<void> {
    await this.query('UPDATE participant SET external_reference = $2 WHERE id = $1', [id, reference]);
  }

  findInOrganisation(id: string, organisationId: string): Promise<Participant> {
    return this.manager.getRepository(Participant).findOneByOrFail({ id, organisationId });
  }

  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "participant" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }

  saveShare(share: Partial<CaseloadShare>): Promise<CaseloadShare> {
    return this.manager.getRepository(CaseloadShare).save(share);
  }

  /** The row stays for counts and statistics, emptied and marked erased. */
  async markErased(id: string, now: Date): Promise<void> {
    await this.manager.getRepository(Participant).update(
      { id },
      {
        firstName: ERASED_NAME,
        lastName: ERASED_NAME,
        email: null,
        phone: null,
        dateOfBirth: null,
        privateNotes: null,
        erasedAt: now,
        version: () => 'version + 1',
      },
    );
    // Set by the bulk import and not mapped on the entity: another system's key for the person.
    await this.query('UPDATE participant SET external_reference = NULL WHERE id = $1', [id]);
  }

  /** Shares of an erased participant have nothing left to show; their reason is free text. */
  async deleteShares(participantId: string): Promise<number> {
    return affectedRows(await this.query('DELETE FROM caseload_share WHERE participant_id = $1 RETURNING id', [participantId]));
  }

  /** A change of coach, with its reason, and the participant's coach set to the new one (inside the caller's transaction). */
  async changeCoach(change: {
    organisationId: string;
    participantId: string;
    fromMembershipId: string | null;
    toMembershipId: string;
    reason: string;
    changedByUserId: string;
  }): Promise<void> {
    await this.query(
      `INSERT INTO participant_coach_change (organisation_id, participant_id, from_membership_id, to_membership_id, reason, changed_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [change.organisationId, change.participantId, change.fromMembershipId, change.toMembershipId, change.reason, change.changedByUserId],
    );
    await this.query('UPDATE participant SET coach_membership_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [
      change.participantId,
      change.toMembershipId,
    ]);
  }

  /** The participant's changes of coach, newest first, with the coaches' names. */
  coachChanges(participantId: string, organisationId: string): Promise<CoachChangeRow[]> {
    return this.query(
      `SELECT c.id, c.created_at AS "at", c.reason, fu.display_name AS "fromName", tu.display_name AS "toName"
         FROM participant_coach_change c
         LEFT JOIN membership fm ON fm.id = c.from_membership_id LEFT JOIN user_account fu ON fu.id = fm.user_id
         JOIN membership tm ON tm.id = c.to_membership_id JOIN user_account tu ON tu.id = tm.user_id
        WHERE c.participant_id = $1 AND c.organisation_id = $2
        ORDER BY c.created_at DESC, c.id`,
      [participantId, organisationId],
    );
  }

  async deleteCoachChanges(participantId: string): Promise<number> {
    return affectedRows(await this.query('DELETE FROM participant_coach_change WHERE participant_id = $1 RETURNING id', [participantId]));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
