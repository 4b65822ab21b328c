import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigValidationError, validateConfig } from './validate-config.js';

class QueueEnvironment {
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsIn(['redis', 'postgres'])
  QUEUE_BACKEND?: 'redis' | 'postgres';

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]*$/, { message: 'must be lower-case letters, digits, - or _' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  QUEUE_CONCURRENCY?: number;

  @IsOptional()
  @IsString()
  QUEUE_POSTGRES_SCHEMA?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  QUEUE_BACKOFF_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  QUEUE_LOCK_DURATION_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(500)
  @Max(600_000)
  QUEUE_STALLED_INTERVAL_MS?: number;
}

export interface QueueConfig {
  backend: 'redis' | 'postgres';
  redisUrl?: string;
  prefix: string;
  concurrency: number;
  postgresSchema: string;
  /** First retry delay; doubles each attempt. */
  backoffMs: number;
  /** How long a worker's lock on a running job lasts without renewal; a crashed worker's job is recovered after it. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (stalled jobs) and queue them again. */
  stalledIntervalMs: number;
}

export const queueConfig = registerAs('queue', (): QueueConfig => {
  const env = validateConfig(process.env, QueueEnvironment);
  const backend = env.QUEUE_BACKEND ?? (env.REDIS_URL ? 'redis' : 'postgres');
  if (backend === 'redis' && !env.REDIS_URL) {
    throw new ConfigValidationError('REDIS_URL', 'is required when QUEUE_BACKEND is redis');
  }
  return {
    backend,
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX ?? 'werkbrug',
    concurrency: env.QUEUE_CONCURRENCY ?? 5,
    postgresSchema: env.QUEUE_POSTGRES_SCHEMA ?? 'bullmq',
    backoffMs: env.QUEUE_BACKOFF_MS ?? 2_000,
    lockDurationMs: env.QUEUE_LOCK_DURATION_MS ?? 30_000,
    stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS ?? 30_000,
  };
});
