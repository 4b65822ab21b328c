import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { buildProblem, sendProblem } from '../http/problem-response.js';
import type { SessionService } from '../../identity/session.service.js';
import type { QueueService } from './queue.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board over every queue, for signed-in admins (with their second factor) only. */
export function mountQueueDashboard(app: NestExpressApplication, queues: QueueService, sessions: SessionService): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.allQueues().map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Werkbrug queues' } },
  });
  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = request.cookies?.[SESSION_COOKIE] as string | undefined;
    const actor = token ? await sessions.authenticate(token, 'cookie').catch(() => undefined) : undefined;
    if (actor?.role === 'admin' && actor.secondFactor) return next();
    const status = actor ? 403 : 401;
    sendProblem(
      response,
      buildProblem(
        status,
        status === 401 ? 'unauthenticated' : 'forbidden',
        'The queue dashboard is for administrators.',
        request.originalUrl,
      ),
    );
  };
  app.use(QUEUE_DASHBOARD_PATH, adminsOnly, serverAdapter.getRouter());
}
