import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { identityConfig } from '../platform/config/identity.config.js';
import { ProblemException } from '../platform/http/problem.js';
import { createLimiter } from '../platform/http/rate-limit/rate-limiters.js';
import { QueueService } from '../platform/queue/queue.service.js';

/** Where a password attempt comes from: the client address, and the browser's device cookie if it has one. */
export interface SignInClient {
  ip: string;
  device?: string;
}

const WINDOW_SECONDS = 15 * 60;
/** Wrong passwords from one address, over all accounts (password spraying). */
const FAILURES_PER_IP = 100;
/** Wrong passwords for one account from one address or one known browser. */
const FAILURES_PER_CLIENT = 5;
/** Wrong passwords for one account, from anywhere, before each further try must wait. */
const FREE_FAILURES_PER_ACCOUNT = 10;
/** The longest wait between tries on one account: slowed, never locked. */
const MAX_DELAY_SECONDS = 60;

export class TooManyAttemptsProblem extends ProblemException {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'too-many-requests', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * Throttles password guessing without handing an attacker a way to lock the
 * real person out:
 * - per client address, over all accounts (a limit);
 * - per account and client (address, or the browser's device cookie) (a limit);
 * - per account from anywhere: after a few failures each try waits a growing
 *   delay (at most a minute), except from a browser that signed in to this
 *   account before (device cookie), which keeps its own per-client limit.
 * Sign-in by e-mail link is not throttled by any of these.
 */
@Injectable()
export class SignInThrottle {
  private readonly perIp: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly accountDelay: RateLimiterAbstract;

  constructor(
    queues: QueueService,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {
    this.perIp = createLimiter(queues, 'sign-in-ip', FAILURES_PER_IP, WINDOW_SECONDS);
    this.perClient = createLimiter(queues, 'sign-in-client', FAILURES_PER_CLIENT, WINDOW_SECONDS);
    this.perAccount = createLimiter(queues, 'sign-in-account', 10_000, WINDOW_SECONDS);
    this.accountDelay = createLimiter(queues, 'sign-in-delay', 1, MAX_DELAY_SECONDS);
  }

  /** Refuses the attempt (429) when this client or account has to wait. */
  async before(email: string, client: SignInClient): Promise<void> {
    const account = accountKey(email);
    const device = this.knownDevice(account, client.device);
    const waits = [
      await this.perIp.get(client.ip),
      await this.perClient.get(clientKey(account, client, device)),
      device ? null : await this.accountDelay.get(account),
    ];
    const limits = [FAILURES_PER_IP, FAILURES_PER_CLIENT, 1];
    let retryAfterMs = 0;
    waits.forEach((res, index) => {
      if (res && res.consumedPoints >= limits[index]) retryAfterMs = Math.max(retryAfterMs, res.msBeforeNext);
    });
    if (retryAfterMs > 0) throw new TooManyAttemptsProblem(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  async failed(email: string, client: SignInClient): Promise<void> {
    const account = accountKey(email);
    const device = this.knownDevice(account, client.device);
    await this.perIp.penalty(client.ip);
    await this.perClient.penalty(clientKey(account, client, device));
    const failures = (await this.perAccount.penalty(account)).consumedPoints;
    if (failures >= FREE_FAILURES_PER_ACCOUNT) {
      await this.accountDelay.block(account, Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES_PER_ACCOUNT)));
    }
  }

  /** The value of a device cookie that marks this browser as one the account's owner signed in with. */
  deviceCookie(email: string): string {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.sign(accountKey(email), id).toString('base64url')}`;
  }

  private knownDevice(account: string, cookie: string | undefined): string | undefined {
    const [id, mac, extra] = (cookie ?? '').split('.');
    if (!id || !mac || extra !== undefined) return undefined;
    const expected = this.sign(account, id);
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  private sign(account: string, id: string): Buffer {
    return createHmac('sha256', this.config.secret).update(`device:${account}:${id}`).digest();
  }
}

/** Hashed, so counters never hold e-mail addresses in clear. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

function clientKey(account: string, client: SignInClient, device: string | undefined): string {
  return device ? `${account}:device:${device}` : `${account}:ip:${client.ip}`;
}
