import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { IsEnvBoolean, validateConfig } from './validate-config.js';

export type ProcessRole = 'all' | 'api' | 'worker';

class AppEnvironment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsIn(['all', 'api', 'worker'])
  WERKBRUG_ROLE?: ProcessRole;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'must be a size such as 100kb or 1mb' })
  HTTP_BODY_LIMIT?: string;

  @IsOptional()
  @IsEnvBoolean()
  TRUST_PROXY?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;
}

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  role: ProcessRole;
  publicUrl: string;
  corsOrigins: string[];
  bodyLimit: string;
  trustProxy: boolean;
  logLevel: string;
  rateLimitPerMinute: number;
  apiVersion: string;
}

export const API_VERSION = '1.0.0';

export const appConfig = registerAs('app', (): AppConfig => {
  const env = validateConfig(process.env, AppEnvironment);
  const port = env.PORT ?? 3000;
  const host = env.HOST ?? '127.0.0.1';
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    port,
    host,
    role: env.WERKBRUG_ROLE ?? 'all',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimit: env.HTTP_BODY_LIMIT ?? '100kb',
    trustProxy: env.TRUST_PROXY ?? false,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? 600,
    apiVersion: API_VERSION,
  };
});
