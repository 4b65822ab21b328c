import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import type { JobName } from './queue.constants.js';
import { QueueService } from './queue.service.js';

/** What every scheduled job carries: when it was meant to run, on the application clock. */
export interface Scheduled {
  runAt: string;
}

/**
 * Jobs that should run at a moment in the application's time ("five days
 * after the payment was due"). The delay is computed from the injectable
 * Clock, and handlers check `isDue` again when they run, so a job that fires
 * early (a moved deadline, a test promoting it) does nothing harmful.
 */
@Injectable()
export class SchedulerService {
  constructor(
    private readonly queues: QueueService,
    private readonly clock: Clock,
  ) {}

  async schedule<T extends object>(name: JobName, data: T, runAt: Date, key: string): Promise<void> {
    const delay = Math.max(0, runAt.getTime() - this.clock.now().getTime());
    await this.queues.enqueue<T & Scheduled>(name, { ...data, runAt: runAt.toISOString() }, { key, delay });
  }

  isDue(data: Scheduled): boolean {
    return new Date(data.runAt).getTime() <= this.clock.now().getTime();
  }
}
