import { Get, Inject, Req, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import { appConfig } from '../platform/config/app.config.js';
import { Public } from '../platform/auth/policy.decorator.js';
import { PortalContext } from './portal-context.js';
import { PortalController } from './portal-controller.decorator.js';

/** The accessibility statement (toegankelijkheidsverklaring), public and linked from every page's footer. */
@PortalController()
export class AccessibilityPageController {
  constructor(
    private readonly portal: PortalContext,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @Get('toegankelijkheid')
  @Public()
  statement(@Req() request: Request, @Res() response: Response): void {
    this.portal.send(request, response, 'public/accessibility', {
      title: this.portal.t(request, 'accessibility.title'),
      publicUrl: this.config.publicUrl,
    });
  }
}
