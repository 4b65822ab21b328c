/**
 * Loads Dutch 4-digit postcode centroids:
 *   npm run postcodes:import -- file.csv
 * CSV columns: pc4,latitude,longitude[,municipality]. Uses DATABASE_URL or the embedded PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import { migrateResolvedDatabase, resolveDatabase } from '../bootstrap.js';
import { parsePostcodeCsv } from './postcodes.js';
import { PostcodesRepository } from './postcodes.repository.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run postcodes:import -- <file.csv>');
  const rows = parsePostcodeCsv(await readFile(file, 'utf8'));
  const database = await resolveDatabase();
  const { url, embedded } = database;
  await migrateResolvedDatabase(database);
  const { postcodes, close } = await PostcodesRepository.connect(url);
  try {
    await postcodes.upsert(rows);
    console.log(`Imported ${rows.length} postcode areas from ${file}`);
  } finally {
    await close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
