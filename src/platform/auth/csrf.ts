import type { Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { SESSION_COOKIE } from './session-cookie.js';

export interface CsrfProtection {
  token(request: Request, response: Response): string;
  valid(request: Request): boolean;
}

/**
 * Double-submit CSRF tokens bound to the session: a cookie plus a header
 * (X-CSRF-Token) or form field (_csrf) that a foreign site cannot read.
 */
export function createCsrfProtection(secret: string, secure: boolean): CsrfProtection {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (request) => (request.cookies?.[SESSION_COOKIE] as string | undefined) ?? '',
    cookieName: secure ? '__Host-wb.csrf' : 'wb.csrf',
    cookieOptions: { sameSite: 'lax', secure, path: '/', httpOnly: true },
    getCsrfTokenFromRequest: (request) =>
      (request.headers['x-csrf-token'] as string | undefined) ??
      ((request.body as Record<string, unknown> | undefined)?._csrf as string | undefined),
  });
  return {
    token: (request, response) => generateCsrfToken(request, response, { overwrite: true }),
    valid: (request) => validateRequest(request),
  };
}
