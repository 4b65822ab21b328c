/**
 * Scheduler benchmark: 10,000 check-in reminders due in the same minute, on
 * the Redis and on the PostgreSQL queue backend. Each reminder runs the real
 * handler (reads the check-in, writes the outbox row, queues the mail job,
 * which the same worker then sends through the local outbox transport).
 * Reports enqueue time, throughput and lateness (finish time minus due time).
 * Needs `npm run bench:seed` first. Run: npm run bench:scheduler
 * BENCH_REMINDERS (default 10000), BENCH_BACKENDS (default redis,postgres).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { SchedulerService } from '../src/queue/scheduler.service.js';
import { QueueService } from '../src/queue/queue.service.js';
import { WorkerService } from '../src/queue/worker.service.js';
import { JobName, QueueName } from '../src/queue/queue.constants.js';
import { BENCH_DATABASE_URL, percentile, printTable, writeResult } from './common.js';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'redis,postgres').split(',') as Array<'redis' | 'postgres'>;
const LEAD_MS = 45_000;
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '20';

async function runOn(backend: 'redis' | 'postgres', checkins: Array<{ id: string; due_on: string }>) {
  const runId = `${backend}-${Date.now()}`;
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
  delete process.env.SMTP_URL;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: BENCH_DATABASE_URL }), { logger: ['error'] });
  const queues = app.get(QueueService);
  for (const queue of queues.allQueues()) await queue.obliterate({ force: true });
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  await db.query("DELETE FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder'");

  const scheduler = app.get(SchedulerService);
  const runAt = new Date(Date.now() + LEAD_MS);
  const enqueueStarted = performance.now();
  for (let i = 0; i < checkins.length; i += 50) {
    await Promise.all(
      checkins
        .slice(i, i + 50)
        .map((c) =>
          scheduler.schedule(JobName.CheckinReminder, { checkinId: c.id, dueOn: c.due_on, run: runId }, runAt, `${c.id}.${runId}`),
        ),
    );
  }
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
  if (Date.now() > runAt.getTime()) process.stdout.write(`warning: enqueueing took longer than the ${LEAD_MS} ms lead\n`);
  app.get(WorkerService).start();

  const deadline = Date.now() + 8 * 60_000;
  let sent = 0;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder' AND status = 'sent'",
    );
    sent = rows[0].n;
    if (sent >= checkins.length) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const allSentAt = Date.now();
  const jobs = await queues.queue(QueueName.Scheduler).getJobs(['completed'], 0, REMINDERS + 100);
  const lateness = jobs
    .filter((job) => (job.data as { run?: string }).run === runId && job.finishedOn)
    .map((job) => job.finishedOn! - runAt.getTime())
    .sort((a, b) => a - b);
  const { rows: mailRows } = await db.query(
    "SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM mail_message WHERE dedupe_key LIKE 'checkin.%.reminder'",
  );
  await db.end();
  await app.get(WorkerService).stop();
  for (const queue of queues.allQueues()) await queue.obliterate({ force: true });
  await app.close();
  const lastDone = lateness[lateness.length - 1] ?? Number.NaN;
  return {
    backend,
    reminders: checkins.length,
    'enqueue s': enqueueSeconds.toFixed(1),
    'reminder jobs/s': (lateness.length / (lastDone / 1000)).toFixed(0),
    'lateness p50 s': (percentile(lateness, 50) / 1000).toFixed(1),
    'lateness p99 s': (percentile(lateness, 99) / 1000).toFixed(1),
    'all mails sent after s': ((allSentAt - runAt.getTime()) / 1000).toFixed(1),
    'mails sent': sent,
    'outbox rows / distinct keys': `${mailRows[0].n}/${mailRows[0].keys}`,
  };
}

const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
await db.connect();
const { rows: checkins } = await db.query(
  `SELECT c.id, c.due_on::text AS due_on FROM checkin c JOIN placement p ON p.id = c.placement_id
    WHERE c.status = 'planned' AND p.status = 'aftercare' AND c.due_on > current_date ORDER BY c.id LIMIT $1`,
  [REMINDERS],
);
await db.end();
const rows = [];
for (const backend of BACKENDS) {
  rows.push(await runOn(backend, checkins));
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
