import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../platform/config/app.config.js';

/**
 * The pages that show one help request, for mails: the requester's own page
 * (portal/help) and the caseworkers' page (coach portal). Both need sign-in;
 * the sign-in page brings the reader back to the link.
 */
@Injectable()
export class HelpRequestLinks {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  /** For the participant or employer user who asked. */
  forRequester(helpRequestId: string): string {
    return `${this.app.publicUrl}/portal/help/requests/${helpRequestId}`;
  }

  /** For the coach or team lead who handles it. */
  forStaff(helpRequestId: string): string {
    return `${this.app.publicUrl}/portal/help-requests/${helpRequestId}`;
  }
}
