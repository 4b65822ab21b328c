import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErasureService } from '../../src/privacy/erasure.service.js';
import { RETENTION_POLICY } from '../../src/privacy/retention-policy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** TypeORM's own bookkeeping; BullMQ's PostgreSQL backend keeps its tables in their own schema (QUEUE_POSTGRES_SCHEMA), not here. */
const NOT_PERSONAL = new Set(['typeorm_migrations']);
const PERSON_TABLES = new Set(['participant', 'user_account', 'membership']);
const FREE_TEXT_TYPES = new Set(['text', 'character varying', 'json', 'jsonb', 'bytea']);
const FREE_TEXT_ARRAYS = new Set(['_text', '_varchar', '_json', '_jsonb', '_bytea']);

/** A column that names a person: a participant, an account or a membership, or an employer's contact person. */
function personColumn(column: string): boolean {
  return (
    column === 'participant_id' ||
    column === 'user_id' ||
    column.endsWith('_user_id') ||
    column.endsWith('_membership_id') ||
    column.includes('email') ||
    column.includes('phone') ||
    column.includes('contact_name')
  );
}

describe('privacy contract: every table with personal data has an owner that says what erasure does', () => {
  let testApp: TestApp;
  /** Why each application table needs a contract entry, as `column: reason`. */
  const needs = new Map<string, string[]>();
  let tables: string[];

  beforeAll(async () => {
    testApp = await createTestApp();
    const ds = testApp.dataSource;
    const [{ schema }] = await ds.query('SELECT current_schema() AS schema');
    const queueSchema = process.env.QUEUE_POSTGRES_SCHEMA ?? 'bullmq';
    expect(schema).not.toBe(queueSchema);
    tables = (
      (await ds.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [
        schema,
      ])) as Array<{ table_name: string }>
    )
      .map((row) => row.table_name)
      .filter((table) => !NOT_PERSONAL.has(table));
    const add = (table: string, why: string) => {
      if (NOT_PERSONAL.has(table)) return;
      needs.set(table, [...(needs.get(table) ?? []), why]);
    };
    const columns: Array<{ table_name: string; column_name: string; data_type: string; udt_name: string }> = await ds.query(
      'SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position',
      [schema],
    );
    for (const column of columns) {
      if (!tables.includes(column.table_name)) continue;
      const freeText = FREE_TEXT_TYPES.has(column.data_type) || (column.data_type === 'ARRAY' && FREE_TEXT_ARRAYS.has(column.udt_name));
      if (freeText)
        add(column.table_name, `${column.column_name}: free text (${column.data_type === 'ARRAY' ? column.udt_name : column.data_type})`);
      if (personColumn(column.column_name)) add(column.table_name, `${column.column_name}: names a person`);
    }
    const foreignKeys: Array<{ table_name: string; column_name: string; referenced: string }> = await ds.query(
      `SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name, r.relname AS referenced
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN LATERAL unnest(c.conkey) AS k(attnum) ON true
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.contype = 'f' AND n.nspname = $1`,
      [schema],
    );
    for (const key of foreignKeys) {
      if (PERSON_TABLES.has(key.referenced))
        add(key.table_name.replace(/^.*\./, '').replace(/"/g, ''), `${key.column_name}: references ${key.referenced}`);
    }
  });
  afterAll(() => testApp.close());

  const owned = () => testApp.app.get(ErasureService).ownedTables();

  it('finds tables with person references and free text in the schema (so the next test can fail)', () => {
    expect(tables.length).toBeGreaterThan(30);
    for (const table of ['participant', 'placement', 'help_request', 'mail_message', 'import_run', 'checkin'])
      expect(needs.get(table)?.length ?? 0).toBeGreaterThan(0);
  });

  it('has a contract entry for every table with a person reference or a free-text or JSON column', () => {
    const declared = new Set(owned().map((entry) => entry.table));
    const missing = [...needs.entries()]
      .filter(([table]) => !declared.has(table))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([table, why]) => `${table} (${why.join('; ')})`);
    expect(missing).toEqual([]);
  });

  it('names only tables that exist, each once', () => {
    const entries = owned();
    expect(entries.filter((entry) => !tables.includes(entry.table)).map((entry) => `${entry.table} (${entry.owner})`)).toEqual([]);
    const owners = new Map<string, string[]>();
    for (const entry of entries) owners.set(entry.table, [...(owners.get(entry.table) ?? []), entry.owner]);
    expect([...owners.entries()].filter(([, names]) => names.length > 1).map(([table, names]) => `${table} (${names.join(', ')})`)).toEqual(
      [],
    );
  });

  it('keeps a table only for a retention category of RETENTION_POLICY, named first in the reason', () => {
    const categories = RETENTION_POLICY.map((rule) => rule.category);
    const unfounded = owned()
      .filter((entry) => entry.erasure === 'keep')
      .filter((entry) => !categories.some((category) => entry.reason.startsWith(`${category}:`)))
      .map((entry) => `${entry.table} (${entry.owner}): ${entry.reason}`);
    expect(unfounded).toEqual([]);
  });
});
