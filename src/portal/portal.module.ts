import { type ArgumentsHost, Global, Module, NotFoundException, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { ErrorPages } from '../platform/http/error-pages.js';
import { buildProblem, sendProblem } from '../platform/http/problem-response.js';
import { AccessibilityPageController } from './accessibility-page.controller.js';
import { OidcModule } from '../identity/oidc/oidc.module.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { OidcPagesController } from './oidc-pages.controller.js';
import { PortalContext } from './portal-context.js';
import { PortalExceptionFilter } from './portal-exception.filter.js';
import { PortalRenderer } from './portal-renderer.js';
import { TwoFactorPagesController } from './two-factor-pages.controller.js';

/** The web portal's shared parts; each role's pages live in their own module beside it. */
@Global()
@Module({
  imports: [OidcModule],
  controllers: [AuthPagesController, AccessibilityPageController, TwoFactorPagesController, OidcPagesController],
  providers: [PortalRenderer, PortalContext, PortalExceptionFilter],
  exports: [PortalRenderer, PortalContext, PortalExceptionFilter],
})
export class PortalModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly errorPages: ErrorPages,
    private readonly pageErrors: PortalExceptionFilter,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** An unknown address under /portal, or a form the server cannot read, answers with a page too. */
  onModuleInit(): void {
    this.errorPages.register('/portal', this.pageErrors);
    this.errorPages.register('/toegankelijkheid', this.pageErrors);
    // A browser that opens any other unknown address (not the API) gets the same Dutch page, not "Cannot GET".
    this.errorPages.registerBrowserFallback(this.pageErrors, ['/v1', '/health']);
  }

  /**
   * Nest answers unknown addresses only under /v1 and the unversioned routes; anything else fell
   * through to Express' English "Cannot GET". Mounted after every route: a browser gets the page, others problem+json.
   */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getInstance<{ use?: (handler: unknown) => void }>();
    if (typeof server?.use !== 'function') return;
    server.use((request: Request, response: Response, next: NextFunction) => {
      if (response.headersSent) return next();
      const filter = this.errorPages.for(request);
      if (!filter) return sendProblem(response, buildProblem(404, 'not-found', 'No resource exists at this address.', request.path));
      const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
      filter.catch(new NotFoundException(), host);
    });
  }
}
