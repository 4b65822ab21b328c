import pg from 'pg';
import { DataSource } from 'typeorm';
import { connectionUser, grantApplicationRole } from './database-roles.js';
import { migrateQueueSchemaIfBehind } from './queue-pool.js';
import { buildDataSourceOptions } from './typeorm-options.js';

/** Held while migrating, so several replicas starting together migrate once. */
const MIGRATION_LOCK_KEY = 724_515_001;

export async function runPendingMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(url, 2), logging: ['error'] });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/** The tables of BullMQ's PostgreSQL backend, made by the owner like every other table. */
export async function migrateQueueSchema(ownerUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'werkbrug-migrations' });
  await client.connect();
  try {
    await migrateQueueSchemaIfBehind(client, schema);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface PrepareDatabaseOptions {
  /** The owner role: runs the migrations and owns the tables. */
  ownerUrl: string;
  /** The role the service connects as; given rights on the tables when it is not the owner. */
  applicationUrl: string;
  /** BullMQ's schema, when queues run on PostgreSQL. */
  queueSchema?: string;
}

/** Migrations as the owner, then the application role's rights on what they made. */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<string[]> {
  const applied = await runPendingMigrations(options.ownerUrl);
  if (options.queueSchema) await migrateQueueSchema(options.ownerUrl, options.queueSchema);
  const applicationRole = connectionUser(options.applicationUrl);
  if (applicationRole !== connectionUser(options.ownerUrl)) {
    await grantApplicationRole(options.ownerUrl, applicationRole, options.queueSchema);
  }
  return applied;
}

export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(url, 2), logging: ['error'] });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
