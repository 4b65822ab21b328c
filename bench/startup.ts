/**
 * Start-up benchmark: (1) the default `npm start` path, cold: embedded
 * PostgreSQL initialised in a fresh data directory, migrations, API and
 * workers, until the banner; (2) the API role against a running, migrated
 * database. Both from src/main.ts via @swc-node/register (the compiled
 * dist/ start is faster by the on-the-fly compile). Run: npm run bench:startup
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createServer } from 'node:net';
import { BENCH_DATABASE_URL, ensureBenchDatabase, printTable, writeResult } from './common.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function timeToReady(env: Record<string, string | undefined>, entry: string[]): Promise<number> {
  const started = performance.now();
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const child = spawn(process.execPath, entry, { env: merged as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const seconds = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Werkbrug is running/.test(output)) {
        clearTimeout(timer);
        resolve((performance.now() - started) / 1000);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  await new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return seconds;
}

const COMMON = {
  LOG_LEVEL: 'warn',
  REDIS_URL: undefined,
  QUEUE_BACKEND: undefined,
  SMTP_URL: undefined,
  DEMO_DATA: undefined,
  NODE_ENV: 'development',
};
const ENTRY = ['--import', '@swc-node/register/esm-register', 'src/main.ts'];
const rows: Array<Record<string, unknown>> = [];

const dataDir = path.resolve('.data/bench-cold-postgres');
await rm(dataDir, { recursive: true, force: true });
rows.push({
  start: 'default (embedded PostgreSQL, fresh data dir, migrations, API + workers)',
  seconds: (
    await timeToReady(
      {
        ...COMMON,
        DATABASE_URL: undefined,
        EMBEDDED_POSTGRES_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        PORT: String(await freePort()),
      },
      ENTRY,
    )
  ).toFixed(1),
});
rows.push({
  start: 'default again (embedded PostgreSQL, existing data dir)',
  seconds: (
    await timeToReady(
      {
        ...COMMON,
        DATABASE_URL: undefined,
        EMBEDDED_POSTGRES_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        PORT: String(await freePort()),
      },
      ENTRY,
    )
  ).toFixed(1),
});
await rm(dataDir, { recursive: true, force: true });
await ensureBenchDatabase();
for (const attempt of [1, 2, 3]) {
  rows.push({
    start: `API role against a running, migrated PostgreSQL (run ${attempt})`,
    seconds: (
      await timeToReady({ ...COMMON, WERKBRUG_ROLE: 'api', DATABASE_URL: BENCH_DATABASE_URL, PORT: String(await freePort()) }, ENTRY)
    ).toFixed(1),
  });
}
printTable('Start-up to ready (banner printed), src/main.ts via @swc-node/register', rows);
const file = await writeResult('startup', { command: 'npm run bench:startup', rows });
process.stdout.write(`\nwritten to ${file}\n`);
