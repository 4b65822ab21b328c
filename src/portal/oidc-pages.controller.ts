import { Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../platform/auth/assurance.js';
import { ACTOR_KEY } from '../platform/auth/current-actor.decorator.js';
import { Policy, Public } from '../platform/auth/policy.decorator.js';
import { setSessionCookie } from '../platform/auth/session-cookie.js';
import { appConfig } from '../platform/config/app.config.js';
import { identityConfig } from '../platform/config/identity.config.js';
import { ProblemException } from '../platform/http/problem.js';
import { SessionService } from '../identity/session.service.js';
import { OIDC_CALLBACK_PATH, type OidcPurpose, OidcService, OidcSignInFailed } from '../identity/oidc/oidc.service.js';
import { ROLE_HOME, safeNext } from './auth-pages.controller.js';
import { PortalContext } from './portal-context.js';
import { PortalController } from './portal-controller.decorator.js';
import './oidc.i18n.js';

/** Carries the started sign-in (encrypted) from the start to the broker's answer; bound to this browser. */
const PENDING_COOKIE = 'wb_oidc';
const BROKER_ROLES = ['participant', 'employer_user'] as const;

function actorOf(request: Request): Actor | undefined {
  return (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
}

/** Sign-in through DigiD or eHerkenning (an OpenID Connect broker), the account page with linked methods, and step-up. */
@PortalController()
export class OidcPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly oidc: OidcService,
    private readonly sessions: SessionService,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @Get('portal/oidc/:providerId/sign-in')
  @Public()
  async signIn(
    @Req() request: Request,
    @Res() response: Response,
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Query('next') next?: string,
  ): Promise<void> {
    await this.redirectToBroker(request, response, providerId, 'sign-in', { next: safeNext(next) });
  }

  @Get('portal/oidc/:providerId/invitation')
  @Public()
  async invitation(
    @Req() request: Request,
    @Res() response: Response,
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Query('token') token = '',
  ): Promise<void> {
    await this.redirectToBroker(request, response, providerId, 'invitation', { invitationToken: token });
  }

  // Link and step-up start with a link, not a form: the page's form-action policy would stop a form's
  // redirect to the broker. Nothing changes until the broker's answer comes back to the browser and
  // session that started it (state, nonce and session id in the encrypted cookie).
  @Get('portal/oidc/:providerId/link')
  @Policy({ roles: BROKER_ROLES })
  async link(@Req() request: Request, @Res() response: Response, @Param('providerId', ParseUUIDPipe) providerId: string): Promise<void> {
    await this.redirectToBroker(request, response, providerId, 'link', { actor: actorOf(request) });
  }

  @Get('portal/oidc/:providerId/step-up')
  @Policy({ roles: BROKER_ROLES })
  async stepUp(
    @Req() request: Request,
    @Res() response: Response,
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Query('level') level?: string,
    @Query('next') next?: string,
  ): Promise<void> {
    await this.redirectToBroker(request, response, providerId, 'step-up', {
      actor: actorOf(request),
      level: levelOf(level),
      next: safeNext(next),
    });
  }

  /** After signing out of a broker session: the sign-out at the broker, one click away. */
  @Get('portal/oidc/signed-out')
  @Public()
  async signedOut(@Req() request: Request, @Res() response: Response, @Query('provider') provider?: string): Promise<void> {
    const broker = typeof provider === 'string' && isUUID(provider) ? await this.oidc.brokerSignOut(provider) : undefined;
    if (!broker) return response.redirect(303, '/portal/sign-in');
    this.portal.send(request, response, 'oidc-signed-out', { title: this.portal.t(request, 'signedOut.title'), broker });
  }

  /** The broker sends the browser back here with a code (or an error). */
  @Get(OIDC_CALLBACK_PATH.slice(1))
  @Public()
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const pending = request.cookies?.[PENDING_COOKIE] as string | undefined;
    response.clearCookie(PENDING_COOKIE, { path: '/portal/oidc' });
    const actor = actorOf(request);
    try {
      const outcome = await this.oidc.finish(pending, new URL(request.originalUrl, this.app.publicUrl), actor);
      if ('linked' in outcome) return response.redirect(303, '/portal/account?done=linked');
      // A step-up replaces the session it started from.
      if (outcome.purpose === 'step-up' && actor) await this.sessions.revoke(actor.sessionId);
      setSessionCookie(response, outcome.token, this.config.cookieSecure, this.config.sessionAbsoluteHours * 3_600_000);
      response.redirect(303, outcome.next ?? ROLE_HOME[outcome.role]);
    } catch (error) {
      if (!(error instanceof OidcSignInFailed)) throw error;
      this.refused(request, response, error);
    }
  }

  @Get('portal/account')
  @Policy({ roles: BROKER_ROLES })
  async account(@Req() request: Request, @Res() response: Response, @Query('done') done?: string): Promise<void> {
    const actor = actorOf(request)!;
    const methods = await this.oidc.methods(actor);
    this.portal.send(request, response, 'account', {
      title: this.portal.t(request, 'account.title'),
      ...methods,
      participant: actor.role === 'participant',
      done: done === 'linked' ? 'account.linked' : done === 'unlinked' ? 'account.unlinked' : undefined,
    });
  }

  @Post('portal/account/sign-in-methods/:identityId/unlink')
  @Policy({ roles: BROKER_ROLES })
  async unlink(@Req() request: Request, @Res() response: Response, @Param('identityId', ParseUUIDPipe) identityId: string): Promise<void> {
    const actor = actorOf(request)!;
    try {
      await this.oidc.unlink(actor, identityId);
      response.redirect(303, '/portal/account?done=unlinked');
    } catch (error) {
      if (!(error instanceof ProblemException) || error.slug !== 'last-sign-in-method') throw error;
      const methods = await this.oidc.methods(actor);
      const message = this.portal.t(request, 'account.lastMethod');
      this.portal.send(
        request,
        response,
        'account',
        {
          title: this.portal.t(request, 'account.title'),
          ...methods,
          participant: actor.role === 'participant',
          errors: { list: [{ field: `unlink-${identityId}`, message }], byField: {} },
        },
        409,
      );
    }
  }

  @Get('portal/step-up')
  @Policy({ roles: BROKER_ROLES })
  async stepUpPage(
    @Req() request: Request,
    @Res() response: Response,
    @Query('level') level?: string,
    @Query('next') next?: string,
  ): Promise<void> {
    const providers = await this.oidc.buttonsFor(actorOf(request)!);
    const query = `?level=${levelOf(level)}${safeNext(next) ? `&next=${encodeURIComponent(safeNext(next)!)}` : ''}`;
    this.portal.send(request, response, 'step-up', { title: this.portal.t(request, 'stepUp.title'), providers, query });
  }

  private async redirectToBroker(
    request: Request,
    response: Response,
    providerId: string,
    purpose: OidcPurpose,
    options: Parameters<OidcService['start']>[2],
  ): Promise<void> {
    try {
      const { url, pending } = await this.oidc.start(providerId, purpose, options);
      response.cookie(PENDING_COOKIE, pending, {
        httpOnly: true,
        secure: this.config.cookieSecure,
        sameSite: 'lax',
        path: '/portal/oidc',
        maxAge: 10 * 60_000,
      });
      response.redirect(303, url);
    } catch (error) {
      if (!(error instanceof OidcSignInFailed)) throw error;
      this.refused(request, response, error);
    }
  }

  private refused(request: Request, response: Response, error: OidcSignInFailed): void {
    const status = error.reason === 'unreachable' ? 503 : ['kvk', 'membership', 'assurance'].includes(error.reason) ? 403 : 401;
    this.portal.send(
      request,
      response,
      'oidc-failed',
      { title: this.portal.t(request, 'oidc.failed.title'), reason: this.portal.t(request, `oidc.failed.${error.reason}`) },
      status,
    );
  }
}

function levelOf(level: string | undefined): AssuranceLevel {
  return level && level in ASSURANCE_LEVELS ? (level as AssuranceLevel) : 'substantial';
}
