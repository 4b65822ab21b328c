import pg from 'pg';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string, database: string): Promise<void> {
  await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

export async function createDatabase(url: string, database: string, template?: string): Promise<string> {
  await dropDatabase(url, database);
  await adminQuery(url, `CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return withDatabase(url, database);
}
