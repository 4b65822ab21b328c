import { SetMetadata } from '@nestjs/common';

export interface RateLimitRule {
  /** Names the bucket: routes with the same name share it. */
  name: string;
  points: number;
  durationSeconds: number;
  /** What is counted: the client address (default), or a body field such as the e-mail address. */
  by?: 'ip' | { bodyField: string };
}

export const RATE_LIMIT = Symbol('werkbrug:rate-limit');

/** A stricter limit for one route, on top of the general per-address limit. */
export const RateLimit = (rule: RateLimitRule): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT, rule);
