import { type ExceptionFilter, Global, Injectable, Module } from '@nestjs/common';

/**
 * Where errors outside any route (an unknown address, a body that cannot be
 * parsed) become pages instead of problem+json: a feature that serves pages
 * under a path registers its page filter here, and the global filter hands
 * such errors on. The platform so renders pages without knowing the portal.
 */
@Injectable()
export class ErrorPages {
  private readonly renderers: Array<{ prefix: string; filter: ExceptionFilter }> = [];

  register(prefix: string, filter: ExceptionFilter): void {
    this.renderers.push({ prefix, filter });
  }

  for(path: string): ExceptionFilter | undefined {
    return this.renderers.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.filter;
  }
}

@Global()
@Module({ providers: [ErrorPages], exports: [ErrorPages] })
export class ErrorPagesModule {}
