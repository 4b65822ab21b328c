import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { JOB_QUEUES, type JobName } from './queue.constants.js';
import { jobIdFor, QueueService } from './queue.service.js';

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
  private readonly logger = new Logger(SchedulerService.name);

  constructor(
    private readonly queues: QueueService,
    private readonly clock: Clock,
  ) {}

  async schedule<T extends object>(name: JobName, data: T, runAt: Date, key: string): Promise<void> {
    const delay = Math.max(0, runAt.getTime() - this.clock.now().getTime());
    await this.queues.enqueue<T & Scheduled>(name, { ...data, runAt: runAt.toISOString() }, { key, delay });
  }

  /**
   * Like `schedule`, for reconcilers: a job of this key that is waiting,
   * delayed or running is left alone, so there is one; a finished one (it
   * ran early and did nothing, or gave up) is replaced, because the caller
   * found the work still undone.
   */
  async ensure<T extends object>(name: JobName, data: T, runAt: Date, key: string): Promise<void> {
    const existing = await this.queues.queue(JOB_QUEUES[name]).getJob(jobIdFor(name, key));
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return;
      const removed = await existing.remove().then(
        () => true,
        () => false,
      );
      // Still locked by a worker that is just finishing it: leave it, the next reconcile looks again.
      if (!removed) return;
      this.logger.log({ job: name, key, state }, 'finished job replaced: its work is still undone');
    }
    await this.schedule(name, data, runAt, key);
  }

  /**
   * A job that runs every `everyMs` on the workers (a BullMQ job scheduler,
   * kept in the queue, so one schedule however many workers start), and once
   * now: a worker that starts catches up at once instead of after an interval.
   */
  async repeat(schedulerId: string, name: JobName, everyMs: number): Promise<void> {
    await this.queues.queue(JOB_QUEUES[name]).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data: {} });
    await this.queues.enqueue(name, {});
  }

  isDue(data: Scheduled): boolean {
    return new Date(data.runAt).getTime() <= this.clock.now().getTime();
  }
}
