import type { Request } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_COOKIE } from './session-cookie.js';

export interface CsrfProtection {
  /** A new token for one form or one client; every token handed out stays valid for the whole session. */
  token(request: Request): string;
  valid(request: Request): boolean;
}

/**
 * CSRF tokens bound to the session: each session has its own secret (derived
 * from the server secret and the session cookie, which a foreign site cannot
 * read), and each token is a fresh nonce signed with it. Tokens are never
 * stored or replaced, so forms in several tabs all stay valid until the
 * session ends. Sent as X-CSRF-Token or as the form field _csrf.
 */
export function createCsrfProtection(secret: string): CsrfProtection {
  const sessionSecret = (request: Request): Buffer | undefined => {
    // The cookie and the bearer token of one session are the same token, so a token fetched either way fits both.
    const header = request.headers.authorization;
    const session =
      (request.cookies?.[SESSION_COOKIE] as string | undefined) ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
    return session ? createHmac('sha256', secret).update(`csrf-session:${session}`).digest() : undefined;
  };
  const sign = (key: Buffer, nonce: string) => createHmac('sha256', key).update(nonce).digest();
  return {
    token(request) {
      const key = sessionSecret(request);
      if (!key) throw new Error('A CSRF token needs a session');
      const nonce = randomBytes(18).toString('base64url');
      return `${nonce}.${sign(key, nonce).toString('base64url')}`;
    },
    valid(request) {
      const key = sessionSecret(request);
      const given =
        (request.headers['x-csrf-token'] as string | undefined) ??
        ((request.body as Record<string, unknown> | undefined)?._csrf as string | undefined);
      if (!key || typeof given !== 'string') return false;
      const [nonce, mac, extra] = given.split('.');
      if (!nonce || !mac || extra !== undefined) return false;
      const expected = sign(key, nonce);
      const actual = Buffer.from(mac, 'base64url');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
