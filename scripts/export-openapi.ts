/**
 * Writes the API's OpenAPI document to a file, without a database, Redis or
 * a listening server: `node dist/scripts/export-openapi.js [out]` (default
 * dist/openapi.json). `npm run lint:api` lints the result with Spectral.
 *
 * Nest's preview mode builds the module graph and the route metadata but
 * instantiates no provider, so TypeORM never connects and no queue starts.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../src/app.module.js';
import * as appSetup from '../src/app.setup.js';
import { buildOpenApiDocument } from '../src/platform/http/openapi.js';

/** The host named in `servers`; the linter only looks at its form (https, /v1). */
const PUBLIC_URL = 'https://werkbrug.example';
/** Never connected to: preview mode creates no provider. */
const UNUSED_DATABASE_URL = 'postgres://openapi-export@127.0.0.1:1/unused';
/**
 * Routes that app.setup.ts keeps outside /v1. Taken from there when it exports
 * them; this copy is the fallback and must match the list in app.setup.ts.
 */
const UNVERSIONED_FALLBACK = ['health/live', 'health/ready', 'outbox', 'outbox/{*rest}'];

async function main(): Promise<void> {
  const outFile = resolve(process.argv[2] ?? 'dist/openapi.json');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: UNUSED_DATABASE_URL }), {
    preview: true,
    abortOnError: false,
    logger: false,
    bodyParser: false,
  });
  try {
    const setup = appSetup as { API_PREFIX: string; UNVERSIONED?: readonly string[] };
    const unversioned = setup.UNVERSIONED ?? UNVERSIONED_FALLBACK;
    // The same prefix and exclusions as configureHttpApp, which the document builder relies on.
    app.setGlobalPrefix(setup.API_PREFIX.replace(/^\//, ''), {
      exclude: unversioned.map((path) => ({ path, method: RequestMethod.ALL })),
    });
    const document = buildOpenApiDocument(app, PUBLIC_URL);
    const paths = Object.keys(document.paths);
    if (paths.length === 0) throw new Error('the generated document has no paths under the API prefix');
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, `${JSON.stringify(document, null, 2)}\n`, 'utf8');
    process.stdout.write(`OpenAPI ${document.openapi} document with ${paths.length} paths written to ${outFile}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export-openapi failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
