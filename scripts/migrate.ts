/**
 * Applies pending migrations as the owner role and gives the application role
 * its rights on the result (a release step; replicas then run with
 * MIGRATIONS_RUN=false):
 *   npm run migration:run
 * Uses MIGRATIONS_DATABASE_URL (owner) and DATABASE_URL (application), or the
 * embedded PostgreSQL of `npm start`.
 */
import 'reflect-metadata';
import { migrateResolvedDatabase, resolveDatabase } from '../src/bootstrap.js';

async function main(): Promise<void> {
  const database = await resolveDatabase();
  try {
    const applied = await migrateResolvedDatabase(database);
    console.log(applied.length > 0 ? `Applied ${applied.length} migrations: ${applied.join(', ')}` : 'No pending migrations.');
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
