import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return (Array.isArray(result) ? result.at(-1) : result).rows;
  } finally {
    await client.end();
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
      const superuser = (secret: string) => `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${PORT}/werkbrug`;
      expect(await reachable(superuser('postgres'))).toBe(false);
      expect(await reachable(superuser(password))).toBe(true);
      // The service gets the application role, migrations the owner role; neither is the superuser.
      expect(new URL(first.url).username).toBe('werkbrug_app');
      expect(new URL(first.ownerUrl).username).toBe('werkbrug_owner');
      expect(first.url).not.toContain(encodeURIComponent(password));
      const roles = await query(
        superuser(password),
        "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE 'werkbrug_%' ORDER BY rolname",
      );
      expect(roles).toEqual([
        { rolname: 'werkbrug_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false },
        { rolname: 'werkbrug_owner', rolsuper: false, rolcreaterole: false, rolcreatedb: false },
      ]);
      expect(await query(first.url, 'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()')).toEqual(
        [{ owner: 'werkbrug_owner' }],
      );

      // A database from before the two roles (everything the superuser's) is handed to the owner on the next start.
      await query(superuser(password), 'CREATE TABLE legacy_note (id int); ALTER DATABASE werkbrug OWNER TO postgres');

      const second = startEmbeddedPostgres({ dataDir: checkout('b'), port: PORT, database: 'werkbrug' });
      await expect(second).rejects.toBeInstanceOf(EmbeddedPostgresConflict);
      await expect(second).rejects.toThrow(`Port ${PORT} is served by another PostgreSQL`);
      await expect(second).rejects.toThrow(/^[^\n]+$/);

      // The same checkout, while the process that started the server runs: shared, and left running on stop.
      const ownerFile = path.join(root, 'a', '.data', 'postgres.owner-pid');
      await writeFile(ownerFile, String(process.ppid));
      const shared = await startEmbeddedPostgres({ dataDir: checkout('a'), port: PORT, database: 'werkbrug' });
      await shared.stop();
      expect(await query(shared.ownerUrl, "SELECT tableowner FROM pg_tables WHERE tablename = 'legacy_note'")).toEqual([
        { tableowner: 'werkbrug_owner' },
      ]);
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

  it('a second checkout started on the same port stops with one line saying why', async () => {
    const first = await startEmbeddedPostgres({ dataDir: checkout('a'), port: PORT, database: 'werkbrug' });
    try {
      const repository = process.cwd();
      const otherCheckout = path.join(root, 'b');
      // Another checkout of Werkbrug, with its packages installed: this one's, linked.
      await mkdir(otherCheckout, { recursive: true });
      for (const entry of ['node_modules', 'tsconfig.json', 'package.json']) {
        await symlink(path.join(repository, entry), path.join(otherCheckout, entry));
      }
      const result = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', path.join(repository, 'src/main.ts')], {
        cwd: otherCheckout,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          EMBEDDED_POSTGRES_PORT: String(PORT),
          PORT: '0',
          NODE_OPTIONS: '',
          SWC_NODE_PROJECT: path.join(repository, 'tsconfig.json'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^Port ${PORT} is served by another PostgreSQL .*EMBEDDED_POSTGRES_PORT`))]);
      expect(await reachable(first.url)).toBe(true);
    } finally {
      await first.stop();
    }
  }, 120_000);
});
