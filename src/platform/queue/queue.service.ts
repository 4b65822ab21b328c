import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { type JobsOptions, Queue } from 'bullmq';
import { queueConfig } from '../config/queue.config.js';
import { DATABASE_URL } from '../database/database.tokens.js';
import { QueueBackend } from './queue-backend.js';
import { JOB_QUEUES, jobDefaults, JobName, QueueName } from './queue.constants.js';

export interface EnqueueOptions {
  /**
   * What makes this job unique ("the reminder for check-in X at version 3").
   * The same key is never queued twice while the first is still known.
   */
  key?: string;
  delay?: number;
  priority?: number;
}

/** BullMQ forbids ':' in custom ids; keys are ours, so map it away. */
export function jobIdFor(name: JobName, key: string): string {
  return `${name}.${key}`.replace(/:/g, '_');
}

@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, Queue>();
  readonly backend: QueueBackend;
  /** Test hook for the fault tests only: see `enqueue`. Empty unless WERKBRUG_TEST_CRASH_BEFORE_ENQUEUE is set. */
  private readonly crashBeforeEnqueue = new Set((process.env.WERKBRUG_TEST_CRASH_BEFORE_ENQUEUE ?? '').split(',').filter(Boolean));

  constructor(
    @Inject(queueConfig.KEY) readonly config: ConfigType<typeof queueConfig>,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    this.backend = new QueueBackend(config, databaseUrl);
  }

  async onModuleInit(): Promise<void> {
    await this.backend.connect();
    for (const name of Object.values(QueueName)) {
      const queue = this.backend.createQueue(name, jobDefaults(this.config.backoffMs));
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'queue connection error'));
      this.queues.set(name, queue);
    }
    this.logger.log(`queues ready on ${this.backend.kind}`);
  }

  async enqueue<T extends object>(name: JobName, data: T, options: EnqueueOptions = {}): Promise<string | undefined> {
    // Test hook: the process dies like kill -9 after the caller's commit and before the job reaches the queue.
    if (this.crashBeforeEnqueue.has(name)) process.kill(process.pid, 'SIGKILL');
    const opts: JobsOptions = { delay: options.delay, priority: options.priority };
    if (options.key) opts.jobId = jobIdFor(name, options.key);
    const job = await this.queue(JOB_QUEUES[name]).add(name, data, opts);
    return job.id;
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue ${name} is not initialised`);
    return queue;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  /** Waits until no job is waiting, delayed-and-due, or running; for tests and shutdown checks. */
  async counts(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const queue of this.queues.values()) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      for (const [state, count] of Object.entries(counts)) totals[state] = (totals[state] ?? 0) + count;
    }
    return totals;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    await this.backend.close();
  }
}
