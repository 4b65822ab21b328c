import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DatabaseRoleRefused, type RunningService, startService } from '../../src/bootstrap.js';
import { WorkerService } from '../../src/platform/queue/worker.service.js';
import { workerDatabaseUrl, workerOwnerUrl } from '../support/test-app.js';

const saved = { ...process.env };

function setEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

function address(service: RunningService): string {
  const server = (service.app as NestExpressApplication).getHttpServer();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('start-up', () => {
  let service: RunningService | undefined;

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    process.env = { ...saved };
  });

  it('starts with no configuration on an embedded PostgreSQL, migrated, queues on PostgreSQL', async () => {
    const dataDir = `.data/test-embedded-${process.pid}`;
    await rm(dataDir, { recursive: true, force: true });
    setEnv({
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      QUEUE_BACKEND: undefined,
      PORT: '0',
      EMBEDDED_POSTGRES_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(54400 + Number(process.env.WERKBRUG_TEST_WORKER)),
    });
    try {
      service = await startService();
      expect(service.embedded).toBeDefined();
      const ready = await request(address(service)).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info).toMatchObject({
        database: { status: 'up' },
        queue: { status: 'up', backend: 'postgres' },
        mail: { status: 'up', transport: 'outbox' },
      });
      // Served (anonymous visitors see only the mail their own browser asked for).
      const tables = await request(address(service)).get('/outbox/mine');
      expect(tables.status).toBe(200);
    } finally {
      await service?.stop();
      service = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('starts on an external PostgreSQL given by DATABASE_URL, migrating as MIGRATIONS_DATABASE_URL', async () => {
    setEnv({
      DATABASE_URL: await workerDatabaseUrl(),
      MIGRATIONS_DATABASE_URL: await workerOwnerUrl(),
      PORT: '0',
      QUEUE_BACKEND: undefined,
      REDIS_URL: undefined,
    });
    service = await startService();
    expect(service.embedded).toBeUndefined();
    const ready = await request(address(service)).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers['api-version']).toBe('1.0.0');
  });

  it('runs only the workers when WERKBRUG_ROLE=worker', async () => {
    setEnv({ DATABASE_URL: await workerDatabaseUrl(), WERKBRUG_ROLE: 'worker', QUEUE_BACKEND: undefined, REDIS_URL: undefined });
    service = await startService();
    expect(service.url).toBeUndefined();
    expect(service.app.get(WorkerService).running).toBe(true);
  });

  it('runs only the API when WERKBRUG_ROLE=api', async () => {
    setEnv({ DATABASE_URL: await workerDatabaseUrl(), WERKBRUG_ROLE: 'api', PORT: '0', QUEUE_BACKEND: undefined, REDIS_URL: undefined });
    service = await startService();
    expect(service.app.get(WorkerService).running).toBe(false);
    expect((await request(address(service)).get('/health/live')).status).toBe(200);
  });
});

describe('the database role the service runs as', () => {
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses, in production, to connect as the owner of its tables, in one line saying what to do', async () => {
    setEnv({ NODE_ENV: 'production', DATABASE_URL: await workerOwnerUrl(), PORT: '0', QUEUE_BACKEND: undefined, REDIS_URL: undefined });
    const start = startService();
    await expect(start).rejects.toBeInstanceOf(DatabaseRoleRefused);
    await expect(start).rejects.toThrow(
      /^The service connects to PostgreSQL as werkbrug_test_owner, the owner of the tables: .*MIGRATIONS_DATABASE_URL[^\n]*$/,
    );
  });
});

describe('configuration errors', () => {
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer number'],
    [{ DATABASE_URL: 'mysql://db/werkbrug' }, 'Invalid configuration: DATABASE_URL must be a postgres:// connection URL'],
    [{ QUEUE_BACKEND: 'redis', REDIS_URL: undefined }, 'Invalid configuration: REDIS_URL is required when QUEUE_BACKEND is redis'],
    [{ SMTP_URL: 'mail.example.org' }, 'Invalid configuration: SMTP_URL must be an smtp:// or smtps:// URL'],
    [{ MIGRATIONS_RUN: 'maybe' }, 'Invalid configuration: MIGRATIONS_RUN must be true or false'],
    [
      { PLATFORM_OPERATORS: 'beheer@platform.test, beheer' },
      'Invalid configuration: PLATFORM_OPERATORS must be a comma-separated list of e-mail addresses',
    ],
    [{ QUEUE_DASHBOARD_WRITES: 'ja' }, 'Invalid configuration: QUEUE_DASHBOARD_WRITES must be true or false'],
  ])('refuses to start with %j', async (env, message) => {
    setEnv({ DATABASE_URL: await workerDatabaseUrl(), ...env });
    await expect(startService()).rejects.toThrow(message);
  });

  it('stops the process with one line naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '70000', NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Invalid configuration: PORT must not be greater than 65535']);
  }, 60_000);
});
