import rateLimiterFlexible from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { QueueService } from '../../queue/queue.service.js';

// A CommonJS package: Node's ESM loader only offers its default export.
const { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } = rateLimiterFlexible;
export { RateLimiterRes };

/**
 * A counter of `points` per `durationSeconds`, in Redis when the service uses
 * Redis (replicas share it), otherwise in this process's memory.
 */
export function createLimiter(queues: QueueService, name: string, points: number, durationSeconds: number): RateLimiterAbstract {
  const options = { keyPrefix: `${queues.config.prefix}:rl:${name}`, points, duration: durationSeconds };
  const redis = queues.backend.redisClient;
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
}
