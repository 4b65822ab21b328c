import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional } from 'class-validator';
import { IsEnvBoolean, validateConfig } from './validate-config.js';

class OperatorsEnvironment {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean)
      : value,
  )
  @IsEmail({}, { each: true, message: 'must be a comma-separated list of e-mail addresses' })
  PLATFORM_OPERATORS?: string[];

  @IsOptional()
  @IsEnvBoolean()
  QUEUE_DASHBOARD_WRITES?: boolean;
}

export interface OperatorsConfig {
  /**
   * The accounts (by e-mail address, lower case) that run the installation
   * for all organisations: they see the queue dashboard. Not a role within an
   * organisation: a tenant's admin is not an operator unless named here.
   */
  emails: ReadonlySet<string>;
  /** Retry, clean, pause and the other changes on the queue dashboard; read-only unless set. */
  dashboardWrites: boolean;
}

export const operatorsConfig = registerAs('operators', (): OperatorsConfig => {
  const env = validateConfig(process.env, OperatorsEnvironment);
  return {
    emails: new Set((env.PLATFORM_OPERATORS ?? []).map((address) => address.toLowerCase())),
    dashboardWrites: env.QUEUE_DASHBOARD_WRITES ?? false,
  };
});
