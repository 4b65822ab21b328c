import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { QueueService } from './queue.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board over every queue, for admins. */
export function mountQueueDashboard(app: NestExpressApplication, queues: QueueService): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.allQueues().map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Werkbrug queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
}
