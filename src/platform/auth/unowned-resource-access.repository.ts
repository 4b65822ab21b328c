import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../database/transactions.js';
import type { SqlCondition } from './policy.service.js';
import type { ResourceKind } from './policy.decorator.js';
import type { ResourceAccessReader } from './resource-access.js';

/**
 * The access check for resource kinds whose owner has not registered a
 * reader with `@ChecksResourceAccess` yet (membership: identity; placement:
 * placements; handover_meeting, checkin: aftercare). Transitional: it goes
 * once every owner registers its repository.
 */
@Injectable()
export class UnownedResourceAccessRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  // cross-owner read: membership, placement, handover_meeting and checkin belong to identity, placements and aftercare
  async isVisible(kind: ResourceKind, id: string, condition: SqlCondition): Promise<boolean> {
    // Plain SQL with named parameters: this runs before every route with a resource, so no query builder per request.
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "${kind}" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }
}
