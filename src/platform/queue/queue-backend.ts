import { hostname } from 'node:os';
import { createPostgresBackend, type DefaultJobOptions, type Processor, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueConfig } from '../config/queue.config.js';
import { createQueuePool, type QueuePool } from '../database/queue-pool.js';

/**
 * The connection a queue or worker needs, for either backend. BullMQ on Redis
 * when REDIS_URL is set; otherwise BullMQ's PostgreSQL backend in its own
 * schema of the application database, so the default start needs no Redis.
 */
export class QueueBackend {
  private redis?: Redis;
  private pool?: QueuePool;

  constructor(
    private readonly config: QueueConfig,
    private readonly databaseUrl: string,
  ) {}

  get kind(): 'redis' | 'postgres' {
    return this.config.backend;
  }

  async connect(): Promise<void> {
    if (this.config.backend === 'redis') {
      this.redis = new Redis(this.config.redisUrl!, { maxRetriesPerRequest: null, lazyConnect: false });
      await this.redis.ping();
      return;
    }
    this.pool = await createQueuePool(this.databaseUrl, this.config.postgresSchema);
  }

  createQueue(name: string, defaultJobOptions: DefaultJobOptions): Queue {
    const options = { connection: this.connection(), prefix: this.config.prefix, defaultJobOptions };
    // The Queue class is generic over its backend; callers only use the common API.
    return (this.redis ? new Queue(name, options as never) : new Queue(name, options as never, createPostgresBackend)) as unknown as Queue;
  }

  createWorker(name: string, processor: Processor, concurrency: number): Worker {
    const options = {
      connection: this.connection(),
      prefix: this.config.prefix,
      concurrency,
      autorun: true,
      lockDuration: this.config.lockDurationMs,
      stalledInterval: this.config.stalledIntervalMs,
      // Shown as the job's processedBy (and in the queue dashboard): which process ran it, or died with it.
      name: `${hostname()}:${process.pid}`,
    };
    return (this.redis
      ? new Worker(name, processor, options as never)
      : new Worker(name, processor, options as never, createPostgresBackend)) as unknown as Worker;
  }

  /** For other users of the same Redis (rate-limit counters); undefined on the PostgreSQL backend. */
  get redisClient(): Redis | undefined {
    return this.redis;
  }

  async ping(): Promise<void> {
    if (this.redis) await this.redis.ping();
    else await this.pool!.ping();
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }

  private connection(): unknown {
    return this.redis ?? this.pool?.connection;
  }
}
