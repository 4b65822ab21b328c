import { DataSource } from 'typeorm';
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

export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(url, 2), logging: ['error'] });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
