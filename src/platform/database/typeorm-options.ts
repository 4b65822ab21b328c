import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export function buildDataSourceOptions(url: string, poolSize = 10, replicaUrls: string[] = []): DataSourceOptions {
  return {
    type: 'postgres',
    ...(replicaUrls.length
      ? {
          // Every statement goes to the primary unless a service asks for a replica (Transactions.readFromReplica).
          replication: { master: { url }, slaves: replicaUrls.map((replica) => ({ url: replica })), defaultMode: 'master' as const },
        }
      : { url }),
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'werkbrug' },
    // Not 'error' or 'query': TypeORM would log SQL parameters, which hold personal data.
    logging: ['migration'],
  };
}
