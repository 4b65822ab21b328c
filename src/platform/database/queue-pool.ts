import { runMigrations } from 'bullmq';
import pg from 'pg';

/** The connection BullMQ's PostgreSQL backend works on, and what the queue platform needs of it besides. */
export interface QueuePool {
  /** Handed to BullMQ as its `connection`. */
  readonly connection: unknown;
  ping(): Promise<void>;
  end(): Promise<void>;
}

/**
 * A pool for BullMQ's PostgreSQL backend, in its own schema of the
 * application database, with BullMQ's tables migrated.
 */
export async function createQueuePool(databaseUrl: string, schema: string): Promise<QueuePool> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    options: `-c search_path=${schema}`,
    application_name: 'werkbrug-queue',
  });
  pool.on('error', () => undefined);
  await runMigrations(pool, schema);
  return {
    connection: pool,
    ping: async () => {
      await pool.query('SELECT 1');
    },
    end: () => pool.end(),
  };
}
