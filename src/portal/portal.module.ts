import { Global, Module } from '@nestjs/common';
import { AccessibilityPageController } from './accessibility-page.controller.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { PortalContext } from './portal-context.js';
import { PortalExceptionFilter } from './portal-exception.filter.js';
import { PortalRenderer } from './portal-renderer.js';

/** The web portal's shared parts; each role's pages live in their own module beside it. */
@Global()
@Module({
  controllers: [AuthPagesController, AccessibilityPageController],
  providers: [PortalRenderer, PortalContext, PortalExceptionFilter],
  exports: [PortalRenderer, PortalContext, PortalExceptionFilter],
})
export class PortalModule {}
