/**
 * HTTP benchmark with autocannon against a Werkbrug API process (role api,
 * started from src/main.ts) on the seeded benchmark database, next to the
 * floor: the same database and queue work in a bare node:http + pg server
 * (bench/floor-server.ts).
 * Needs `npm run bench:seed` first. Run: npm run bench:http
 * BENCH_DURATION (seconds per run, default 10), BENCH_CONNECTIONS (default 10,50).
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { BENCH_DATABASE_URL, percentile, printTable, writeResult } from './common.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const RECORD_AMOUNT = Number(process.env.BENCH_RECORD_AMOUNT ?? 1500);
const TSX = ['--import', '@swc-node/register/esm-register'];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startProcess(args: string[], env: Record<string, string>, readyPattern: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  api: () => { path: string; token: string; body?: unknown };
  floor?: () => { path: string; token: string; body?: unknown };
  amount?: number;
}

async function run(
  url: string,
  scenario: Scenario,
  pick: () => { path: string; token: string; body?: unknown },
  connections: number,
  pid: number,
) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections,
    ...(scenario.amount ? { amount: scenario.amount } : { duration: DURATION }),
    requests: [
      {
        method: scenario.method,
        setupRequest: (request: Record<string, unknown>) => {
          const next = pick();
          return {
            ...request,
            path: next.path,
            headers: { authorization: `Bearer ${next.token}`, 'content-type': 'application/json' },
            body: next.body === undefined ? undefined : JSON.stringify(next.body),
          };
        },
      },
    ],
  });
  // Every answer's own time, for exact percentiles (autocannon's summary has p90 and p97.5, not p95).
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => times.push(responseTimeMs));
  const result = await instance;
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(times, p));
  return {
    rps: Math.round(result.requests.average),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: result.errors + result.non2xx + result.timeouts,
    requests: result.requests.total,
    rssMb: peak,
  };
}

async function main() {
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  // Fresh sessions (idle timeout) and planned check-ins again (the previous run recorded some).
  await db.query("UPDATE session SET last_seen_at = now(), expires_at = now() + interval '7 days'");
  await db.query(
    "UPDATE checkin SET status = 'planned', held_on = NULL, channel = NULL, with_whom = NULL, frame = NULL, recorded_by_user_id = NULL WHERE due_on >= current_date AND status <> 'cancelled'",
  );
  await db.query('DELETE FROM help_request');
  const [{ id: vacancyId }] = (
    await db.query(
      "SELECT v.id FROM vacancy v JOIN organisation o ON o.id = v.organisation_id WHERE o.slug = 'regio-1' AND v.status = 'open' ORDER BY v.id LIMIT 1",
    )
  ).rows;
  const planned: Array<{ id: string; n: number; due_on: string }> = (
    await db.query(
      `SELECT c.id, substring(u.email from 'coach(\\d+)@')::int AS n, c.due_on::text AS due_on FROM checkin c
         JOIN membership m ON m.id = c.coach_membership_id JOIN user_account u ON u.id = m.user_id
        WHERE c.status = 'planned' AND c.due_on >= current_date AND u.email ~ '^coach([1-9]|[1-9][0-9]|100)@bench'
        ORDER BY c.due_on, c.id`,
    )
  ).rows;
  await db.end();
  process.stdout.write(`vacancy ${vacancyId}; ${planned.length} planned check-ins for the benchmark coaches\n`);

  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const encryptionKeys = 'bench1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
  const apiPort = await freePort();
  const floorPort = await freePort();
  const api = await startProcess(
    [...TSX, 'src/main.ts'],
    {
      WERKBRUG_ROLE: 'api',
      DATABASE_URL: BENCH_DATABASE_URL,
      MIGRATIONS_RUN: 'false',
      PORT: String(apiPort),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      NODE_ENV: 'production',
      APP_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      ENCRYPTION_KEYS: encryptionKeys,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: 'bench',
    },
    /Werkbrug is running/,
  );
  const floor = await startProcess(
    [...TSX, 'bench/floor-server.ts', String(floorPort), BENCH_DATABASE_URL, redisUrl],
    { ENCRYPTION_KEYS: encryptionKeys },
    /floor ready/,
  );

  let i = 0;
  const coach = () => `bench-coach-${(i++ % 100) + 1}`;
  const participant = () => `bench-participant-${(i++ % 1000) + 1}`;
  let next = 0;
  const nextCheckin = () => planned[next++ % planned.length];
  const frame = { knowing: 'Weet wat er verwacht wordt', able: 'Kan het tempo aan', doing: 'Komt op tijd', belonging: 'Hoort erbij' };
  const recordBody = (checkin: { due_on: string }) => ({
    heldOn: new Date().toISOString().slice(0, 10) < checkin.due_on ? new Date().toISOString().slice(0, 10) : checkin.due_on,
    channel: 'visit',
    withWhom: 'both',
    frame,
    workMatchesDescription: true,
    signals: [],
  });
  const helpBody = { category: 'work', urgency: 'normal', body: 'Mijn rooster is veranderd en ik moet nu ook avonden werken.' };
  const scenarios: Scenario[] = [
    {
      name: 'GET /v1/coach/today',
      method: 'GET',
      api: () => ({ path: '/v1/coach/today', token: coach() }),
      floor: () => ({ path: '/today', token: coach() }),
    },
    {
      name: 'GET /v1/vacancies/{id}/candidates',
      method: 'GET',
      api: () => ({ path: `/v1/vacancies/${vacancyId}/candidates`, token: coach() }),
      floor: () => ({ path: `/vacancies/${vacancyId}/candidates`, token: coach() }),
    },
    {
      name: 'POST /v1/help-requests',
      method: 'POST',
      api: () => ({ path: '/v1/help-requests', token: participant(), body: helpBody }),
      floor: () => ({ path: '/help-requests', token: participant(), body: helpBody }),
    },
    {
      name: 'POST /v1/checkins/{id}/record',
      method: 'POST',
      amount: RECORD_AMOUNT,
      api: () => {
        const c = nextCheckin();
        return { path: `/v1/checkins/${c.id}/record`, token: `bench-coach-${c.n}`, body: recordBody(c) };
      },
      floor: () => {
        const c = nextCheckin();
        return { path: `/checkins/${c.id}/record`, token: `bench-coach-${c.n}`, body: recordBody(c) };
      },
    },
  ];

  const rows: Array<Record<string, unknown>> = [];
  try {
    for (const scenario of scenarios) {
      for (const connections of CONNECTIONS) {
        const werkbrug = await run(`http://127.0.0.1:${apiPort}`, scenario, scenario.api, connections, api.pid!);
        const bare = scenario.floor
          ? await run(`http://127.0.0.1:${floorPort}`, scenario, scenario.floor, connections, floor.pid!)
          : undefined;
        rows.push({
          endpoint: scenario.name,
          conns: connections,
          'req/s': werkbrug.rps,
          'p50 ms': werkbrug.p50,
          'p95 ms': werkbrug.p95,
          'p99 ms': werkbrug.p99,
          errors: werkbrug.errors,
          'RSS MB': werkbrug.rssMb,
          'floor req/s': bare?.rps ?? 'n/a',
          'floor p50/p95/p99 ms': bare ? `${bare.p50}/${bare.p95}/${bare.p99}` : 'n/a',
          'floor errors': bare?.errors ?? 'n/a',
          // The cost ratio: how many requests the floor serves for each one Werkbrug serves.
          'werkbrug ÷ floor': bare ? (bare.rps / Math.max(1, werkbrug.rps)).toFixed(1) : 'n/a',
        });
        process.stdout.write(`${scenario.name} @${connections}: ${werkbrug.rps} req/s (floor ${bare?.rps ?? 'n/a'})\n`);
      }
    }
  } finally {
    api.kill('SIGTERM');
    floor.kill('SIGTERM');
  }
  printTable(`HTTP (autocannon, ${DURATION} s per run; check-in recording: ${RECORD_AMOUNT} requests per run)`, rows);
  const file = await writeResult('http', { command: 'npm run bench:http', durationSeconds: DURATION, rows });
  process.stdout.write(`\nwritten to ${file}\n`);
}

await main();
