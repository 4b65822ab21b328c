import { registerAs } from '@nestjs/config';
import { IsEmail, IsOptional, IsString, Matches } from 'class-validator';
import { IsEnvBoolean, validateConfig } from './validate-config.js';

class MailEnvironment {
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsEmail()
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM_NAME?: string;

  @IsOptional()
  @IsEnvBoolean()
  MAIL_OUTBOX_UI?: boolean;
}

export interface MailConfig {
  /** Undefined means: capture mail in the local outbox instead of sending it. */
  smtpUrl?: string;
  from: string;
  fromName: string;
  outboxUi: boolean;
  messageIdDomain: string;
}

export const mailConfig = registerAs('mail', (): MailConfig => {
  const env = validateConfig(process.env, MailEnvironment);
  const from = env.MAIL_FROM ?? 'noreply@werkbrug.localhost';
  return {
    smtpUrl: env.SMTP_URL,
    from,
    fromName: env.MAIL_FROM_NAME ?? 'Werkbrug',
    outboxUi: env.MAIL_OUTBOX_UI ?? !env.SMTP_URL,
    messageIdDomain: from.split('@')[1] ?? 'werkbrug.localhost',
  };
});
