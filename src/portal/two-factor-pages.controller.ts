import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy } from '../platform/auth/policy.decorator.js';
import { InvalidInputException } from '../platform/http/problem.js';
import { AuthService } from '../identity/auth.service.js';
import { TotpCodeDto } from '../identity/dto/auth.dto.js';
import { ROLE_HOME } from './auth-pages.controller.js';
import { type FormBody, parseForm } from './form.js';
import { type FormErrors, PortalContext } from './portal-context.js';
import { PortalController } from './portal-controller.decorator.js';
import './two-factor.i18n.js';

/** The path an admin without the second factor is sent to, from sign-in and from any admin page. */
export const TWO_FACTOR_PATH = '/portal/two-factor';

const WHO = { roles: ['admin', 'team_lead', 'jobcoach', 'employer_user', 'funder'] as Actor['role'][], withoutSecondFactor: true };

/**
 * Two-factor sign-in set up in the portal, over the same use cases as the API
 * (POST /v1/me/totp and /v1/me/totp/confirmations): a QR code and the secret
 * as text, a first code from the app, then the recovery codes, shown once.
 */
@PortalController()
export class TwoFactorPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly auth: AuthService,
  ) {}

  @Get('portal/two-factor')
  @Policy(WHO)
  async page(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.render(actor, request, response);
  }

  @Post('portal/two-factor/confirmation')
  @Policy(WHO)
  async confirm(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const code = typeof body.code === 'string' ? body.code.replace(/\s/g, '') : body.code;
    const { value } = await parseForm(TotpCodeDto, { code });
    if (!value) return this.render(actor, request, response, this.codeError(request, 'twoFactor.error.format'), 400);
    try {
      await this.auth.confirmTotp(actor, value.code);
    } catch (error) {
      if (!(error instanceof InvalidInputException)) throw error;
      return this.render(actor, request, response, this.codeError(request, 'twoFactor.error.wrong'), 422);
    }
    response.redirect(303, `${TWO_FACTOR_PATH}/recovery-codes`);
  }

  /** The codes made with the confirmation, shown this once; later visits go back to the overview. */
  @Get('portal/two-factor/recovery-codes')
  // Not for an admin session without the second factor (one started before it was turned on).
  @Policy({ roles: WHO.roles })
  async recoveryCodes(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const codes = await this.auth.revealRecoveryCodes(actor);
    if (codes.length === 0) return response.redirect(303, TWO_FACTOR_PATH);
    this.portal.send(request, response, 'two-factor-codes', {
      title: this.portal.t(request, 'twoFactor.codes.title'),
      codes,
      home: ROLE_HOME[actor.role],
    });
  }

  @Post('portal/two-factor/recovery-codes')
  @Policy({ roles: WHO.roles })
  async newRecoveryCodes(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    await this.auth.newRecoveryCodes(actor, { showLater: true });
    response.redirect(303, `${TWO_FACTOR_PATH}/recovery-codes`);
  }

  private codeError(request: Request, key: string): FormErrors {
    const message = this.portal.t(request, key);
    return { list: [{ field: 'code', message }], byField: { code: message } };
  }

  private async render(actor: Actor, request: Request, response: Response, errors?: FormErrors, status = 200): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const state = await this.auth.twoFactorStatus(actor);
    if (state.enabled) {
      return this.portal.send(request, response, 'two-factor', {
        title: t('twoFactor.title'),
        enabled: true,
        codesLeft: t('twoFactor.codesLeft', { count: state.recoveryCodesLeft }),
        home: ROLE_HOME[actor.role],
      });
    }
    const enrolment = await this.auth.pendingTotpEnrolment(actor);
    if (!enrolment) return response.redirect(303, TWO_FACTOR_PATH);
    const qrSvg = await QRCode.toString(enrolment.otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    this.portal.send(
      request,
      response,
      'two-factor',
      {
        title: t('twoFactor.title'),
        // Without the second factor an admin can open no other page: no menu that only leads to refusals.
        withoutNav: actor.role === 'admin',
        adminNeeded: actor.role === 'admin',
        qrSvg,
        secret: enrolment.secret.replace(/(.{4})(?=.)/g, '$1 '),
        errors,
      },
      status,
    );
  }
}
