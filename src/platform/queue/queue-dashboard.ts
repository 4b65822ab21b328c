import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response, Router } from 'express';
import { SessionService } from '../../identity/session.service.js';
import { PlatformOperators } from '../auth/platform-operators.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { appConfig } from '../config/app.config.js';
import { operatorsConfig } from '../config/operators.config.js';
import { buildProblem, sendProblem } from '../http/problem-response.js';
import { QueueService } from './queue.service.js';
import { fromOwnOrigin } from '../auth/origin-check.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const READS = new Set(['GET', 'HEAD']);

/**
 * Bull Board over every queue of the installation, so for platform operators
 * only (PLATFORM_OPERATORS, signed in with their second factor), never for an
 * organisation's admin: the queues hold every organisation's jobs. Read-only
 * unless QUEUE_DASHBOARD_WRITES is set; a change must then come from the
 * dashboard's own pages (Origin check), as a cross-site form or fetch cannot.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const queues = app.get(QueueService);
  const sessions = app.get(SessionService);
  const operators = app.get(PlatformOperators);
  const { publicUrl } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const { dashboardWrites } = app.get<ConfigType<typeof operatorsConfig>>(operatorsConfig.KEY);

  // Mounted now, before Nest's own routes and not-found handler; the queues only exist once the
  // application has initialised, so the board is built over them at its first request.
  let board: Router | undefined;
  const buildBoard = (): Router | undefined => {
    if (board || queues.allQueues().length === 0) return board;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: queues.allQueues().map((queue) => new BullMQAdapter(queue, { readOnlyMode: !dashboardWrites })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Werkbrug queues' } },
    });
    board = serverAdapter.getRouter() as Router;
    return board;
  };

  const refuse = (request: Request, response: Response, status: number, slug: string, detail: string) =>
    sendProblem(response, buildProblem(status, slug, detail, request.originalUrl));

  const operatorsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = request.cookies?.[SESSION_COOKIE] as string | undefined;
    const actor = token ? await sessions.authenticate(token, 'cookie').catch(() => undefined) : undefined;
    if (!actor) return refuse(request, response, 401, 'unauthenticated', 'The queue dashboard is for platform operators: sign in first.');
    if (!actor.secondFactor || !(await operators.isOperator(actor))) {
      return refuse(
        request,
        response,
        403,
        'forbidden',
        'The queue dashboard is for platform operators, signed in with their second factor.',
      );
    }
    if (READS.has(request.method)) return next();
    if (!dashboardWrites) return refuse(request, response, 405, 'read-only', 'The queue dashboard is read-only (QUEUE_DASHBOARD_WRITES).');
    if (!fromOwnOrigin(request, publicUrl, 'refuse')) {
      return refuse(request, response, 403, 'csrf', 'A change on the queue dashboard must come from the dashboard itself.');
    }
    next();
  };

  app.use(QUEUE_DASHBOARD_PATH, operatorsOnly, (request: Request, response: Response, next: NextFunction) => {
    const router = buildBoard();
    if (!router) return refuse(request, response, 503, 'unavailable', 'The queues are not ready yet.');
    router(request, response, next);
  });
}
