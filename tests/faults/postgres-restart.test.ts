import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/platform/database/migrate.js';
import { createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { freePort, sleep, until } from './support.js';

/**
 * PostgreSQL goes away in the middle of a stream of writes and comes back.
 * Clients get 503 + Retry-After while it is down (never a 500, never a 201 for
 * a write that was not stored) and the service recovers without a restart.
 */
describe('PostgreSQL restarted during a write load', () => {
  const dataDir = path.resolve('.data/faults-postgres');
  let port: number;
  let database: EmbeddedDatabase;
  let testApp: TestApp;
  let coach: TestUser;

  const start = () => startEmbeddedPostgres({ dataDir, port, database: 'werkbrug_faults' });

  beforeAll(async () => {
    port = await freePort();
    database = await start();
    await prepareDatabase({ ownerUrl: database.ownerUrl, applicationUrl: database.url, queueSchema: 'bullmq' });
    // The queues run on this same PostgreSQL (BullMQ's PostgreSQL backend), so they meet the outage too.
    testApp = await createTestApp({ databaseUrl: database.url, role: 'api' });
    // A database kept from an earlier run: emptied as its owner, as no service could.
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query('TRUNCATE participant, membership, session, user_account, organisation CASCADE');
    await owner.end();
    const organisation = await createOrganisation(testApp.dataSource);
    coach = await createUser(testApp, organisation.id, 'jobcoach');
  }, 120_000);

  afterAll(async () => {
    await testApp?.close().catch(() => undefined);
    await database?.stop();
  });

  it('answers 503 with Retry-After during the outage, recovers, and keeps every acknowledged write', async () => {
    // The stream runs until writes succeed again after the restart, however long the
    // restart takes: a fixed number of requests could all be spent during the outage.
    const WRITES_AFTER_RESTART = 20;
    const MAX_REQUESTS = 20_000;
    const CONCURRENCY = 4;
    const acknowledged: string[] = [];
    const statuses: Record<string, number> = {};
    const unexpected: Array<{ status: number; type: string; body: unknown }> = [];
    let next = 0;
    let phase: 'before' | 'down' | 'after' = 'before';
    let okAfterRestart = 0;
    let unavailable = 0;
    let chaosFailed = false;
    const streaming = () => !chaosFailed && next < MAX_REQUESTS && !(phase === 'after' && okAfterRestart >= WRITES_AFTER_RESTART);

    const client = async () => {
      while (streaming()) {
        const i = next++;
        const response = await request(testApp.http)
          .post('/v1/participants')
          .set(coach.auth)
          .send({ firstName: `Load${i}`, lastName: 'Herstart', email: `load${i}@deelnemer.test` });
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 201) {
          acknowledged.push(response.body.id);
          if (phase === 'after') okAfterRestart++;
        } else if (response.status === 503) {
          unavailable++;
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.headers['retry-after']).toMatch(/^\d+$/);
          expect(response.body).toMatchObject({ status: 503 });
        } else {
          unexpected.push({ status: response.status, type: response.headers['content-type'], body: response.body });
        }
        // A steady stream rather than a flood: the outage has to fall in the middle of it.
        await sleep(10);
      }
    };

    const chaos = async () => {
      try {
        await until('some writes before the outage', () => acknowledged.length >= 40);
        await database.stop();
        phase = 'down';
        await until('requests answered during the outage', () => unavailable >= 10, 30_000);
        database = await start();
        phase = 'after';
      } catch (error) {
        chaosFailed = true;
        throw error;
      }
    };

    await Promise.all([chaos(), ...Array.from({ length: CONCURRENCY }, client)]);

    expect(unexpected).toEqual([]);
    expect(statuses[500] ?? 0).toBe(0);
    expect(unavailable).toBeGreaterThanOrEqual(10);
    expect(okAfterRestart).toBeGreaterThanOrEqual(WRITES_AFTER_RESTART);

    // Recovered by itself: the same app, no restart, writes again.
    const after = await request(testApp.http).post('/v1/participants').set(coach.auth).send({ firstName: 'Na', lastName: 'Herstart' });
    expect(after.status).toBe(201);
    acknowledged.push(after.body.id);

    // Every acknowledged write is stored (read with a fresh connection, not the app's pool).
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    try {
      const { rows } = await check.query('SELECT id FROM participant WHERE id = ANY($1::uuid[])', [acknowledged]);
      expect(rows.map((row: { id: string }) => row.id).sort()).toEqual([...acknowledged].sort());
    } finally {
      await check.end();
    }
  });
});
