import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, DeepPartial } from 'typeorm';
import { Employer } from '../employers/entities/employer.entity.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { TableRepository } from '../platform/database/transactions.js';
import { Vacancy, type VacancyStatus } from './entities/vacancy.entity.js';

/**
 * Every statement on vacancy. Reads employer (read-only) for the actor's
 * employer scope and for the names and addresses the vacancy pages show.
 */
@Injectable()
export class VacanciesRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  save(vacancy: DeepPartial<Vacancy>): Promise<Vacancy> {
    return this.manager.getRepository(Vacancy).save(vacancy);
  }

  /** The organisation's vacancies within the employer scope (alias `e`), newest first, at most 500. */
  list(organisationId: string, scope: SqlCondition, filter: { status?: VacancyStatus; employerId?: string }): Promise<Vacancy[]> {
    const builder = this.manager
      .getRepository(Vacancy)
      .createQueryBuilder('v')
      .innerJoin(Employer, 'e', 'e.id = v.employer_id')
      .where(scope.sql, scope.params)
      .andWhere('v.organisation_id = :org', { org: organisationId });
    if (filter.status) builder.andWhere('v.status = :status', { status: filter.status });
    if (filter.employerId) builder.andWhere('v.employer_id = :employerId', { employerId: filter.employerId });
    return builder.orderBy('v.created_at', 'DESC').addOrderBy('v.id').limit(500).getMany();
  }

  /** One vacancy within the employer scope (alias `e`); `lock` takes its row lock (inside a transaction). */
  findVisible(id: string, organisationId: string, scope: SqlCondition, lock = false): Promise<Vacancy | null> {
    const query = this.manager
      .getRepository(Vacancy)
      .createQueryBuilder('v')
      .innerJoin(Employer, 'e', 'e.id = v.employer_id')
      .where('v.id = :id', { id })
      .andWhere('v.organisation_id = :org', { org: organisationId })
      .andWhere(scope.sql, scope.params);
    if (lock) query.setLock('pessimistic_write', undefined, ['v']);
    return query.getOne();
  }

  findInOrganisation(id: string, organisationId: string): Promise<Vacancy | null> {
    return this.manager.getRepository(Vacancy).findOneBy({ id, organisationId });
  }

  async idByExternalReference(organisationId: string, reference: string): Promise<string | null> {
    const [row] = await this.query<{ id: string }>('SELECT id FROM vacancy WHERE organisation_id = $1 AND external_reference = $2', [
      organisationId,
      reference,
    ]);
    return row?.id ?? null;
  }

  /** The vacancy's employer, for the public job posting (its name, KvK number and addresses). */
  employerOf(vacancy: Vacancy): Promise<Employer> {
    return this.manager.getRepository(Employer).findOneByOrFail({ id: vacancy.employerId });
  }

  async employerNames(organisationId: string, employerIds: string[]): Promise<Map<string, string>> {
    if (!employerIds.length) return new Map();
    const rows = await this.query<{ id: string; name: string }>(
      'SELECT id, name FROM employer WHERE id = ANY($1) AND organisation_id = $2',
      [employerIds, organisationId],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Title and employer name of each vacancy, for lists that name them. */
  titles(
    organisationId: string,
    vacancyIds: string[],
  ): Promise<Array<{ id: string; title: string; employer: string; employer_id: string }>> {
    if (!vacancyIds.length) return Promise.resolve([]);
    return this.query(
      `SELECT v.id, v.title, e.name AS employer, v.employer_id FROM vacancy v JOIN employer e ON e.id = v.employer_id WHERE v.id = ANY($1) AND v.organisation_id = $2`,
      [vacancyIds, organisationId],
    );
  }
}
