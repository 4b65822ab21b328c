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
import { runPendingMigrations } from './platform/database/migrate.js';

export interface RunningService {
  role: ProcessRole;
  app: INestApplicationContext;
  url?: string;
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
}

/** DATABASE_URL, or a real PostgreSQL started from embedded-postgres under .data/. */
export async function resolveDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const config = readDatabaseConfig();
  if (config.url) return { url: config.url };
  const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDir, port: config.embeddedPort, database: 'werkbrug' });
  return { url: embedded.url, embedded };
}

export async function startService(): Promise<RunningService> {
  const role = appConfig().role;
  const { url: databaseUrl, embedded } = await resolveDatabase();
  if (readDatabaseConfig().migrationsRun) await runPendingMigrations(databaseUrl);
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
      '  Demo data:   loaded. Sign in at the portal as coach@, teamlead@, werkgever@ or admin@demo.werkbrug.nl',
      `               with the password ${DEMO_PASSWORD}; deelnemer@demo.werkbrug.nl signs in by link (see /outbox/mine in the same browser)`,
    );
  }
  lines.push(`  Queues on:   ${process.env.REDIS_URL ? 'Redis (REDIS_URL)' : 'PostgreSQL (BullMQ PostgreSQL backend)'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
