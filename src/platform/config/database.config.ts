import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsEnvBoolean, validateConfig } from './validate-config.js';

class DatabaseEnvironment {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection URL' })
  MIGRATIONS_DATABASE_URL?: string;

  /** Comma-separated connection URLs of streaming replicas, for reads that may be slightly stale. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*$/, {
    message: 'must be one or more postgres:// connection URLs separated by commas',
  })
  DATABASE_REPLICA_URLS?: string;

  @IsOptional()
  @IsString()
  EMBEDDED_POSTGRES_DIR?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsEnvBoolean()
  MIGRATIONS_RUN?: boolean;
}

export interface DatabaseConfig {
  /** Undefined means: start the embedded PostgreSQL under `.data/`. */
  url?: string;
  /** The owner role that runs migrations; without it DATABASE_URL's role does (one role for everything). */
  migrationsUrl?: string;
  /** Streaming replicas for stale-tolerant reads (Transactions.readFromReplica); empty: everything on the primary. */
  replicaUrls: string[];
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  migrationsRun: boolean;
}

export function readDatabaseConfig(): DatabaseConfig {
  const env = validateConfig(process.env, DatabaseEnvironment);
  return {
    url: env.DATABASE_URL,
    migrationsUrl: env.MIGRATIONS_DATABASE_URL,
    replicaUrls: (env.DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
    embeddedDir: env.EMBEDDED_POSTGRES_DIR ?? '.data/postgres',
    embeddedPort: env.EMBEDDED_POSTGRES_PORT ?? 54329,
    poolSize: env.DATABASE_POOL_SIZE ?? 10,
    migrationsRun: env.MIGRATIONS_RUN ?? true,
  };
}

export const databaseConfig = registerAs('database', readDatabaseConfig);
