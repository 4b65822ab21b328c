import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { runPendingMigrations } from '../src/platform/database/migrate.js';

/** The benchmark database: BENCH_DATABASE_URL, else `werkbrug_bench` on the local PostgreSQL. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/werkbrug_bench';

export async function ensureBenchDatabase(url = BENCH_DATABASE_URL): Promise<string> {
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  await runPendingMigrations(url);
  return url;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Prints rows as an aligned table. */
export function printTable(title: string, rows: Array<Record<string, unknown>>): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const text = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, i) => Math.max(column.length, ...text.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(`${line(columns)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const cells of text) process.stdout.write(`${line(cells)}\n`);
}

/** Writes bench/results/<name>-<timestamp>.json and returns its path. */
export async function writeResult(name: string, data: unknown): Promise<string> {
  const dir = path.resolve('bench/results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ machine: machineInfo(), ...(data as object) }, null, 2)}\n`);
  return file;
}

function machineInfo(): Record<string, unknown> {
  return {
    node: process.version,
    platform: process.platform,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
  };
}
