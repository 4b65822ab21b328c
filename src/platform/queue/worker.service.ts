import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { appConfig } from '../config/app.config.js';
import { JOB_HANDLER, PermanentJobError } from './job-handler.decorator.js';
import { JOB_QUEUES, JobName, QueueName } from './queue.constants.js';
import { QueueService } from './queue.service.js';

type Handler = (data: unknown, job: Job) => Promise<unknown>;

/** Emitted when a job has used its last attempt; features mark their records failed on it. */
export interface JobFailure {
  name: JobName;
  data: unknown;
  error: Error;
}

/**
 * Runs the job handlers in processes whose role includes "worker". Closing
 * waits for running jobs to finish; a job that cannot finish in time keeps its
 * lock until it expires and is then picked up again by another worker.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkerService.name);
  private readonly handlers = new Map<JobName, Handler>();
  private readonly failureListeners = new Map<JobName, (failure: JobFailure) => Promise<void>>();
  private workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.discoverHandlers();
    if (this.app.role === 'api') return;
    this.start();
  }

  /** Lets a feature react when a job gave up for good (e.g. mark a mail as failed). */
  onFinalFailure(name: JobName, listener: (failure: JobFailure) => Promise<void>): void {
    this.failureListeners.set(name, listener);
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  start(): void {
    if (this.workers.length > 0) return;
    for (const queueName of Object.values(QueueName)) {
      const worker = this.queues.backend.createWorker(queueName, (job: Job) => this.process(job), this.queues.config.concurrency);
      worker.on('error', (error) => this.logger.warn({ err: error, queue: queueName }, 'worker connection error'));
      worker.on('failed', (job, error) => void this.handleFailed(job, error));
      this.workers.push(worker);
    }
    this.logger.log(`workers started for ${this.workers.length} queues`);
  }

  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.close()));
  }

  /** First of the shutdown hooks, so running jobs finish while the database and queues are still open. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    try {
      return await handler(job.data, job);
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private async handleFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
    this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attemptsMade, final, reason: error.message }, 'job failed');
    if (!final) return;
    const listener = this.failureListeners.get(job.name as JobName);
    await listener?.({ name: job.name as JobName, data: job.data, error }).catch((listenerError: unknown) =>
      this.logger.error({ err: listenerError }, 'final-failure listener failed'),
    );
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName] as ((...args: unknown[]) => Promise<unknown>) | undefined;
        if (typeof method !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, method);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`Two handlers for job ${name}`);
        if (!JOB_QUEUES[name]) throw new Error(`Job ${name} has no queue`);
        this.handlers.set(name, (data, job) => method.call(instance, data, job));
      }
    }
  }
}
