import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import { Employer } from '../employers/entities/employer.entity.js';
import { TableRepository } from '../platform/database/transactions.js';
import { Consent, type ConsentPurpose } from './entities/consent.entity.js';

/** Every statement on `consent`. Reads employer (employers) for names only. */
@Injectable()
export class ConsentsRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  findActive(participantId: string, purpose: ConsentPurpose, employerId: string | null): Promise<Consent | null> {
    return this.manager.getRepository(Consent).findOneBy({
      participantId,
      purpose,
      employerId: employerId ? employerId : IsNull(),
      withdrawnAt: IsNull(),
    });
  }

  /** Of these participant and employer pairs, the ones with an active consent for the purpose ("participant/employer"). */
  async activePairs(purpose: ConsentPurpose, pairs: ReadonlyArray<{ participantId: string; employerId: string }>): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows: Array<{ participant_id: string; employer_id: string }> = await this.manager.query(
      `SELECT DISTINCT c.participant_id, c.employer_id
         FROM consent c
         JOIN unnest($2::uuid[], $3::uuid[]) AS pair(participant_id, employer_id)
           ON c.participant_id = pair.participant_id AND c.employer_id = pair.employer_id
        WHERE c.purpose = $1 AND c.withdrawn_at IS NULL`,
      [purpose, pairs.map((pair) => pair.participantId), pairs.map((pair) => pair.employerId)],
    );
    return new Set(rows.map((row) => `${row.participant_id}/${row.employer_id}`));
  }

  findOne(id: string, participantId: string, organisationId: string): Promise<Consent | null> {
    return this.manager.getRepository(Consent).findOneBy({ id, participantId, organisationId });
  }

  /** Every consent of the participant, newest first. */
  history(participantId: string, organisationId: string): Promise<Consent[]> {
    return this.manager.getRepository(Consent).find({
      where: { participantId, organisationId },
      order: { givenAt: 'DESC', createdAt: 'DESC', id: 'ASC' },
    });
  }

  insert(values: Omit<Consent, 'id' | 'createdAt'>): Promise<Consent> {
    const repository = this.manager.getRepository(Consent);
    return repository.save(repository.create(values));
  }

  async markWithdrawn(id: string, withdrawnAt: Date, withdrawnByUserId: string): Promise<void> {
    await this.manager.getRepository(Consent).update({ id }, { withdrawnAt, withdrawnByUserId });
  }

  /** Withdraws every active consent of the participant; returns their ids. */
  async withdrawAll(
    participantId: string,
    withdrawnAt: Date,
    withdrawnByUserId: string,
  ): Promise<Array<Pick<Consent, 'id' | 'purpose' | 'employerId'>>> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Consent)
      .set({ withdrawnAt, withdrawnByUserId })
      .where('participant_id = :participantId AND withdrawn_at IS NULL', { participantId })
      .returning('id, purpose, employer_id')
      .execute();
    return (result.raw as Array<{ id: string; purpose: ConsentPurpose; employer_id: string | null }>).map((row) => ({
      id: row.id,
      purpose: row.purpose,
      employerId: row.employer_id,
    }));
  }

  /** Reads employer (employers): whether it is an employer of the organisation. */
  async employerExists(employerId: string, organisationId: string): Promise<boolean> {
    return (await this.manager.getRepository(Employer).countBy({ id: employerId, organisationId })) > 0;
  }

  /**
   * Reads match, placement and employer: the employers this participant is matched with or works for,
   * the ones a participant can name in a consent of their own.
   */
  async employersAround(participantId: string, organisationId: string): Promise<Array<{ id: string; name: string }>> {
    return this.manager.query(
      `SELECT e.id, e.name FROM employer e
        WHERE e.organisation_id = $2
          AND (EXISTS (SELECT 1 FROM match m WHERE m.employer_id = e.id AND m.participant_id = $1)
               OR EXISTS (SELECT 1 FROM placement pl WHERE pl.employer_id = e.id AND pl.participant_id = $1))
        ORDER BY e.name, e.id`,
      [participantId, organisationId],
    );
  }

  /** Reads employer (employers): names by id, for the explanations. */
  async employerNames(employerIds: string[]): Promise<Map<string, string>> {
    if (employerIds.length === 0) return new Map();
    const employers = await this.manager.getRepository(Employer).find({ select: { id: true, name: true }, where: { id: In(employerIds) } });
    return new Map(employers.map((employer) => [employer.id, employer.name]));
  }
}
