import type { Request } from 'express';

/**
 * Whether a browser's Origin (or, without it, Referer) names this service:
 * the configured public URL or the host the request came to. Browsers send
 * Origin on every cross-site POST, so a foreign page posting a form (login
 * CSRF: signing the victim into the attacker's account) is recognised.
 * Clients that send neither header (scripts, the API) are not browsers and
 * are let through; they cannot ride on a victim's cookies.
 */
export function fromOwnOrigin(request: Request, publicUrl: string): boolean {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = origin ?? (referer ? originOf(referer) : undefined);
  if (origin === undefined && referer === undefined) return true;
  if (!claimed || claimed === 'null') return false;
  const own = new Set([originOf(publicUrl), originOf(`${request.protocol}://${request.headers.host ?? ''}`)]);
  return own.has(claimed);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
