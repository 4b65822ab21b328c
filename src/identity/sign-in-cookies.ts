import type { Request, Response } from 'express';
import { newToken } from './tokens.js';
import type { SignInClient } from './sign-in-throttle.js';

/** Binds sign-in links to the browser that asked for them. */
export const LINK_NONCE_COOKIE = 'wb_link_nonce';
/** Marks a browser that signed in to an account with its password before (see SignInThrottle). */
export const DEVICE_COOKIE = 'wb_device';

const DEVICE_COOKIE_DAYS = 180;

/** A fresh nonce for a link request, set as the browser's cookie. */
export function browserNonce(response: Response, secure: boolean, maxAgeMs: number): string {
  const nonce = newToken();
  response.cookie(LINK_NONCE_COOKIE, nonce, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
  return nonce;
}

export function signInClient(request: Request): SignInClient {
  const device = request.cookies?.[DEVICE_COOKIE];
  return { ip: request.ip ?? 'unknown', device: typeof device === 'string' ? device : undefined };
}

export function setDeviceCookie(response: Response, value: string | undefined, secure: boolean): void {
  if (!value) return;
  response.cookie(DEVICE_COOKIE, value, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: DEVICE_COOKIE_DAYS * 86_400_000 });
}
