import { MailMessage } from '../mail/entities/mail-message.entity.js';

/**
 * Every entity, listed once for the app and the migration CLI alike. A list,
 * not a glob, because globs do not load TypeScript sources under ESM tests.
 */
export const entities = [MailMessage];
