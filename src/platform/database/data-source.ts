import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './typeorm-options.js';

/**
 * For the TypeORM CLI only (`npm run migration:*`); the application builds its
 * connection in DatabaseModule. Needs DATABASE_URL (start the service once to
 * get the embedded default: postgres://postgres:postgres@127.0.0.1:54329/werkbrug).
 */
const url = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54329/werkbrug';

export default new DataSource(buildDataSourceOptions(url));
