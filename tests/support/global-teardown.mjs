import pg from 'pg';

/** Drops this run's databases and stops the embedded server if the setup started one. */
export default async function globalTeardown() {
  const serverUrl = process.env.WERKBRUG_TEST_SERVER_URL;
  const run = process.env.WERKBRUG_TEST_RUN;
  if (serverUrl && run) {
    const url = new URL(serverUrl);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`werkbrug_test_${run}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  await globalThis.__embeddedPostgres?.stop();
}
