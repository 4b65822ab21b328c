/**
 * Import benchmark: a generated CSV file of participants (100,000 rows by
 * default, as a Dutch spreadsheet saves it: semicolons, Dutch column names,
 * Dutch dates, the coach by e-mail address) through the production path:
 * ImportsService.start checks the file and stores the run, then the run's job
 * (ImportsService.run) reads, checks and writes it. Measured three times on a
 * new organisation: the first run (every row created), the same file again
 * (every row unchanged), and the file with one row in ten changed (updated).
 * The job is called directly rather than picked up by a worker, so the queue's
 * pick-up delay is not in the figure.
 *
 * Run: npm run bench:import   BENCH_IMPORT_ROWS (default 100000), BENCH_IMPORT_BATCH (rows per batch),
 * BENCH_IMPORT_DATABASE_URL (default werkbrug_bench_import on the local PostgreSQL).
 */
import 'reflect-metadata';
import os from 'node:os';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import type { ImportDto } from '../src/imports/dto/import.dto.js';
import { IMPORT_BATCH_ROWS, ImportsService } from '../src/imports/imports.service.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { QueueService } from '../src/platform/queue/queue.service.js';
import { ensureBenchDatabase, printTable, writeResult } from './common.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const DATABASE_URL = process.env.BENCH_IMPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/werkbrug_bench_import';
const BATCH_ROWS = Number(process.env.BENCH_IMPORT_BATCH ?? IMPORT_BATCH_ROWS);
const MINIMUM_ROWS_PER_SECOND = 1000;

/** The file: row n's data, with the last name changed in every tenth row when `changed`. */
function participantsFile(rows: number, stamp: string, changed: boolean): string {
  const lines = ['Kenmerk;Voornaam;Achternaam;E-mailadres;Telefoonnummer;Geboortedatum;E-mailadres coach'];
  for (let n = 1; n <= rows; n += 1) {
    const lastName = changed && n % 10 === 0 ? `Jansen-de Vries ${n}` : `Jansen ${n}`;
    const born = `${1 + (n % 28)}-${1 + (n % 12)}-${1960 + (n % 45)}`;
    lines.push(
      `${stamp}-${n};Deelnemer;${lastName};deelnemer${n}@${stamp}.bench.test;06 ${String(10_000_000 + n)};${born};coach${n % 5}@${stamp}.bench.test`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A new organisation with an admin and five coaches, so every run starts from the same empty state. */
async function organisation(db: pg.Client, stamp: string): Promise<Actor> {
  const { rows: orgs } = await db.query<{ id: string }>('INSERT INTO organisation (name, slug) VALUES ($1, $1) RETURNING id', [
    `bench-import-${stamp}`,
  ]);
  const organisationId = orgs[0]!.id;
  const { rows: admins } = await db.query<{ user_id: string; id: string }>(
    `WITH u AS (INSERT INTO user_account (email, display_name) VALUES ($2, 'Beheerder') RETURNING id)
     INSERT INTO membership (organisation_id, user_id, role, status) SELECT $1, id, 'admin', 'active' FROM u RETURNING id, user_id`,
    [organisationId, `admin@${stamp}.bench.test`],
  );
  await db.query(
    `WITH u AS (INSERT INTO user_account (email, display_name)
                SELECT 'coach' || n || '@' || $2 || '.bench.test', 'Coach ' || n FROM generate_series(0, 4) AS n RETURNING id)
     INSERT INTO membership (organisation_id, user_id, role, status) SELECT $1, id, 'jobcoach', 'active' FROM u`,
    [organisationId, stamp],
  );
  return {
    userId: admins[0]!.user_id,
    membershipId: admins[0]!.id,
    organisationId,
    role: 'admin',
    teamId: null,
    employerId: null,
    participantId: null,
    sessionId: `bench:${stamp}`,
    via: 'bearer',
    displayName: 'Beheerder',
    locale: 'nl',
  };
}

async function measure(imports: ImportsService, actor: Actor, label: string, content: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const run = await imports.start(actor, 'participants', content);
  const checkedMs = performance.now() - started;
  await imports.run({ importId: run.id });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const done: ImportDto = await imports.get(actor, run.id);
  if (done.status !== 'completed' || done.rowsDone !== ROWS)
    throw new Error(`${label}: the run ended ${done.status} at row ${done.rowsDone}`);
  return {
    run: label,
    rows: done.rowsDone,
    created: done.rowsCreated,
    updated: done.rowsUpdated,
    unchanged: done.rowsUnchanged,
    rejected: done.rowsRejected,
    'check s': (checkedMs / 1000).toFixed(2),
    'total s': seconds.toFixed(2),
    'rows/s': Math.round(done.rowsDone / seconds),
    // Load-independent: what this Node.js process spent per row (PostgreSQL's own work is not in it).
    'node cpu µs/row': Math.round((used.user + used.system) / done.rowsDone),
  };
}

await ensureBenchDatabase(DATABASE_URL);
Object.assign(process.env, {
  WERKBRUG_ROLE: 'api', // no workers: the bench runs the job itself
  QUEUE_BACKEND: 'redis',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: 'benchimport',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  APP_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
  ENCRYPTION_KEYS: 'bench1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
});
delete process.env.SMTP_URL;
const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: DATABASE_URL }), { logger: ['error'] });
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const stamp = `b${Date.now().toString(36)}`;
const actor = await organisation(db, stamp);
const imports = app.get(ImportsService);
imports.batchRows = BATCH_ROWS;
const load = os.loadavg().map((value) => value.toFixed(2));

const original = participantsFile(ROWS, stamp, false);
const rows = [
  await measure(imports, actor, 'first run (all new)', original),
  await measure(imports, actor, 'same file again (idempotent)', original),
  await measure(imports, actor, 'one row in ten changed', participantsFile(ROWS, stamp, true)),
];
const { rows: counted } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM participant WHERE organisation_id = $1', [
  actor.organisationId,
]);
const { rows: audited } = await db.query<{ n: number; batches: number }>(
  "SELECT count(*)::int AS n, count(DISTINCT request_id)::int AS batches FROM audit_event WHERE organisation_id = $1 AND resource_type = 'participant'",
  [actor.organisationId],
);
for (const queue of app.get(QueueService).allQueues()) await queue.obliterate({ force: true });
await app.close();
await db.end();

printTable(
  `Import: ${ROWS} participant rows (batches of ${BATCH_ROWS}); load average before: ${load.join(' ')}; ${os.cpus().length} cores`,
  rows,
);
process.stdout.write(
  `participants in the organisation: ${counted[0]!.n}; audit entries: ${audited[0]!.n} in ${audited[0]!.batches} batches; load average after: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}\n`,
);
const file = await writeResult('import', {
  command: 'npm run bench:import',
  rows: ROWS,
  batchRows: BATCH_ROWS,
  loadAverageBefore: load,
  results: rows,
});
process.stdout.write(`written to ${file}\n`);
const slowest = Math.min(rows[0]!['rows/s'], rows[1]!['rows/s']);
if (slowest < MINIMUM_ROWS_PER_SECOND) {
  process.stdout.write(`below ${MINIMUM_ROWS_PER_SECOND} rows/s\n`);
  process.exit(1);
}
process.exit(0);
