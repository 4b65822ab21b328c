import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_VERSION } from '../config/app.config.js';
import { BEARER_SCHEME, SESSION_SCHEME } from '../auth/policy.decorator.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { documentValidationConstraints } from './openapi-constraints.js';

const API_VERSION_HEADER = {
  description: 'The full version of the API that answered (NL API Design Rules, API-57).',
  schema: { type: 'string', example: API_VERSION },
};

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://werkbrug.nl/problems/invalid-input' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request contains invalid parameters.' },
    instance: { type: 'string', example: '/v1/vacancies' },
    invalidParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'reason'],
        properties: {
          name: { type: 'string', example: 'hoursPerWeekMax' },
          reason: { type: 'string', example: 'must not be less than 1' },
        },
      },
    },
  },
};

/**
 * Adds what every operation shares (the API-Version header, problem answers)
 * to the generated document instead of repeating decorators on every route.
 */
function decorate(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA as never };
  document.components.headers = { ...document.components.headers, 'API-Version': API_VERSION_HEADER as never };
  const problemResponse = (description: string) => ({
    description,
    headers: { 'API-Version': { $ref: '#/components/headers/API-Version' } },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation) continue;
      operation.responses ??= {};
      operation.description ??= operation.summary;
      const takesInput =
        ['post', 'put', 'patch'].includes(method) ||
        (operation.parameters?.length ?? 0) > 0 ||
        (pathItem.parameters?.length ?? 0) > 0 ||
        operation.requestBody !== undefined;
      if (takesInput) operation.responses['400'] ??= problemResponse('Invalid input; invalidParams names each field');
      // Every route has a @Policy, which documents the credentials of all but the public ones.
      operation.security ??= [];
      operation.responses['401'] ??= problemResponse(
        operation.security.length > 0
          ? 'Not signed in: no credentials, or an unknown or expired token or session'
          : 'An Authorization header with an unknown or expired token',
      );
      if (operation.security.length > 0) {
        operation.responses['403'] ??= problemResponse(
          'Your role does not allow this, the second factor is not confirmed yet, or (with the session cookie) the CSRF token is missing',
        );
      }
      const hasPathParameter = [...(operation.parameters ?? []), ...(pathItem.parameters ?? [])].some(
        (parameter) => 'in' in parameter && parameter.in === 'path',
      );
      if (hasPathParameter) operation.responses['404'] ??= problemResponse('Does not exist, or is not visible to you');
      operation.responses['default'] ??= problemResponse('Any error, as application/problem+json');
      for (const [status, response] of Object.entries(operation.responses) as Array<
        [string, { headers?: Record<string, unknown>; content?: unknown }]
      >) {
        if ('$ref' in response) continue;
        // An error documented only by its description (@ApiForbiddenResponse) still answers problem+json.
        if (/^[45]/.test(status) && !response.content) response.content = problemResponse('').content;
        response.headers = { 'API-Version': { $ref: '#/components/headers/API-Version' }, ...response.headers };
      }
    }
  }
  return document;
}

export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  documentValidationConstraints();
  const config = new DocumentBuilder()
    .setTitle('Werkbrug API')
    .setDescription('Employer matching and aftercare for supported employment. Errors are application/problem+json (RFC 9457).')
    .setVersion(API_VERSION)
    .setContact('Werkbrug', 'https://werkbrug.nl', 'api@werkbrug.nl')
    .setLicense('EUPL-1.2', 'https://eupl.eu/1.2/en/')
    .addServer(`${publicUrl}/v1`, 'This installation')
    .addTag('authentication', 'Sign in, sign-in links, password reset, sessions')
    .addTag('me', 'The signed-in person')
    .addTag('users', 'Invitations and accounts')
    .addTag('organisation', 'Organisation settings, teams and memberships')
    .addTag('participants', 'Participants and their trajectories')
    .addTag('employers', 'Employers')
    .addTag('consents', "The participant's consents: what may be shared, with whom")
    .addTag('privacy', 'Access log, data export, erasure and retention')
    .addTag('rules', 'Dated rule parameters')
    .addTag('placements', 'Placements, trial placements, wage value and wage-cost subsidy')
    .addTag('aftercare', 'Handover meeting, check-ins, contacts and closure')
    .addTag('vacancies', 'Vacancies, and their schema.org JobPosting export')
    .addTag('participant-profiles', 'Participant profiles: wishes, capacity, work behaviour, trajectory plan')
    .addTag('matching', 'Explainable two-way matching and the match pipeline')
    .addTag('reference-data', 'Taxonomies and postcode areas')
    .addTag('quota', 'Banenafspraak quota status and reported hours')
    .addTag('calculations', 'What-if calculations of wage-cost subsidy, loonkostenvoordeel and quota, without stored data')
    .addTag('jobcoach-funding', 'UWV jobcoach grants and registered hours')
    .addTag('help-requests', 'Help requests from participants and employers')
    .addTag('coach-dashboard', "The coach's today view and the team's workload")
    .addTag('imports', 'Bulk CSV import of employers, vacancies and participants')
    .addTag('reports', 'Outcome reports: the trajectory funnel, retention and aftercare delivery, per organisation, team, coach or funder')
    .addTag('surveys', "Satisfaction surveys: the moments they are sent, and the averages per coach beside UWV's minimum")
    .addTag('mail', 'Mail delivery')
    .addTag('health', 'Liveness and readiness')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An opaque session token, as answered by POST /auth/sessions (not a JWT: it carries no readable claims; the service looks it up)',
      },
      BEARER_SCHEME,
    )
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description:
          'The session cookie set at sign-in (an opaque token). Requests that change something also send the CSRF token in the X-CSRF-Token header.',
      },
      SESSION_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  // Paths are documented relative to the server URL, which carries /v1.
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    paths[path.slice(3)] = item;
  }
  document.paths = paths;
  return decorate(document);
}

export function setupOpenApi(app: INestApplication, publicUrl: string): OpenAPIObject {
  const document = buildOpenApiDocument(app, publicUrl);
  const http = app.getHttpAdapter();
  http.get('/v1/openapi.json', (_request: unknown, response: { json: (body: unknown) => void }) => response.json(document));
  SwaggerModule.setup('docs', app, document, { raw: false, customSiteTitle: 'Werkbrug API' });
  return document;
}
