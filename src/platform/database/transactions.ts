import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/** The transaction a use case runs in, found by every repository it calls without being passed along. */
const current = new AsyncLocalStorage<EntityManager>();

/**
 * Units of work for services. A service says where a transaction starts and
 * ends; the repositories it calls inside `run` take part in it on their own,
 * so no service holds a DataSource or an EntityManager. A nested `run` joins
 * the transaction already open.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (current.getStore()) return work();
    const body = (manager: EntityManager) => current.run(manager, work);
    return isolation ? this.dataSource.transaction(isolation, body) : this.dataSource.transaction(body);
  }

  get active(): boolean {
    return current.getStore() !== undefined;
  }
}

/**
 * Base of every `<capability>.repository.ts`: the only classes that hold the
 * connection. `manager` is the open transaction's, else the pool's.
 */
export abstract class TableRepository {
  constructor(@InjectDataSource() protected readonly dataSource: DataSource) {}

  protected get manager(): EntityManager {
    return current.getStore() ?? this.dataSource.manager;
  }

  protected query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return this.manager.query(sql, parameters);
  }
}

/** TypeORM's postgres driver answers an UPDATE or DELETE ... RETURNING with [rows, affected row count]. */
export function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;
}
