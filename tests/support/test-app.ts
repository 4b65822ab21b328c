import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureHttpApp } from '../../src/app.setup.js';
import { Clock, ManualClock } from '../../src/platform/clock/clock.js';
import { QueueService } from '../../src/platform/queue/queue.service.js';
import { WorkerService } from '../../src/platform/queue/worker.service.js';
import { prepareDatabase } from '../../src/platform/database/migrate.js';
import { routeTable } from '../authorization/route-table.js';
import { installOpenApiResponseCheck } from './openapi-responses.js';
import { adminQuery, withDatabase } from './test-database.js';

export type QueueBackendKind = 'postgres' | 'redis';

/** Queue backends to run queue tests on: PostgreSQL always, Redis when REDIS_URL is set. */
export function queueBackends(): QueueBackendKind[] {
  if (process.env.WERKBRUG_TEST_REDIS_URL) return ['postgres', 'redis'];
  if (process.env.REQUIRE_REDIS === '1') throw new Error('REQUIRE_REDIS=1 but REDIS_URL is not set');
  return ['postgres'];
}

/** The roles tests/support/global-setup.mjs makes: the owner migrates, the service runs as the application role. */
export const TEST_OWNER_ROLE = 'werkbrug_test_owner';
export const TEST_APP_ROLE = 'werkbrug_test_app';
const TEST_ROLE_PASSWORD = 'werkbrug-test';

/** The same server and database as another role. */
export function asRole(url: string, role: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = TEST_ROLE_PASSWORD;
  return parsed.toString();
}

function workerDatabaseName(): string {
  return `werkbrug_test_${process.env.WERKBRUG_TEST_RUN}_w${process.env.WERKBRUG_TEST_WORKER}`;
}

/**
 * This Jest worker's database, created (owned by the owner role), migrated
 * and granted on first use. Answers the application role's URL, as the
 * service is deployed.
 */
export async function workerDatabaseUrl(): Promise<string> {
  const server = process.env.WERKBRUG_TEST_SERVER_URL;
  if (!server) throw new Error('tests/support/global-setup.mjs did not run');
  const name = workerDatabaseName();
  const client = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  let created = false;
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await adminQuery(server, `CREATE DATABASE "${name}" OWNER ${TEST_OWNER_ROLE}`);
      // A test database need not outlive a crash: commits do not wait for the WAL flush (the machine's PostgreSQL
      // keeps fsync on for everything else).
      await adminQuery(server, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
      created = true;
    }
  } finally {
    await client.end();
  }
  const url = withDatabase(server, name);
  const applicationUrl = asRole(url, TEST_APP_ROLE);
  if (created) await prepareDatabase({ ownerUrl: asRole(url, TEST_OWNER_ROLE), applicationUrl, queueSchema: 'bullmq' });
  return applicationUrl;
}

/** This worker's database as the owner role: for resetting it between tests, as no service could. */
export async function workerOwnerUrl(): Promise<string> {
  return asRole(await workerDatabaseUrl(), TEST_OWNER_ROLE);
}

export interface TestAppOptions {
  queue?: QueueBackendKind;
  role?: 'all' | 'api' | 'worker';
  env?: Record<string, string | undefined>;
  databaseUrl?: string;
  /** The app's clock; a fresh ManualClock when not given (pass one set ahead to boot an app at a later moment). */
  clock?: ManualClock;
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  imports?: unknown[];
  controllers?: unknown[];
}

export interface TestApp {
  app: NestExpressApplication;
  clock: ManualClock;
  dataSource: DataSource;
  /** The application role's connection the app runs on. */
  databaseUrl: string;
  queues: QueueService;
  workers: WorkerService;
  http: ReturnType<INestApplication['getHttpServer']>;
  close(): Promise<void>;
}

function applyEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** Boots the real AppModule against this worker's database, with a manual clock. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const queue = options.queue ?? 'postgres';
  applyEnv({
    WERKBRUG_ROLE: options.role ?? 'all',
    QUEUE_BACKEND: queue,
    REDIS_URL: queue === 'redis' ? process.env.WERKBRUG_TEST_REDIS_URL : undefined,
    ...options.env,
  });
  const databaseUrl = options.databaseUrl ?? (await workerDatabaseUrl());
  const clock = options.clock ?? new ManualClock();
  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ databaseUrl }), ...((options.imports ?? []) as never[])],
    controllers: (options.controllers ?? []) as never[],
  })
    .overrideProvider(Clock)
    .useValue(clock);
  if (options.customize) builder = options.customize(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  const startOpenApiCheck = installOpenApiResponseCheck(app);
  configureHttpApp(app);
  await app.init();
  const queues = app.get(QueueService);
  const testApp: TestApp = {
    app,
    clock,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    databaseUrl,
    queues,
    workers: app.get(WorkerService),
    http: app.getHttpServer(),
    close: () => app.close(),
  };
  startOpenApiCheck(new Set(routeTable(testApp).map((route) => `${route.method.toUpperCase()} ${route.path}`)));
  return testApp;
}

// Reference data shipped with the migrations stays, as it does on a real install.
const KEEP_TABLES = new Set(['typeorm_migrations', 'postcode_area', 'occupation']);

/**
 * Empties every application table (as the owner: the service's role may not
 * TRUNCATE), not the shipped reference data, and every queue, so each test
 * starts clean.
 */
export async function resetState(testApp: TestApp, keep: string[] = []): Promise<void> {
  const owner = new pg.Client({ connectionString: asRole(testApp.databaseUrl, TEST_OWNER_ROLE) });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const tables = rows.map((row) => row.tablename).filter((name) => !KEEP_TABLES.has(name) && !keep.includes(name));
    if (tables.length > 0) {
      const truncate = `TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`;
      // A job the app runs on its own (a worker's first survey or outbox sweep) may hold a lock TRUNCATE waits for,
      // and PostgreSQL then picks one side of the deadlock: when it picks the reset, the job is done and it may go again.
      for (let attempt = 1; ; attempt++) {
        try {
          await owner.query(truncate);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '40P01' || attempt === 5) throw error;
        }
      }
    }
  } finally {
    await owner.end();
  }
  for (const queue of testApp.queues.allQueues()) {
    await queue.obliterate({ force: true });
  }
}

/** Waits until no job is waiting, prioritised or running; delayed jobs are not waited for. */
export async function waitForQueuesToDrain(testApp: TestApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await testApp.queues.counts();
    if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`Queues did not drain: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls a condition that depends on another process or a queue; never a fixed sleep. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Runs the scheduled jobs that are due on the test's manual clock: promotes
 * every delayed job whose planned time (`runAt`) has come, then waits for the
 * queues to drain. Jobs planned later stay delayed.
 */
export async function runDueJobs(testApp: TestApp): Promise<number> {
  let promoted = 0;
  for (const queue of testApp.queues.allQueues()) {
    for (const job of await queue.getJobs(['delayed'])) {
      const runAt = (job.data as { runAt?: string }).runAt;
      if (runAt && new Date(runAt).getTime() <= testApp.clock.now().getTime()) {
        await job.promote();
        promoted++;
      }
    }
  }
  await waitForQueuesToDrain(testApp);
  return promoted;
}
