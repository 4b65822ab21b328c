/**
 * Creates an organisation and invites its first admin by mail:
 *   npm run org:create -- --name "WerkFit Utrecht" --admin-email beheer@werkfit.nl --admin-name "Beheer WerkFit" [--slug werkfit-utrecht]
 * Uses DATABASE_URL, or the embedded PostgreSQL of `npm start`. The mail is
 * queued; a running service (or worker) sends it. The link points at
 * PUBLIC_URL (default http://localhost:PORT): run it with the service's.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { migrateResolvedDatabase, resolveDatabase } from '../src/bootstrap.js';
import { MailService } from '../src/platform/mail/mail.service.js';
import { AuthService } from '../src/identity/auth.service.js';
import { OrganisationSlugTakenProblem, OrganisationsService } from '../src/organisations/organisations.service.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, slug: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
  });
  const name = values.name?.trim();
  const email = values['admin-email']?.trim();
  if (!name || !email)
    throw new Error('Usage: npm run org:create -- --name "<organisation>" --admin-email <e-mail> [--admin-name "<name>"] [--slug <slug>]');
  const slug =
    values.slug ??
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  if (!slug) throw new Error('The name gives no slug: pass --slug <letters, digits and dashes>');
  process.env.WERKBRUG_ROLE = 'api';
  const database = await resolveDatabase();
  const { url, embedded } = database;
  await migrateResolvedDatabase(database);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: url }), { logger: ['error'] });
  try {
    const organisation = await app
      .get(OrganisationsService)
      .create(name, slug)
      .catch((error: unknown) => {
        if (error instanceof OrganisationSlugTakenProblem) {
          throw new Error(`An organisation with the slug "${slug}" already exists: choose another --name or --slug`);
        }
        throw error;
      });
    // The installation itself invites the first admin; no person in the organisation exists yet.
    const installer: Actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      membershipId: '00000000-0000-0000-0000-000000000000',
      organisationId: organisation.id,
      role: 'admin',
      teamId: null,
      employerId: null,
      participantId: null,
      sessionId: '00000000-0000-0000-0000-000000000000',
      via: 'bearer',
      displayName: 'Werkbrug',
      locale: 'nl',
    };
    const invitation = await app.get(AuthService).invite(installer, { email, displayName: values['admin-name'] ?? email, role: 'admin' });
    // The very link that was mailed: built from PUBLIC_URL (default http://localhost:PORT).
    const mail = await app.get(MailService).find(invitation.mailId);
    process.stdout.write(`Organisation "${name}" (${slug}) created. Invitation for ${email}:\n${String(mail?.context.link)}\n`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
