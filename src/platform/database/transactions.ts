import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { requestContext } from '../http/request-context.js';
import { isUnavailableError } from './database-errors.js';

/**
 * Where a use case's statements go, found by every repository it calls without
 * being passed along: its open transaction (primary), or a connection to a
 * streaming replica for reads that may be a moment behind.
 */
interface UnitOfWork {
  kind: 'transaction' | 'replica';
  manager: EntityManager;
  client?: PoolClient;
  /** What waits for the transaction to commit (a job that would read its rows); dropped on rollback. */
  afterCommit?: Array<() => Promise<void>>;
}
const current = new AsyncLocalStorage<UnitOfWork>();

/** After a replica fails, reads stay on the primary this long before a replica is tried again. */
const REPLICA_RETRY_AFTER_MS = 30_000;
/** How long a user's last write position is kept: far longer than any healthy replica lags. */
const WRITE_MEMORY_MS = 5 * 60_000;
const WRITE_MEMORY_SIZE = 50_000;

/**
 * Units of work for services. A service says where a transaction starts and
 * ends; the repositories it calls inside `run` take part in it on their own,
 * so no service holds a DataSource or an EntityManager. A nested `run` joins
 * the transaction already open.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);
  private replicasDownUntil = 0;
  /** Per user, the primary's WAL position after their last write: their replica reads wait for it or go to the primary. */
  private readonly lastWrites = new Map<string, { lsn: string; at: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (current.getStore()?.kind === 'transaction') return work();
    const afterCommit: Array<() => Promise<void>> = [];
    const body = (manager: EntityManager) => current.run({ kind: 'transaction', manager, afterCommit }, work);
    const result = await (isolation ? this.dataSource.transaction(isolation, body) : this.dataSource.transaction(body));
    const userId = requestContext.get().actor?.userId;
    if (userId) await this.rememberWrite(userId);
    for (const step of afterCommit) {
      // Committed is committed: a step that fails here must not turn the use case into an error (the outbox sweep recovers mail).
      await step().catch((error: unknown) => this.logger.warn(`A step after commit failed: ${errorSummary(error)}`));
    }
    return result;
  }

  /**
   * Runs `step` once the open transaction has committed (never, if it rolls
   * back), or now when there is none. For handing work to a queue: a job
   * started before the commit would not see the rows it is about.
   */
  async afterCommit(step: () => Promise<void>): Promise<void> {
    const work = current.getStore();
    if (work?.kind === 'transaction' && work.afterCommit) work.afterCommit.push(step);
    else await step();
  }

  get active(): boolean {
    return current.getStore()?.kind === 'transaction';
  }

  /**
   * Reads that may be slightly stale (matching, dashboards, reports, exports)
   * run on a streaming replica when `DATABASE_REPLICA_URLS` is set. Inside an
   * open transaction they stay on the primary, so a use case always reads its
   * own writes; a replica that cannot be reached sends the reads back to the
   * primary. `work` must only read: a replica refuses writes.
   */
  async readFromReplica<T>(work: () => Promise<T>): Promise<T> {
    if (current.getStore() || !this.hasReplicas || Date.now() < this.replicasDownUntil) return work();
    let runner: QueryRunner | undefined;
    try {
      runner = this.dataSource.createQueryRunner('slave');
      const client = (await runner.connect()) as PoolClient;
      if (!(await this.caughtUp(client))) return await work();
      return await current.run({ kind: 'replica', manager: runner.manager, client }, work);
    } catch (error) {
      if (!isUnavailableError(error)) throw error;
      this.replicasDownUntil = Date.now() + REPLICA_RETRY_AFTER_MS;
      this.logger.warn(`A read replica is unreachable (${errorSummary(error)}); reading from the primary.`);
      return work();
    } finally {
      await runner?.release().catch(() => undefined);
    }
  }

  /**
   * Remembers where the primary's WAL stood after this user wrote, so that
   * their next reads (the page after a form) see what they just saved. Called
   * after every transaction and every writing request; a no-op without
   * replicas. The memory is this process's: several API processes behind a
   * load balancer need session affinity for it (docs/deployment.md).
   */
  async rememberWrite(userId: string): Promise<void> {
    if (!this.hasReplicas) return;
    const [row] = await this.dataSource.query<Array<{ lsn: string }>>('SELECT pg_current_wal_lsn()::text AS lsn');
    this.lastWrites.delete(userId);
    this.lastWrites.set(userId, { lsn: row.lsn, at: Date.now() });
    if (this.lastWrites.size > WRITE_MEMORY_SIZE) this.lastWrites.delete(this.lastWrites.keys().next().value!);
  }

  /** Whether the replica has replayed the acting user's last write (always, for a user who has not written lately). */
  private async caughtUp(client: PoolClient): Promise<boolean> {
    const userId = requestContext.get().actor?.userId;
    const write = userId ? this.lastWrites.get(userId) : undefined;
    if (!write || Date.now() - write.at > WRITE_MEMORY_MS) return true;
    const result = await client.query<{ caught_up: boolean }>(
      'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS caught_up',
      [write.lsn],
    );
    return result.rows[0].caught_up;
  }

  private get hasReplicas(): boolean {
    const options = this.dataSource.options as { replication?: { slaves?: unknown[] } };
    return (options.replication?.slaves?.length ?? 0) > 0;
  }
}

function errorSummary(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
}

/** The replica connection of the read running now, if it runs on one (for repositories that use the driver directly). */
export function replicaClient(): PoolClient | undefined {
  const work = current.getStore();
  return work?.kind === 'replica' ? work.client : undefined;
}

/**
 * Base of every `<capability>.repository.ts`: the only classes that hold the
 * connection. `manager` is the open transaction's, else the pool's.
 */
export abstract class TableRepository {
  constructor(@InjectDataSource() protected readonly dataSource: DataSource) {}

  protected get manager(): EntityManager {
    return current.getStore()?.manager ?? this.dataSource.manager;
  }

  protected query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return this.manager.query(sql, parameters);
  }
}

/** TypeORM's postgres driver answers an UPDATE or DELETE ... RETURNING with [rows, affected row count]. */
export function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;
}
