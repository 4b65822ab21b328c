import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HandoverService } from '../aftercare/handover.service.js';
import { Public } from '../platform/auth/policy.decorator.js';
import { ProblemException } from '../platform/http/problem.js';
import { RateLimit } from '../platform/http/rate-limit/rate-limit.decorator.js';
import { type FormBody, formField } from './form.js';
import { PortalContext } from './portal-context.js';
import { PortalController } from './portal-controller.decorator.js';
import { registerMessages } from './i18n.js';

registerMessages({
  nl: {
    'handoverConfirm.title': 'Afspraken bevestigen',
    'handoverConfirm.intro': 'Dit zijn de afspraken uit het overdrachtsgesprek. Kloppen ze? Dan bevestigt u ze met de knop onderaan.',
    'handoverConfirm.submit': 'Ik bevestig deze afspraken',
    'handoverConfirm.done': 'Dank u wel. U heeft de afspraken bevestigd.',
    'handoverConfirm.agreements': 'Afspraken',
    'handoverConfirm.notApplicable': 'Niet van toepassing',
  },
  en: {
    'handoverConfirm.title': 'Confirm the agreements',
    'handoverConfirm.intro': 'These are the agreements from the handover meeting. Are they right? Then confirm them with the button below.',
    'handoverConfirm.submit': 'I confirm these agreements',
    'handoverConfirm.done': 'Thank you. You have confirmed the agreements.',
    'handoverConfirm.agreements': 'Agreements',
    'handoverConfirm.notApplicable': 'Not applicable',
  },
});

/** The employer's contact person confirms the handover checklist from the mail link, with or without an account. */
@PortalController('portal/handover-confirmation')
export class HandoverConfirmationController {
  constructor(
    private readonly portal: PortalContext,
    private readonly handovers: HandoverService,
  ) {}

  @Get()
  @Public()
  async page(@Req() request: Request, @Res() response: Response, @Query('token') token = ''): Promise<void> {
    const folder = await this.handovers.confirmationPage(token).catch((error: unknown) => {
      if (error instanceof ProblemException && error.getStatus() === 410) return null;
      throw error;
    });
    if (!folder) {
      return this.portal.send(
        request,
        response,
        'handover-confirmation',
        { title: this.portal.t(request, 'handoverConfirm.title'), expired: true },
        410,
      );
    }
    this.portal.send(request, response, 'handover-confirmation', { title: this.portal.t(request, 'handoverConfirm.title'), token, folder });
  }

  @Post()
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  async confirm(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const token = formField(body, 'token') ?? '';
    try {
      await this.handovers.confirmByLink(token);
      this.portal.send(request, response, 'handover-confirmation', { title: this.portal.t(request, 'handoverConfirm.title'), done: true });
    } catch (error) {
      if (!(error instanceof ProblemException) || error.getStatus() >= 500) throw error;
      this.portal.send(
        request,
        response,
        'handover-confirmation',
        { title: this.portal.t(request, 'handoverConfirm.title'), expired: true, message: error.message },
        error.getStatus(),
      );
    }
  }
}
