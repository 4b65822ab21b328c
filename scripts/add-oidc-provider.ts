/**
 * Adds a sign-in service (an OpenID Connect broker for DigiD or eHerkenning) to an organisation:
 *   OIDC_CLIENT_SECRET=... npm run oidc:add -- --organisation werkfit-utrecht --label "Inloggen met DigiD" \
 *     --issuer https://broker.example.nl --client-id werkbrug --participant-min substantial \
 *     --levels '{"urn:nl:digid:loa:basis":"low","urn:nl:digid:loa:substantieel":"substantial","urn:nl:digid:loa:hoog":"high"}'
 * For eHerkenning: --employer-min substantial --kvk-claim <the claim with the KvK number> --scopes "openid ...".
 * The client secret is read from OIDC_CLIENT_SECRET (never an argument: it would show in the process list)
 * and stored encrypted with ENCRYPTION_KEYS. Uses DATABASE_URL, or the embedded PostgreSQL of `npm start`.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { migrateResolvedDatabase, resolveDatabase } from '../src/bootstrap.js';
import { OidcService } from '../src/identity/oidc/oidc.service.js';
import { OrganisationsService } from '../src/organisations/organisations.service.js';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../src/platform/auth/assurance.js';

const USAGE =
  'Usage: OIDC_CLIENT_SECRET=<secret> npm run oidc:add -- --organisation <slug> --label "<button text>" --issuer <url> --client-id <id> ' +
  "--levels '<json: acr value -> low|substantial|high>' [--participant-min <level>] [--employer-min <level>] [--kvk-claim <claim>] " +
  '[--scopes "openid ..."] [--subject-claim sub]';

function level(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!(value in ASSURANCE_LEVELS)) throw new Error(`--${name} must be low, substantial or high`);
  return ASSURANCE_LEVELS[value as AssuranceLevel];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      organisation: { type: 'string' },
      label: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      levels: { type: 'string' },
      'participant-min': { type: 'string' },
      'employer-min': { type: 'string' },
      'kvk-claim': { type: 'string' },
      scopes: { type: 'string' },
      'subject-claim': { type: 'string' },
    },
  });
  const secret = process.env.OIDC_CLIENT_SECRET;
  if (!values.organisation || !values.label || !values.issuer || !values['client-id'] || !values.levels || !secret) throw new Error(USAGE);
  const levels = Object.fromEntries(
    Object.entries(JSON.parse(values.levels) as Record<string, string>).map(([acr, name]) => [acr, level(`levels ${acr}`, name)!]),
  );
  process.env.WERKBRUG_ROLE = 'api';
  const database = await resolveDatabase();
  await migrateResolvedDatabase(database);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: database.url }), { logger: ['error'] });
  try {
    const organisationId = await app.get(OrganisationsService).idBySlug(values.organisation);
    if (!organisationId) throw new Error(`No organisation with the slug "${values.organisation}"`);
    const id = await app.get(OidcService).addProvider(organisationId, {
      label: values.label,
      issuer: values.issuer,
      clientId: values['client-id'],
      clientSecret: secret,
      scopes: values.scopes ?? 'openid',
      subjectClaim: values['subject-claim'] ?? 'sub',
      kvkClaim: values['kvk-claim'] ?? null,
      assuranceLevels: levels,
      participantMinAssurance: level('participant-min', values['participant-min']),
      employerMinAssurance: level('employer-min', values['employer-min']),
    });
    process.stdout.write(
      `Sign-in service "${values.label}" added (${id}). Its sign-in page: /portal/sign-in?organisation=${values.organisation}\n`,
    );
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  const invalid = (error as { invalidParams?: Array<{ name: string; reason: string }> }).invalidParams;
  if (invalid) for (const param of invalid) process.stderr.write(`${param.name} ${param.reason}\n`);
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
