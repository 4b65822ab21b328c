import type { Response } from 'express';

export const SESSION_COOKIE = 'wb_session';

export function setSessionCookie(response: Response, token: string, secure: boolean, maxAgeMs: number): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
