import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EmbeddedPostgresConflict, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';

const PORT = 54390 + Number(process.env.JEST_WORKER_ID ?? 1);

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Two checkouts on one machine, each with the default embedded database on the same port. */
describe('embedded PostgreSQL knows its own data directory', () => {
  let root: string;
  const checkout = (name: string) => path.join(root, name, '.data', 'postgres');

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'werkbrug-embedded-'));
    // As a checkout is: readable on the way to .data/ for the postgres user the server runs as.
    await chmod(root, 0o755);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('generates its password, refuses a server of another checkout, shares with its own process, adopts after a crash', async () => {
    const first = await startEmbeddedPostgres({ dataDir: checkout('a'), port: PORT, database: 'werkbrug' });
    let running = true;
    try {
      const password = (await readFile(path.join(root, 'a', '.data', 'postgres.password'), 'utf8')).trim();
      expect(password).toMatch(/^[\w-]{32}$/);
      expect(first.url).toContain(encodeURIComponent(password));
      expect(await reachable(first.url.replace(encodeURIComponent(password), 'postgres'))).toBe(false);

      const second = startEmbeddedPostgres({ dataDir: checkout('b'), port: PORT, database: 'werkbrug' });
      await expect(second).rejects.toBeInstanceOf(EmbeddedPostgresConflict);
      await expect(second).rejects.toThrow(`Port ${PORT} is served by another PostgreSQL`);
      await expect(second).rejects.toThrow(/^[^\n]+$/);

      // The same checkout, while the process that started the server runs: shared, and left running on stop.
      const ownerFile = path.join(root, 'a', '.data', 'postgres.owner-pid');
      await writeFile(ownerFile, String(process.ppid));
      const shared = await startEmbeddedPostgres({ dataDir: checkout('a'), port: PORT, database: 'werkbrug' });
      await shared.stop();
      expect(await reachable(first.url)).toBe(true);

      // The starter is gone (a crash): the next start adopts the server and stops it at the end.
      await writeFile(ownerFile, '2147483646');
      const adopted = await startEmbeddedPostgres({ dataDir: checkout('a'), port: PORT, database: 'werkbrug' });
      expect(Number(await readFile(ownerFile, 'utf8'))).toBe(process.pid);
      await adopted.stop();
      running = await reachable(first.url);
      expect(running).toBe(false);
    } finally {
      if (running) await first.stop();
    }
  }, 120_000);
});
