import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { appConfig } from '../../config/app.config.js';
import { QueueService } from '../../queue/queue.service.js';
import { ProblemException } from '../problem.js';
import { RATE_LIMIT, type RateLimitRule } from './rate-limit.decorator.js';
import { createLimiter, RateLimiterRes } from './rate-limiters.js';

/**
 * Counts requests per client address (and per rule for decorated routes).
 * Counters live in Redis when the service uses Redis, so replicas share them;
 * otherwise in this process's memory.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const rules: RateLimitRule[] = [{ name: 'general', points: this.app.rateLimitPerMinute, durationSeconds: 60 }];
    const specific = this.reflector.getAllAndOverride<RateLimitRule | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (specific) rules.push(specific);
    for (const rule of rules) await this.consume(rule, this.subject(rule, request), response);
    return true;
  }

  private subject(rule: RateLimitRule, request: Request): string {
    if (rule.by && rule.by !== 'ip') {
      const value = (request.body as Record<string, unknown> | undefined)?.[rule.by.bodyField];
      // Hashed, so counters never hold e-mail addresses in clear.
      if (typeof value === 'string') return createHash('sha256').update(value.trim().toLowerCase()).digest('hex');
    }
    return request.ip ?? 'unknown';
  }

  private async consume(rule: RateLimitRule, subject: string, response: Response): Promise<void> {
    try {
      await this.limiter(rule).consume(subject);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      response.setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'too-many-requests',
        `Too many attempts. Try again in ${retryAfter} seconds.`,
      );
    }
  }

  private limiter(rule: RateLimitRule): RateLimiterAbstract {
    const key = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = createLimiter(this.queues, rule.name, rule.points, rule.durationSeconds);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
