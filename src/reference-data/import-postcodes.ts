/**
 * Loads Dutch 4-digit postcode centroids, replacing the coordinates of areas already present:
 *   npm run postcodes:import -- file.csv
 * CSV columns: pc4,latitude,longitude[,municipality]. Without a file it loads the set shipped with
 * Werkbrug again (src/reference-data/data/pc4-centroids.csv), which the migrations also load on a
 * fresh install. Uses DATABASE_URL or the embedded PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { migrateResolvedDatabase, resolveDatabase } from '../bootstrap.js';
import { PROJECT_ROOT } from '../platform/project-root.js';
import { parsePostcodeCsv } from './postcodes.js';
import { PostcodesRepository } from './postcodes.repository.js';

const SHIPPED_CENTROIDS = path.join(PROJECT_ROOT, 'src', 'reference-data', 'data', 'pc4-centroids.csv');

async function main(): Promise<void> {
  const file = process.argv[2] ?? SHIPPED_CENTROIDS;
  const rows = parsePostcodeCsv(await readFile(file, 'utf8'));
  const database = await resolveDatabase();
  const { url, embedded } = database;
  await migrateResolvedDatabase(database);
  const { postcodes, close } = await PostcodesRepository.connect(url);
  try {
    const started = performance.now();
    await postcodes.upsert(rows);
    console.log(`Imported ${rows.length} postcode areas from ${file} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
