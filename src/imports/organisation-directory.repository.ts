import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Membership } from '../identity/entities/membership.entity.js';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { TableRepository } from '../platform/database/transactions.js';

/**
 * Read-only lists of another capability's tables (membership, user_account,
 * team, employer) for the admin's pages and the import form, kept here until
 * identity and organisations offer them. No writes.
 */
@Injectable()
export class OrganisationDirectoryRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async memberCounts(organisationId: string): Promise<{ active: number; invited: number }> {
    const [counts] = await this.query<{ active: number; invited: number }>(
      `SELECT (SELECT count(*) FROM membership WHERE organisation_id = $1 AND status = 'active' AND role <> 'participant')::int AS active,
              (SELECT count(*) FROM membership WHERE organisation_id = $1 AND status = 'invited')::int AS invited`,
      [organisationId],
    );
    return counts;
  }

  /** Staff memberships (not participants) within `scope`, with their account, by name. */
  staffMembers(scope: SqlCondition, limit: number): Promise<Membership[]> {
    return this.manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where(scope.sql, scope.params)
      .andWhere("m.role <> 'participant'")
      .orderBy('u.display_name')
      .limit(limit)
      .getMany();
  }

  teams(organisationId: string): Promise<Array<{ id: string; name: string }>> {
    return this.query('SELECT id, name FROM team WHERE organisation_id = $1 ORDER BY name', [organisationId]);
  }

  employers(organisationId: string, limit: number): Promise<Array<{ id: string; name: string }>> {
    return this.query('SELECT id, name FROM employer WHERE organisation_id = $1 ORDER BY name LIMIT $2', [organisationId, limit]);
  }
}
