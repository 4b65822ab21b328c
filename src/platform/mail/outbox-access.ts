import type { MailConfig } from '../config/mail.config.js';

/**
 * The local outbox is a development tool: only where mail is not sent at all
 * (no SMTP configured), and never in production, whatever MAIL_OUTBOX_UI says.
 */
export function outboxServed(config: MailConfig): boolean {
  return config.outboxUi && !config.smtpUrl && process.env.NODE_ENV !== 'production';
}
