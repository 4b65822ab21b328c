import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { CaseloadShare } from './entities/caseload-share.entity.js';
import { Participant } from './entities/participant.entity.js';

export const ERASED_NAME = 'Verwijderd';

/** A participant as the bulk import compares it with a row of its file. */
export interface ImportedParticipantRow {
  id: string;
  externalReference: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
}

/** A participant the bulk import creates: the fields of its file, with the import's key. */
export type NewImportedParticipant = Omit<ImportedParticipantRow, 'id'> & { coachMembershipId: string | null };

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

  /**
   * The organisation's participants with these import keys, locked until the
   * import's batch commits (an erased participant has no key any more).
   */
  async lockByExternalReferences(organisationId: string, references: string[]): Promise<ImportedParticipantRow[]> {
    if (references.length === 0) return [];
    return this.query<ImportedParticipantRow>(
      `SELECT id, external_reference AS "externalReference", first_name AS "firstName", last_name AS "lastName", email, phone,
              to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
         FROM participant
        WHERE organisation_id = $1 AND external_reference = ANY($2::text[])
        ORDER BY id
          FOR UPDATE`,
      [organisationId, references],
    );
  }

  /** The bulk import's new participants in one statement; their ids by import key. */
  async insertImported(organisationId: string, rows: NewImportedParticipant[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const inserted = await this.query<{ id: string; external_reference: string }>(
      `INSERT INTO participant (organisation_id, external_reference, first_name, last_name, email, phone, date_of_birth, coach_membership_id)
       SELECT $1, r.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::uuid[]) AS r
       RETURNING id, external_reference`,
      [
        organisationId,
        rows.map((row) => row.externalReference),
        rows.map((row) => row.firstName),
        rows.map((row) => row.lastName),
        rows.map((row) => row.email),
        rows.map((row) => row.phone),
        rows.map((row) => row.dateOfBirth),
        rows.map((row) => row.coachMembershipId),
      ],
    );
    return new Map(inserted.map((row) => [row.external_reference, row.id]));
  }

  /** The bulk import's changes in one statement: each row's full new values (the caller merged them). */
  async updateImported(rows: ImportedParticipantRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.query(
      `UPDATE participant p
          SET first_name = r.first_name, last_name = r.last_name, email = r.email, phone = r.phone, date_of_birth = r.date_of_birth,
              version = p.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[])
           AS r (id, first_name, last_name, email, phone, date_of_birth)
        WHERE p.id = r.id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.firstName),
        rows.map((row) => row.lastName),
        rows.map((row) => row.email),
        rows.map((row) => row.phone),
        rows.map((row) => row.dateOfBirth),
      ],
    );
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
