import pg from 'pg';

/**
 * Werkbrug runs with two database roles: an owner that runs the migrations and
 * owns every table, and the application role the service connects as, with
 * row privileges only. Only the owner can TRUNCATE, change triggers or alter
 * tables; on the audit log the application may only add and read.
 */
export const APPEND_ONLY_TABLES = ['audit_event'] as const;

export function connectionUser(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'werkbrug-roles' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * What the connected role owns in a schema, as the object list of a GRANT ('' if nothing): tables, sequences or
 * routines (functions, procedures, aggregates).
 */
async function owned(client: pg.Client, schema: string, kind: 'TABLE' | 'SEQUENCE' | 'ROUTINE'): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    kind === 'ROUTINE'
      ? `SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS name
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) = current_user ORDER BY 1`
      : `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind = ANY($2::"char"[]) AND pg_get_userbyid(c.relowner) = current_user ORDER BY 1`,
    kind === 'ROUTINE' ? [schema] : [schema, kind === 'TABLE' ? ['r', 'p'] : ['S']],
  );
  return rows.length ? `${kind} ${rows.map((row) => row.name).join(', ')}` : '';
}

/**
 * Gives the application role what the service needs on the tables the owner
 * has made, and nothing more. Run as the owner after every migration run, so a
 * new table is covered the moment it exists.
 */
export async function grantApplicationRole(ownerUrl: string, applicationRole: string, queueSchema?: string): Promise<void> {
  const app = identifier(applicationRole);
  const schemas = ['public', ...(queueSchema ? [queueSchema] : [])];
  await withClient(ownerUrl, async (client) => {
    const [{ database }] = (await client.query<{ database: string }>('SELECT current_database() AS database')).rows;
    const present = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [schemas]);
    await client.query('BEGIN');
    try {
      await client.query(`GRANT CONNECT ON DATABASE ${identifier(database)} TO ${app}`);
      for (const { nspname } of present.rows) {
        const schema = identifier(nspname);
        await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
        await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, ${app}`);
        // In the queue schema the service makes objects of its own at run time (BullMQ's job-id sequences): the owner
        // grants on what it owns there, by name, as it may not grant on the service's (and the service has them).
        const queue = nspname === queueSchema;
        const tables = queue ? await owned(client, nspname, 'TABLE') : `ALL TABLES IN SCHEMA ${schema}`;
        const sequences = queue ? await owned(client, nspname, 'SEQUENCE') : `ALL SEQUENCES IN SCHEMA ${schema}`;
        const routines = queue ? await owned(client, nspname, 'ROUTINE') : `ALL FUNCTIONS IN SCHEMA ${schema}`;
        if (tables) {
          await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables} TO ${app}`);
          await client.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ${tables} FROM ${app}`);
        }
        if (sequences) await client.query(`GRANT USAGE, SELECT, UPDATE ON ${sequences} TO ${app}`);
        if (routines) await client.query(`GRANT EXECUTE ON ${routines} TO ${app}`);
      }
      // BullMQ's PostgreSQL backend makes (and drops) a job-id sequence per queue at run time: the
      // service may create in the queue's own schema, never beside the application's tables.
      if (queueSchema && present.rows.some((row) => row.nspname === queueSchema)) {
        await client.query(`GRANT CREATE ON SCHEMA ${identifier(queueSchema)} TO ${app}`);
      }
      if (present.rows.some((row) => row.nspname === 'public')) {
        for (const table of APPEND_ONLY_TABLES) await client.query(`REVOKE UPDATE, DELETE ON public.${identifier(table)} FROM ${app}`);
        // The migration ledger is the owner's: the service may read which migrations ran, never write it.
        await client.query(`REVOKE INSERT, UPDATE, DELETE ON public.typeorm_migrations FROM ${app}`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

export interface ConnectionRole {
  user: string;
  superuser: boolean;
  /** Owns application tables, so it could TRUNCATE them or switch their triggers off. */
  ownsTables: boolean;
}

export async function describeConnectionRole(url: string): Promise<ConnectionRole> {
  return withClient(url, async (client) => {
    const [row] = (
      await client.query<{ user: string; superuser: boolean; owns_tables: boolean }>(
        `SELECT current_user AS user,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns_tables`,
      )
    ).rows;
    return { user: row.user, superuser: row.superuser, ownsTables: row.owns_tables };
  });
}

/** One line for the log (or the refusal in production) when the service would run with more power than it needs. */
export function excessPrivilege(role: ConnectionRole): string | null {
  if (!role.superuser && !role.ownsTables) return null;
  const what = role.superuser ? 'a superuser' : 'the owner of the tables';
  return `The service connects to PostgreSQL as ${role.user}, ${what}: it could wipe the audit log. Connect as the application role (DATABASE_URL) and run migrations as the owner (MIGRATIONS_DATABASE_URL); see docs/deployment.md.`;
}
