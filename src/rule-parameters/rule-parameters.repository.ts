import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import { OrganisationRuleParameter } from './entities/organisation-rule-parameter.entity.js';

export interface RuleParameterRow extends OrganisationRuleParameter {
  /** Display name of the user who entered the value (user_account, read only). */
  createdByName: string | null;
}

/** Every statement on organisation_rule_parameter. Reads user_account (display name) for "entered by". */
@Injectable()
export class RuleParametersRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** The organisation's values in force (not withdrawn), with who entered them. */
  async activeFor(organisationId: string): Promise<RuleParameterRow[]> {
    return this.withNames(
      await this.manager
        .getRepository(OrganisationRuleParameter)
        .find({ where: { organisationId, withdrawnAt: IsNull() }, order: { key: 'ASC', validFrom: 'ASC' } }),
    );
  }

  async allFor(organisationId: string): Promise<RuleParameterRow[]> {
    return this.withNames(
      await this.manager
        .getRepository(OrganisationRuleParameter)
        .find({ where: { organisationId }, order: { key: 'ASC', validFrom: 'ASC', createdAt: 'ASC' } }),
    );
  }

  async lockKey(organisationId: string, key: string, scope: string | null): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${organisationId}:${key}:${scope ?? ''}`]);
  }

  async activeForKey(organisationId: string, key: string, scope: string | null): Promise<OrganisationRuleParameter[]> {
    return this.manager.getRepository(OrganisationRuleParameter).find({
      where: { organisationId, key, scope: scope === null ? IsNull() : scope, withdrawnAt: IsNull() },
      order: { validFrom: 'ASC' },
    });
  }

  async findForUpdate(organisationId: string, id: string): Promise<OrganisationRuleParameter | null> {
    return this.manager
      .getRepository(OrganisationRuleParameter)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.organisation_id = :organisationId', { id, organisationId })
      .getOne();
  }

  async insert(
    row: Omit<OrganisationRuleParameter, 'id' | 'createdAt' | 'withdrawnAt' | 'withdrawnByUserId'>,
  ): Promise<OrganisationRuleParameter> {
    return this.manager.getRepository(OrganisationRuleParameter).save({ ...row, withdrawnAt: null, withdrawnByUserId: null });
  }

  async setValidTo(id: string, validTo: string): Promise<void> {
    await this.manager.getRepository(OrganisationRuleParameter).update({ id }, { validTo });
  }

  async withdraw(id: string, at: Date, userId: string): Promise<void> {
    await this.manager.getRepository(OrganisationRuleParameter).update({ id }, { withdrawnAt: at, withdrawnByUserId: userId });
  }

  private async withNames(rows: OrganisationRuleParameter[]): Promise<RuleParameterRow[]> {
    const ids = [...new Set(rows.map((row) => row.createdByUserId).filter((id): id is string => id !== null))];
    const names =
      ids.length === 0
        ? []
        : await this.query<{ id: string; display_name: string }>('SELECT id, display_name FROM user_account WHERE id = ANY($1::uuid[])', [
            ids,
          ]);
    const byId = new Map(names.map((row) => [row.id, row.display_name]));
    return rows.map((row) => Object.assign(row, { createdByName: row.createdByUserId ? (byId.get(row.createdByUserId) ?? null) : null }));
  }
}
