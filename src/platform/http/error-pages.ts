import { type ExceptionFilter, Global, Injectable, Module } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Where errors outside any route (an unknown address, a body that cannot be
 * parsed) become pages instead of problem+json: a feature that serves pages
 * under a path registers its page filter here, and the global filter hands
 * such errors on. The platform so renders pages without knowing the portal.
 */
@Injectable()
export class ErrorPages {
  private readonly renderers: Array<{ prefix: string; filter: ExceptionFilter }> = [];
  private browserFallback?: { filter: ExceptionFilter; except: string[] };

  register(prefix: string, filter: ExceptionFilter): void {
    this.renderers.push({ prefix, filter });
  }

  /** Pages for a browser (it asks for HTML first) at any other address, except under these API prefixes. */
  registerBrowserFallback(filter: ExceptionFilter, except: string[]): void {
    this.browserFallback = { filter, except };
  }

  for(request: Pick<Request, 'path' | 'accepts'>): ExceptionFilter | undefined {
    const path = request.path;
    const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
    const registered = this.renderers.find(({ prefix }) => under(prefix))?.filter;
    if (registered || !this.browserFallback || this.browserFallback.except.some(under)) return registered;
    return request.accepts(['json', 'html']) === 'html' ? this.browserFallback.filter : undefined;
  }
}

@Global()
@Module({ providers: [ErrorPages], exports: [ErrorPages] })
export class ErrorPagesModule {}
