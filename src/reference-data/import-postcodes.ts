/**
 * Loads Dutch 4-digit postcode centroids:
 *   npm run postcodes:import -- file.csv
 * CSV columns: pc4,latitude,longitude[,municipality]. Uses DATABASE_URL or the embedded PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { resolveDatabase } from '../bootstrap.js';
import { runPendingMigrations } from '../platform/database/migrate.js';
import { importPostcodes, parsePostcodeCsv } from './postcodes.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run postcodes:import -- <file.csv>');
  const rows = parsePostcodeCsv(await readFile(file, 'utf8'));
  const { url, embedded } = await resolveDatabase();
  await runPendingMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await importPostcodes({ query: (sql: string, params?: unknown[]) => client.query(sql, params).then((result) => result.rows) }, rows);
    console.log(`Imported ${rows.length} postcode areas from ${file}`);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
