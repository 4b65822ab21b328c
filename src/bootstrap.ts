import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from './app.module.js';
import { DEMO_PASSWORD, DemoSeeder } from './demo/demo-seeder.js';
import { createRootLogger, PinoLoggerService } from './platform/logging/logger.js';
import { configureHttpApp } from './app.setup.js';
import { appConfig, type ProcessRole } from './platform/config/app.config.js';
import { readDatabaseConfig } from './platform/config/database.config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { prepareDatabase } from './platform/database/migrate.js';
import { describeConnectionRole, excessPrivilege } from './platform/database/database-roles.js';
import { queueConfig } from './platform/config/queue.config.js';

export interface RunningService {
  role: ProcessRole;
  app: INestApplicationContext;
  url?: string;
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
}

export interface ResolvedDatabase {
  /** The application role's connection: what the service runs on. */
  url: string;
  /** The owner role's connection: migrations (and nothing else) run on it. */
  ownerUrl: string;
  embedded?: EmbeddedDatabase;
}

/** DATABASE_URL (and MIGRATIONS_DATABASE_URL), or a real PostgreSQL started from embedded-postgres under .data/. */
export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const config = readDatabaseConfig();
  if (config.url) return { url: config.url, ownerUrl: config.migrationsUrl ?? config.url };
  const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDir, port: config.embeddedPort, database: 'werkbrug' });
  return { url: embedded.url, ownerUrl: embedded.ownerUrl, embedded };
}

/** Pending migrations as the owner, and the application role's rights on the result. */
export async function migrateResolvedDatabase(database: ResolvedDatabase): Promise<string[]> {
  const queue = queueConfig();
  return prepareDatabase({
    ownerUrl: database.ownerUrl,
    applicationUrl: database.url,
    queueSchema: queue.backend === 'postgres' ? queue.postgresSchema : undefined,
  });
}

/**
 * A service that connects as a superuser or as the owner of its tables could
 * wipe its own audit log: refused in production, a warning elsewhere.
 */
export async function checkConnectionRole(url: string, production: boolean, warn: (message: string) => void): Promise<void> {
  const problem = excessPrivilege(await describeConnectionRole(url));
  if (!problem) return;
  if (production) throw new DatabaseRoleRefused(problem);
  warn(problem);
}

export class DatabaseRoleRefused extends Error {}

export async function startService(): Promise<RunningService> {
  const role = appConfig().role;
  const database = await resolveDatabase();
  const { url: databaseUrl, embedded } = database;
  if (readDatabaseConfig().migrationsRun) await migrateResolvedDatabase(database);
  await checkConnectionRole(databaseUrl, process.env.NODE_ENV === 'production', (message) => process.stderr.write(`Warning: ${message}\n`));
  const module = AppModule.forRoot({ databaseUrl });
  let app: INestApplicationContext;
  let url: string | undefined;
  // The demo is loaded before the port opens, so a first request after "ready" finds its accounts.
  const seedDemo = async (context: INestApplicationContext) => {
    if (process.env.DEMO_DATA === 'true' || process.env.DEMO_DATA === '1') await context.get(DemoSeeder).seed();
  };
  if (role === 'worker') {
    app = await NestFactory.createApplicationContext(module, { bufferLogs: true, abortOnError: false });
    app.useLogger(new PinoLoggerService(createRootLogger(appConfig().logLevel)));
    app.enableShutdownHooks();
    await seedDemo(app);
  } else {
    const http = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: true, abortOnError: false });
    configureHttpApp(http);
    const config = http.get(appConfig.KEY) as ReturnType<typeof appConfig>;
    await http.init();
    await seedDemo(http);
    await http.listen(config.port, config.host);
    url = config.publicUrl;
    app = http;
  }
  return {
    role,
    app,
    url,
    databaseUrl,
    embedded,
    stop: async () => {
      await app.close();
      await embedded?.stop();
    },
  };
}

export function printBanner(service: RunningService): void {
  const lines = [`Werkbrug is running (${service.role}).`];
  if (service.url) {
    lines.push(`  Portal:      ${service.url}/portal`, `  API:         ${service.url}/v1`, `  API docs:    ${service.url}/docs`);
    lines.push(`  OpenAPI:     ${service.url}/v1/openapi.json`);
    if (!process.env.SMTP_URL && process.env.NODE_ENV !== 'production') {
      lines.push(`  Mail outbox: ${service.url}/outbox (admins), ${service.url}/outbox/mine (your own mail)`);
    }
    lines.push(`  Queues:      ${service.url}/admin/queues`);
  }
  lines.push(`  Database:    ${service.embedded ? 'embedded PostgreSQL in .data/postgres' : 'DATABASE_URL'}`);
  if (process.env.DEMO_DATA === 'true' || process.env.DEMO_DATA === '1') {
    lines.push(
      '  Demo data:   loaded. Sign in at the portal as coach@, teamlead@, werkgever@, financier@ or admin@demo.werkbrug.nl',
      `               with the password ${DEMO_PASSWORD}; deelnemer@demo.werkbrug.nl signs in by link (see /outbox/mine in the same browser; elsewhere it asks for the code shown after the request)`,
    );
  }
  lines.push(`  Queues on:   ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'PostgreSQL (BullMQ PostgreSQL backend)'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
