import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Ajv, ValidateFunction } from 'ajv';
import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_PREFIX } from '../../src/app.setup.js';
import { buildOpenApiDocument } from '../../src/platform/http/openapi.js';
import { openApiAjv, responseSchemaPointer } from './openapi-schema.js';

/**
 * Checks every answer of a documented /v1 route, in every integration test,
 * against the OpenAPI document the service publishes: the status must be
 * documented (2xx/3xx explicitly; errors may fall to `default`), the content
 * type must be one the response lists, and a JSON body must match its schema.
 * A mismatch is collected here and fails the running test (see
 * openapi-after-each.ts); checked routes are recorded for the coverage check
 * (openapi-coverage-reporter.mjs).
 */

interface DocumentedOperation {
  method: string;
  path: string;
  pattern: RegExp;
  parameters: number;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface Checker {
  ajv: Ajv;
  operations: DocumentedOperation[];
  validators: Map<string, ValidateFunction>;
}

interface ResponseState {
  violations: string[];
  recorded: Set<string>;
}

const STATE_KEY = Symbol.for('werkbrug.openapi-responses');

function state(): ResponseState {
  const holder = globalThis as unknown as Record<symbol, ResponseState | undefined>;
  holder[STATE_KEY] ??= { violations: [], recorded: new Set() };
  return holder[STATE_KEY];
}

/** Violations since the last call, which clears them. */
export function takeOpenApiViolations(): string[] {
  return state().violations.splice(0);
}

/** Where this run's workers record the route-table routes they saw answered, one JSON line each. */
export function coverageFile(run = process.env.WERKBRUG_TEST_RUN ?? 'local'): string {
  return resolve('tests/artifacts', `openapi-coverage-${run}.jsonl`);
}

function record(route: string, validated: boolean): void {
  const key = `${route} ${validated}`;
  if (state().recorded.has(key)) return;
  state().recorded.add(key);
  const file = coverageFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ route, validated })}\n`);
}

function checkerFor(document: OpenAPIObject): Checker {
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const source = `${API_PREFIX}${path}`
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${source}/?$`),
        parameters: (path.match(/\{/g) ?? []).length,
        responses: operation.responses as DocumentedOperation['responses'],
      });
    }
  }
  // A literal segment wins over a parameter (`/placements/export` before `/placements/{id}`).
  operations.sort((a, b) => a.parameters - b.parameters);
  return { ajv: openApiAjv(document), operations, validators: new Map() };
}

function documentedStatus(operation: DocumentedOperation, status: number): string | undefined {
  const code = String(status);
  const range = `${code[0]}XX`;
  if (operation.responses[code]) return code;
  if (operation.responses[range]) return range;
  return status >= 400 && operation.responses.default ? 'default' : undefined;
}

function check(checker: Checker, operation: DocumentedOperation, response: Response, body: Buffer): string | undefined {
  const label = `${operation.method} ${operation.path} -> ${response.statusCode}`;
  const status = documentedStatus(operation, response.statusCode);
  if (!status) return `${label}: status ${response.statusCode} is not documented`;
  const content = operation.responses[status].content;
  const mediaType = String(response.getHeader('content-type') ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (!mediaType || body.length === 0) {
    return content && response.statusCode !== 304 && operation.method !== 'HEAD'
      ? `${label}: documented with a body, answered none`
      : undefined;
  }
  if (!content) return `${label}: answered ${mediaType}, documented without a body`;
  const documented = Object.keys(content).find((key) => key.toLowerCase() === mediaType || key === '*/*');
  if (!documented) return `${label}: answered ${mediaType}, documented ${Object.keys(content).join(', ')}`;
  if (!/^application\/(.+\+)?json$/.test(mediaType)) return undefined;
  if (!(content[documented] as { schema?: unknown }).schema) return `${label}: ${documented} has no schema`;
  const key = `${operation.method} ${operation.path} ${status} ${documented}`;
  let validate = checker.validators.get(key);
  if (!validate) {
    validate = checker.ajv.compile({ $ref: responseSchemaPointer(operation.path, operation.method.toLowerCase(), status, documented) });
    checker.validators.set(key, validate);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return `${label}: ${mediaType} body is not JSON`;
  }
  if (validate(parsed)) return undefined;
  return `${label}: body does not match the documented schema: ${checker.ajv.errorsText(validate.errors, { dataVar: 'body' }).slice(0, 600)}`;
}

/**
 * Installs the check on a test app before its routes are registered. `routes`
 * names the route-table routes (`GET /v1/placements/:id`) the coverage check
 * counts; the document is given after the app is initialised.
 */
export function installOpenApiResponseCheck(app: NestExpressApplication): (routes: Set<string>) => void {
  let checker: Checker | undefined;
  let routes = new Set<string>();
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(`${API_PREFIX}/`)) return next();
    const chunks: Buffer[] = [];
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.write = ((...args: unknown[]) => {
      capture(args[0], args[1]);
      return write(...args);
    }) as Response['write'];
    response.end = ((...args: unknown[]) => {
      capture(args[0], args[1]);
      return end(...args);
    }) as Response['end'];
    response.on('finish', () => {
      if (!checker) return;
      const routePath = (request.route as { path?: string } | undefined)?.path;
      const route = routePath ? `${request.method} ${routePath}` : undefined;
      const pathname = request.originalUrl.split('?')[0];
      const operation = checker.operations.find((candidate) => candidate.method === request.method && candidate.pattern.test(pathname));
      if (!operation) {
        if (route && routes.has(route)) record(route, false);
        return;
      }
      const violation = check(checker, operation, response, Buffer.concat(chunks));
      if (violation) state().violations.push(violation);
      if (route && routes.has(route)) record(route, true);
    });
    next();
  });
  return (tableRoutes) => {
    routes = tableRoutes;
    // Built the way the service builds the one it publishes (src/platform/http/openapi.ts).
    checker = checkerFor(buildOpenApiDocument(app, 'http://localhost'));
  };
}
