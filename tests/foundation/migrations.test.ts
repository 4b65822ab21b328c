import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { revertLastMigration, runPendingMigrations } from '../../src/platform/database/migrate.js';
import { migrations } from '../../migrations/index.js';
import { createDatabase, dropDatabase } from '../support/test-database.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const server = process.env.WERKBRUG_TEST_SERVER_URL!;
  const name = `werkbrug_test_${process.env.WERKBRUG_TEST_RUN}_migrations_${process.env.WERKBRUG_TEST_WORKER}`;
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(server, name);
  });
  afterAll(() => dropDatabase(server, name));

  it('lists every migration file, in timestamp order', async () => {
    const files = (await readdir('migrations')).filter((file) => /^\d{13}-[A-Z]\w+\.ts$/.test(file)).sort();
    const names = migrations.map((migration) => migration.name);
    expect(names).toEqual(files.map((file) => file.replace(/^(\d+)-(\w+)\.ts$/, '$2$1')));
  });

  it('runs up on an empty database, is idempotent, and reverts all the way down', async () => {
    expect(await tables(url)).toEqual([]);
    const applied = await runPendingMigrations(url);
    expect(applied).toHaveLength(migrations.length);
    expect(await tables(url)).toEqual(expect.arrayContaining(['mail_message', 'typeorm_migrations']));
    expect(await runPendingMigrations(url)).toEqual([]);

    for (let i = 0; i < migrations.length; i++) await revertLastMigration(url);
    expect(await tables(url)).toEqual(['typeorm_migrations']);

    expect(await runPendingMigrations(url)).toHaveLength(migrations.length);
  });
});
