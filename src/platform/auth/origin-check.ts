import type { Request } from 'express';

/**
 * Whether a browser's request comes from this service's own pages: by its
 * Sec-Fetch-Site header, else by its Origin (or, without it, Referer), which must name
 * the configured public URL or the host the request came to. Browsers send
 * Origin on every cross-site POST, so a foreign page posting a form (login
 * CSRF: signing the victim into the attacker's account) is recognised.
 * Clients that send neither header (scripts, the API) are not browsers and
 * are let through, since they cannot ride on a victim's cookies, unless
 * `headerless` says to refuse them (the queue dashboard takes changes only
 * from its own pages).
 */
export function fromOwnOrigin(request: Request, publicUrl: string, headerless: 'allow' | 'refuse' = 'allow'): boolean {
  // Browsers that send Fetch metadata say it outright; a page cannot forge this header.
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return true;
  if (site === 'cross-site') return false;
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const claimed = origin ?? (referer ? originOf(referer) : undefined);
  if (origin === undefined && referer === undefined) return headerless === 'allow';
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
