import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './typeorm-options.js';

/**
 * For the TypeORM CLI only (`npm run migration:revert`, `migration:generate`);
 * the application builds its connection in DatabaseModule, and
 * `npm run migration:run` is scripts/migrate.ts. Connects as the owner role:
 * MIGRATIONS_DATABASE_URL, else DATABASE_URL.
 */
const url = process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('Set MIGRATIONS_DATABASE_URL (the owner role) or DATABASE_URL; see docs/deployment.md, "Database roles".');

export default new DataSource(buildDataSourceOptions(url));
