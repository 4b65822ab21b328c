import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ConfigValidationError, IsEnvBoolean, validateConfig } from './validate-config.js';

class IdentityEnvironment {
  @IsOptional()
  @Matches(/^.{32,}$/, { message: 'must be at least 32 characters' })
  APP_SECRET?: string;

  @IsOptional()
  @Matches(/^[a-z0-9]{1,16}:[A-Za-z0-9+/]{43}=(,[a-z0-9]{1,16}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'must be a comma-separated list of keyId:base64 32-byte keys, the current key first',
  })
  ENCRYPTION_KEYS?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_ABSOLUTE_HOURS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  MAGIC_LINK_MINUTES?: number;

  @IsOptional()
  @IsEnvBoolean()
  COOKIE_SECURE?: boolean;
}

export interface IdentityConfig {
  secret: string;
  /** keyId -> 32-byte key; the first is used to encrypt. */
  encryptionKeys: Array<{ id: string; key: Buffer }>;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  magicLinkMinutes: number;
  invitationDays: number;
  passwordResetMinutes: number;
  cookieSecure: boolean;
}

interface DevSecrets {
  appSecret: string;
  encryptionKeys: string;
}

/**
 * Outside production a missing secret is generated once and kept in .data/,
 * so the quick start needs no configuration and restarts keep sessions and
 * encrypted notes readable. Production must configure both.
 */
function devSecrets(): DevSecrets {
  const file = path.resolve('.data', 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets = { appSecret: randomBytes(32).toString('base64url'), encryptionKeys: `dev1:${randomBytes(32).toString('base64')}` };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function readIdentityConfig(): IdentityConfig {
  const env = validateConfig(process.env, IdentityEnvironment);
  const production = process.env.NODE_ENV === 'production';
  if (production && !env.APP_SECRET) throw new ConfigValidationError('APP_SECRET', 'is required in production');
  if (production && !env.ENCRYPTION_KEYS) throw new ConfigValidationError('ENCRYPTION_KEYS', 'is required in production');
  const fallback = !env.APP_SECRET || !env.ENCRYPTION_KEYS ? devSecrets() : undefined;
  const keys = (env.ENCRYPTION_KEYS ?? fallback!.encryptionKeys).split(',').map((entry) => {
    const [id, key] = entry.split(':');
    return { id, key: Buffer.from(key, 'base64') };
  });
  return {
    secret: env.APP_SECRET ?? fallback!.appSecret,
    encryptionKeys: keys,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES ?? 30,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS ?? 12,
    magicLinkMinutes: env.MAGIC_LINK_MINUTES ?? 15,
    invitationDays: 7,
    passwordResetMinutes: 30,
    cookieSecure: env.COOKIE_SECURE ?? true,
  };
}

export const identityConfig = registerAs('identity', readIdentityConfig);
