import { type INestApplication, RequestMethod } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { requestContext } from './platform/http/request-context.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRootLogger, PinoLoggerService } from './platform/logging/logger.js';
import { assignRequestId, requestLogger } from './platform/logging/logger-options.js';
import { apiBodyParsers } from './platform/http/body-parsing.js';
import { setupOpenApi } from './platform/http/openapi.js';
import { appConfig } from './platform/config/app.config.js';
import { mountPortalAssets } from './portal/portal-assets.js';
import { IMPORT_UPLOAD_PATH } from './portal/admin/import-upload.js';
import { mountQueueDashboard } from './platform/queue/queue-dashboard.js';

export const API_PREFIX = '/v1';
/** Routes that live outside /v1: they are for operators and browsers, not API clients. */
export const UNVERSIONED = ['', 'health/live', 'health/ready', 'outbox', 'outbox/{*rest}', 'portal', 'portal/{*rest}', 'toegankelijkheid'];

/** Everything an HTTP process needs on top of the module graph; shared by main and tests. */
export function configureHttpApp(app: NestExpressApplication): INestApplication {
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const logger = createRootLogger(config.logLevel);
  app.useLogger(new PinoLoggerService(logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const requestId = assignRequestId(request, response);
    response.setHeader('API-Version', config.apiVersion);
    requestContext.run({ requestId }, next);
  });
  app.use(cookieParser());
  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      // Not helmet's "no-referrer": under it browsers send "Origin: null" on the portal's own form posts,
      // and the sign-in forms are told apart from cross-site posts by their origin (origin-check.ts).
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  if (config.corsOrigins.length > 0)
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['API-Version', 'X-Request-ID', 'Retry-After'] });
  app.use(...apiBodyParsers(config.bodyLimit, API_PREFIX, { prefixes: ['/portal'], uploadPaths: [IMPORT_UPLOAD_PATH] }));
  app.setGlobalPrefix(API_PREFIX.slice(1), {
    exclude: UNVERSIONED.map((path) => ({ path, method: RequestMethod.ALL })),
  });
  mountPortalAssets(app);
  mountQueueDashboard(app);
  setupOpenApi(app, config.publicUrl);
  app.enableShutdownHooks();
  return app;
}
