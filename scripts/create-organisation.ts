/**
 * Creates an organisation and invites its first admin by mail:
 *   npm run org:create -- --name "WerkFit Utrecht" --admin-email beheer@werkfit.nl --admin-name "Beheer WerkFit" [--slug werkfit-utrecht]
 * Uses DATABASE_URL, or the embedded PostgreSQL of `npm start`. The mail is
 * queued; a running service (or worker) sends it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { resolveDatabase } from '../src/bootstrap.js';
import { runPendingMigrations } from '../src/platform/database/migrate.js';
import { AuthService } from '../src/identity/auth.service.js';

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
  process.env.WERKBRUG_ROLE = 'api';
  const { url, embedded } = await resolveDatabase();
  await runPendingMigrations(url);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: url }), { logger: ['error'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [organisation] = await dataSource.query('INSERT INTO organisation (name, slug) VALUES ($1, $2) RETURNING id', [name, slug]);
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
    await app.get(AuthService).invite(installer, { email, displayName: values['admin-name'] ?? email, role: 'admin' });
    const [mail] = await dataSource.query(
      "SELECT context->>'link' AS link FROM mail_message WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1",
      [email.toLowerCase()],
    );
    process.stdout.write(`Organisation "${name}" (${slug}) created. Invitation for ${email}:\n${mail.link}\n`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
