import { assertSchemaCompatibility, LATEST_SCHEMA_VERSION, runMigrations } from 'bullmq';
import pg from 'pg';

/** The connection BullMQ's PostgreSQL backend works on, and what the queue platform needs of it besides. */
export interface QueuePool {
  /** Handed to BullMQ as its `connection`. */
  readonly connection: unknown;
  ping(): Promise<void>;
  end(): Promise<void>;
}

/**
 * Brings BullMQ's schema up to date when it is behind; a no-op (no DDL, so no
 * privilege needed) when it is current.
 */
export async function migrateQueueSchemaIfBehind(connection: pg.Pool | pg.Client, schema: string): Promise<void> {
  const version = await assertSchemaCompatibility(connection, schema).catch(() => 0);
  if (version >= LATEST_SCHEMA_VERSION) return;
  if (connection instanceof pg.Pool) {
    const client = await connection.connect();
    try {
      await runMigrations(client, schema);
    } finally {
      client.release();
    }
  } else {
    await runMigrations(connection, schema);
  }
}

/**
 * A pool for BullMQ's PostgreSQL backend, in its own schema of the
 * application database. The owner migrates BullMQ's tables with the others
 * (prepareDatabase); a service that connects as the owner itself (one role
 * for everything) brings them up to date here.
 */
export async function createQueuePool(databaseUrl: string, schema: string): Promise<QueuePool> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    options: `-c search_path=${schema}`,
    application_name: 'werkbrug-queue',
  });
  pool.on('error', () => undefined);
  await migrateQueueSchemaIfBehind(pool, schema);
  return {
    connection: pool,
    ping: async () => {
      await pool.query('SELECT 1');
    },
    end: () => pool.end(),
  };
}
