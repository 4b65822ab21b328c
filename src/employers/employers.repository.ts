import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { TableRepository } from '../platform/database/transactions.js';
import { Employer } from './entities/employer.entity.js';

/** Every statement on `employer`. */
@Injectable()
@ChecksResourceAccess('employer')
export class EmployersRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  save(employer: Partial<Employer>): Promise<Employer> {
    return this.manager.getRepository(Employer).save(employer);
  }

  list(scope: SqlCondition): Promise<Employer[]> {
    return this.manager
      .getRepository(Employer)
      .createQueryBuilder('e')
      .where(scope.sql, scope.params)
      .orderBy('e.name')
      .limit(500)
      .getMany();
  }

  findById(id: string): Promise<Employer | null> {
    return this.manager.getRepository(Employer).findOneBy({ id });
  }

  async idsByKvkNumber(organisationId: string, kvkNumber: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>('SELECT id FROM employer WHERE kvk_number = $1 AND organisation_id = $2', [
      kvkNumber,
      organisationId,
    ]);
    return rows.map((row) => row.id);
  }

  /** Whether another employer of the organisation already has this payroll tax number. */
  async payrollTaxNumberTaken(organisationId: string, payrollTaxNumber: string, exceptEmployerId: string): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM employer WHERE organisation_id = $1 AND payroll_tax_number = $2 AND id <> $3 LIMIT 1', [
      organisationId,
      payrollTaxNumber,
      exceptEmployerId,
    ]);
    return rows.length > 0;
  }

  async existsInOrganisation(id: string, organisationId: string): Promise<boolean> {
    return (await this.query('SELECT id FROM employer WHERE id = $1 AND organisation_id = $2', [id, organisationId])).length > 0;
  }

  /** The employer with its row lock, for a change (inside a transaction). */
  findForUpdate(id: string): Promise<Employer | null> {
    return this.manager.getRepository(Employer).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "employer" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }

  /** employer id -> 'public' | 'private' (null when not recorded), for the outcome reports' sector filter. */
  async sectorTypes(organisationId: string): Promise<Map<string, string | null>> {
    const rows = await this.query<{ id: string; sector_type: string | null }>(
      'SELECT id, sector_type FROM employer WHERE organisation_id = $1',
      [organisationId],
    );
    return new Map(rows.map((row) => [row.id, row.sector_type]));
  }
}
