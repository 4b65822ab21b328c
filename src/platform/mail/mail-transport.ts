import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { mailConfig } from '../config/mail.config.js';

/**
 * nodemailer over SMTP when SMTP_URL is set; otherwise a transport that only
 * builds the message, so mail stays in the local outbox (readable at /outbox).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  readonly kind: 'smtp' | 'outbox';

  constructor(@Inject(mailConfig.KEY) config: ConfigType<typeof mailConfig>) {
    this.kind = config.smtpUrl ? 'smtp' : 'outbox';
    this.transporter = config.smtpUrl
      ? nodemailer.createTransport(withTimeouts(config.smtpUrl))
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: SendMailOptions): Promise<void> {
    await this.transporter.sendMail(message);
  }

  async verify(): Promise<void> {
    if (this.kind === 'smtp') await this.transporter.verify();
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/** An SMTP 5xx answer will not change on retry; connection trouble and 4xx may. */
export function isPermanentMailError(error: unknown): boolean {
  const responseCode = (error as { responseCode?: number })?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** Short timeouts, so a hanging mail server fails the job (and it is retried) instead of blocking a worker. */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, value] of [
    ['connectionTimeout', '10000'],
    ['greetingTimeout', '10000'],
    ['socketTimeout', '20000'],
  ]) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.toString();
}
