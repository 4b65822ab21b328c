import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { ErrorPages } from '../platform/http/error-pages.js';
import { AccessibilityPageController } from './accessibility-page.controller.js';
import { OidcModule } from '../identity/oidc/oidc.module.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { OidcPagesController } from './oidc-pages.controller.js';
import { PortalContext } from './portal-context.js';
import { PortalExceptionFilter } from './portal-exception.filter.js';
import { PortalRenderer } from './portal-renderer.js';

/** The web portal's shared parts; each role's pages live in their own module beside it. */
@Global()
@Module({
  imports: [OidcModule],
  controllers: [AuthPagesController, AccessibilityPageController, OidcPagesController],
  providers: [PortalRenderer, PortalContext, PortalExceptionFilter],
  exports: [PortalRenderer, PortalContext, PortalExceptionFilter],
})
export class PortalModule implements OnModuleInit {
  constructor(
    private readonly errorPages: ErrorPages,
    private readonly pageErrors: PortalExceptionFilter,
  ) {}

  /** An unknown address under /portal, or a form the server cannot read, answers with a page too. */
  onModuleInit(): void {
    this.errorPages.register('/portal', this.pageErrors);
    this.errorPages.register('/toegankelijkheid', this.pageErrors);
  }
}
