import 'reflect-metadata';
import { DatabaseRoleRefused, printBanner, startService } from './bootstrap.js';
import { ConfigValidationError } from './platform/config/validate-config.js';
import { EmbeddedPostgresConflict } from './platform/database/embedded-postgres.js';

async function main(): Promise<void> {
  const service = await startService();
  printBanner(service);
  const shutdown = async (signal: string) => {
    process.stdout.write(`Received ${signal}, shutting down.\n`);
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError || error instanceof EmbeddedPostgresConflict || error instanceof DatabaseRoleRefused) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Werkbrug failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
