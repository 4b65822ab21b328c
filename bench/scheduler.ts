/**
 * Scheduler benchmark: 10,000 check-in reminders due in the same minute, on
 * the Redis and on the PostgreSQL queue backend, through the production path:
 * CheckinsService.scheduleNotices plans the sweep, the worker's sweep reads
 * the due check-ins, composes and records the mails in bulk, and mail batch
 * jobs hand them to the transport (the local outbox transport unless
 * BENCH_SMTP_URL is set).
 *
 * The chosen check-ins are moved to one future day, and the application's
 * clock runs ahead of the wall clock so that their reminder moment (07:00 UTC
 * two days before) comes BENCH_LEAD_MS after the bench starts. Lateness is the
 * mail's `sent_at` (on that same clock) minus the reminder moment.
 * Needs `npm run bench:seed` first. Run: npm run bench:scheduler
 * BENCH_REMINDERS (default 10000), BENCH_BACKENDS (default redis,postgres).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { CheckinsService, NOTICE_PREPARE_AHEAD_MS, noticeMoment } from '../src/aftercare/checkins.service.js';
import { AppModule } from '../src/app.module.js';
import { Clock } from '../src/platform/clock/clock.js';
import { runPendingMigrations } from '../src/platform/database/migrate.js';
import { QueueService } from '../src/platform/queue/queue.service.js';
import { WorkerService } from '../src/platform/queue/worker.service.js';
import { BENCH_DATABASE_URL, percentile, printTable, writeResult } from './common.js';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'redis,postgres').split(',') as Array<'redis' | 'postgres'>;
// Longer than the sweep's preparation ahead of the moment (NOTICE_PREPARE_AHEAD_MS).
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? NOTICE_PREPARE_AHEAD_MS + 15_000);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '20';
const TIME_LIMIT_MS = 8 * 60_000;

async function runOn(backend: 'redis' | 'postgres', index: number) {
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  // A day no seeded check-in uses, new for every run, so the chosen check-ins can all move there.
  const day = new Date(Date.UTC(2031, 0, 1) + (Math.floor(Date.now() / 60_000) % 100_000) * 86_400_000 + index * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // Earlier runs' check-ins leave the way, so the sweep finds exactly this run's reminders.
  await db.query("UPDATE checkin SET status = 'cancelled' WHERE due_on > '2030-12-31' AND status = 'planned'");
  const { rows: chosen } = await db.query(
    `WITH one_per_placement AS (
       SELECT DISTINCT ON (c.placement_id) c.id FROM checkin c JOIN placement p ON p.id = c.placement_id
        WHERE c.status = 'planned' AND p.status = 'aftercare' AND c.coach_membership_id IS NOT NULL ORDER BY c.placement_id, c.due_on
     )
     UPDATE checkin SET due_on = $2 WHERE id IN (SELECT id FROM one_per_placement ORDER BY id LIMIT $1) RETURNING id`,
    [REMINDERS, day],
  );
  await db.query("DELETE FROM mail_message WHERE dedupe_key LIKE 'checkin.%'");
  await db.query('ANALYZE checkin');

  Object.assign(process.env, {
    WERKBRUG_ROLE: 'api', // no start-up reconcile; workers are started by hand below
    QUEUE_BACKEND: backend,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `benchsched${backend}`,
    QUEUE_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    APP_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    ENCRYPTION_KEYS: 'bench1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  });
  if (process.env.BENCH_SMTP_URL) process.env.SMTP_URL = process.env.BENCH_SMTP_URL;
  else delete process.env.SMTP_URL;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: BENCH_DATABASE_URL }), { logger: ['error'] });
  const queues = app.get(QueueService);
  for (const queue of queues.allQueues()) await queue.obliterate({ force: true });

  const due = noticeMoment(day, 'reminder');
  const offset = due.getTime() - LEAD_MS - Date.now();
  // Every service shares this one Clock instance: from here on the application lives LEAD_MS before the reminders.
  app.get(Clock).now = () => new Date(Date.now() + offset);

  const enqueueStarted = performance.now();
  await app.get(CheckinsService).scheduleNotices([{ dueOn: day }]);
  const enqueueMs = performance.now() - enqueueStarted;
  app.get(WorkerService).start();

  const deadline = Date.now() + LEAD_MS + TIME_LIMIT_MS;
  let sent = 0;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder' AND status = 'sent'",
    );
    sent = rows[0].n;
    if (sent >= chosen.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { rows: mails } = await db.query(
    "SELECT extract(epoch FROM sent_at - $1::timestamptz) * 1000 AS late_ms FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder' AND status = 'sent' ORDER BY 1",
    [due],
  );
  const lateness = mails.map((row) => Number(row.late_ms));
  // created_at is the database's own (wall) clock: shifted back onto the application's clock.
  const { rows: recorded } = await db.query(
    "SELECT extract(epoch FROM max(created_at) + $2 * interval '1 millisecond' - $1::timestamptz) AS s FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder'",
    [due, offset],
  );
  const { rows: keys } = await db.query(
    "SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder'",
  );
  await app.get(WorkerService).stop();
  for (const queue of queues.allQueues()) await queue.obliterate({ force: true });
  await app.close();
  await db.end();
  const last = lateness[lateness.length - 1] ?? Number.NaN;
  return {
    backend,
    reminders: chosen.length,
    'schedule ms': enqueueMs.toFixed(0),
    'all recorded after s': Number(recorded[0].s).toFixed(2),
    'mails/s': (lateness.length / (last / 1000)).toFixed(0),
    'lateness p50 s': (percentile(lateness, 50) / 1000).toFixed(2),
    'lateness p99 s': (percentile(lateness, 99) / 1000).toFixed(2),
    'lateness max s': (last / 1000).toFixed(2),
    'mails sent': sent,
    'outbox rows / distinct keys': `${keys[0].n}/${keys[0].keys}`,
  };
}

// A database seeded before the latest migrations gets them first.
await runPendingMigrations(BENCH_DATABASE_URL);
const rows = [];
for (const [index, backend] of BACKENDS.entries()) {
  rows.push(await runOn(backend, index));
  process.stdout.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
  // One file per backend, so a long run that is stopped half-way keeps what it measured.
  await writeResult(`scheduler-${backend}`, { command: 'npm run bench:scheduler', reminders: REMINDERS, row: rows[rows.length - 1] });
}
printTable(
  `Scheduler: ${REMINDERS} check-in reminders due at the same moment (QUEUE_CONCURRENCY ${CONCURRENCY}, one worker process)`,
  rows,
);
const file = await writeResult('scheduler', { command: 'npm run bench:scheduler', rows });
process.stdout.write(`\nwritten to ${file}\n`);
process.exit(0);
