import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { connectionUser, grantApplicationRole } from '../../src/platform/database/database-roles.js';
import { asRole, TEST_OWNER_ROLE, workerDatabaseUrl } from '../support/test-app.js';

/**
 * The service connects as the application role (as in every deployment: the
 * embedded default, docker/ and docs/deployment.md). Whatever code runs in it,
 * the audit log can only grow.
 */
describe('the application database role', () => {
  let app: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    const url = await workerDatabaseUrl();
    app = new pg.Client({ connectionString: url });
    owner = new pg.Client({ connectionString: asRole(url, TEST_OWNER_ROLE) });
    await app.connect();
    await owner.connect();
    await owner.query(
      `INSERT INTO organisation (id, name, slug) VALUES ('00000000-0000-4000-8000-00000000a0d1', 'Rollen', 'rollen-test')
       ON CONFLICT DO NOTHING`,
    );
  });
  afterAll(async () => {
    await app.end();
    await owner.end();
  });

  const refused = (sql: string) => expect(app.query(sql)).rejects.toThrow(/permission denied|must be (the )?owner/);

  it('is neither a superuser nor the owner of any table', async () => {
    const { rows } = await app.query(
      `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_tables t WHERE t.tableowner = current_user) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, owned: 0 }]);
  });

  it('may add to and read the audit log', async () => {
    await app.query(
      `INSERT INTO audit_event (organisation_id, at, actor_role, action, resource_type, fields)
       VALUES ('00000000-0000-4000-8000-00000000a0d1', now(), 'admin', 'read', 'role-test', '{}')`,
    );
    const { rows } = await app.query("SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'role-test'");
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('cannot wipe, change or bypass the audit log', async () => {
    await refused('TRUNCATE audit_event');
    await refused('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await refused('ALTER TABLE audit_event DISABLE TRIGGER ALL');
    await refused('SET session_replication_role = replica');
    await refused("UPDATE audit_event SET action = 'list'");
    await refused('DELETE FROM audit_event');
    await refused('DROP TABLE audit_event');
    await refused('DROP TRIGGER audit_event_append_only ON audit_event');
    const { rows } = await owner.query("SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'role-test'");
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('cannot change the schema or the migration ledger, nor TRUNCATE any table', async () => {
    await refused('CREATE TABLE intruder (id int)');
    await refused('ALTER TABLE participant ADD COLUMN intruder int');
    await refused('TRUNCATE participant');
    await refused("INSERT INTO typeorm_migrations (timestamp, name) VALUES (1, 'Intruder1')");
    await refused('DELETE FROM typeorm_migrations');
    await refused('CREATE SCHEMA intruder');
  });

  it('does the rest of its work: rows in its tables, and the queue schema BullMQ manages', async () => {
    await app.query("UPDATE organisation SET name = 'Rollen BV' WHERE slug = 'rollen-test'");
    const { rows } = await app.query("SELECT name FROM organisation WHERE slug = 'rollen-test'");
    expect(rows).toEqual([{ name: 'Rollen BV' }]);
    const queueTables = await app.query(
      "SELECT count(*)::int AS n FROM information_schema.table_privileges WHERE table_schema = 'bullmq' AND grantee = current_user AND privilege_type = 'INSERT'",
    );
    expect(queueTables.rows[0].n).toBeGreaterThan(0);
    // BullMQ creates a job-id sequence per queue at run time.
    await app.query('CREATE SEQUENCE IF NOT EXISTS bullmq.role_test_job_id_seq');
    await app.query('DROP SEQUENCE bullmq.role_test_job_id_seq');
  });

  it('lets the service start again after BullMQ made a sequence of its own (grants run on every start)', async () => {
    const url = await workerDatabaseUrl();
    // The application role owns what it makes in the queue schema; the owner role cannot grant on it, and need not.
    await app.query('CREATE SEQUENCE IF NOT EXISTS bullmq.role_test_restart_seq');
    try {
      await expect(grantApplicationRole(asRole(url, TEST_OWNER_ROLE), connectionUser(url), 'bullmq')).resolves.toBeUndefined();
      await expect(app.query("SELECT nextval('bullmq.role_test_restart_seq')::int AS n")).resolves.toMatchObject({ rows: [{ n: 1 }] });
      await refused('CREATE TABLE public.role_test_restart (id int)');
    } finally {
      await app.query('DROP SEQUENCE IF EXISTS bullmq.role_test_restart_seq');
    }
  });
});
