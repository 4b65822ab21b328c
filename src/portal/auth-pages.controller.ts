import { Body, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { ACTOR_KEY } from '../platform/auth/current-actor.decorator.js';
import { Policy, Public } from '../platform/auth/policy.decorator.js';
import { clearSessionCookie, setSessionCookie } from '../platform/auth/session-cookie.js';
import { ProblemException } from '../platform/http/problem.js';
import { RateLimit } from '../platform/http/rate-limit/rate-limit.decorator.js';
import { identityConfig } from '../platform/config/identity.config.js';
import {
  AuthService,
  BrowserCodeNeededProblem,
  SecondFactorNeededProblem,
  type SignedIn,
  WrongBrowserCodeProblem,
} from '../identity/auth.service.js';
import { CreateSessionDto, EmailDto, SECOND_FACTOR_PATTERN } from '../identity/dto/auth.dto.js';
import { OidcService } from '../identity/oidc/oidc.service.js';
import { browserNonce, LINK_NONCE_COOKIE, setDeviceCookie, signInClient } from '../identity/sign-in-cookies.js';
import { TooManyAttemptsProblem } from '../identity/sign-in-throttle.js';
import { mailConfig } from '../platform/config/mail.config.js';
import { outboxServed } from '../platform/mail/outbox-access.js';
import { type FormBody, formField, parseForm, problemParams } from './form.js';
import { formErrors, LANGUAGE_COOKIE, PortalContext } from './portal-context.js';
import { PortalController } from './portal-controller.decorator.js';

/** Where each role starts. */
export const ROLE_HOME: Record<Actor['role'], string> = {
  participant: '/portal/me',
  employer_user: '/portal/employer',
  jobcoach: '/portal/today',
  team_lead: '/portal/team',
  admin: '/portal/admin',
  funder: '/portal/reports',
};

/** The link-request nonce this browser holds, if any. */
function linkNonceOf(request: Request): string | undefined {
  const nonce = request.cookies?.[LINK_NONCE_COOKIE] as unknown;
  return typeof nonce === 'string' && nonce.length >= 20 ? nonce : undefined;
}

/** "482 913": two groups of three, easier to read and copy. */
function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/portal(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(next) ? next : undefined;
}

/** Sign-in, sign-in links, invitations and password resets as pages, over the same AuthService as the API. */
@PortalController()
export class AuthPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    @Inject(mailConfig.KEY) private readonly mailSettings: ConfigType<typeof mailConfig>,
  ) {}

  /** In the no-configuration start, where mail stays in the local outbox: where this browser finds its own mail. */
  private ownMailLink(): string | undefined {
    return outboxServed(this.mailSettings) ? '/outbox/mine' : undefined;
  }

  @Get()
  @Public()
  root(@Res() response: Response): void {
    response.redirect(302, '/portal');
  }

  @Get('portal')
  @Public()
  home(@Req() request: Request, @Res() response: Response): void {
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
    response.redirect(302, actor ? ROLE_HOME[actor.role] : '/portal/sign-in');
  }

  @Get('portal/sign-in')
  @Public()
  async signInPage(
    @Req() request: Request,
    @Res() response: Response,
    @Query('next') next?: string,
    @Query('organisation') organisation?: string,
  ): Promise<void> {
    // The organisation (by slug) decides which brokers (DigiD, eHerkenning) are offered above the other ways.
    const providers = await this.oidc.buttonsForOrganisation(typeof organisation === 'string' ? organisation : undefined);
    this.portal.send(request, response, 'sign-in', {
      title: this.portal.t(request, 'signIn.title'),
      next: safeNext(next),
      values: {},
      providers,
      providerQuery: safeNext(next) ? `?next=${encodeURIComponent(safeNext(next)!)}` : '',
    });
  }

  @Post('portal/sign-in')
  @Public()
  async signIn(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const labels = {
      email: this.portal.t(request, 'signIn.email'),
      password: this.portal.t(request, 'signIn.password'),
      totpCode: this.portal.t(request, 'signIn.totp'),
    };
    const { value, invalidParams } = await parseForm(CreateSessionDto, body);
    const again = (errors: ReturnType<typeof formErrors>, status: number) =>
      this.portal.send(
        request,
        response,
        'sign-in',
        { title: this.portal.t(request, 'signIn.title'), errors, values: { email: body.email }, next: safeNext(body.next) },
        status,
      );
    if (!value) return again(formErrors(invalidParams, labels, this.portal.locale(request)), 400);
    try {
      const signedIn = await this.auth.signInWithPassword(
        value.email,
        value.password,
        value.totpCode,
        value.organisation,
        signInClient(request),
      );
      setDeviceCookie(response, signedIn.device, this.config.cookieSecure);
      this.startSession(response, signedIn);
      response.redirect(303, signedIn.secondFactorRequired ? '/portal/two-factor' : (safeNext(body.next) ?? ROLE_HOME[signedIn.role]));
    } catch (error) {
      if (error instanceof TooManyAttemptsProblem) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        const reason = this.portal.t(request, 'signIn.tooMany', { seconds: error.retryAfterSeconds });
        return again(formErrors([{ name: 'email', reason }], labels, this.portal.locale(request)), 429);
      }
      if (error instanceof SecondFactorNeededProblem) {
        return again(sentenceAt('totpCode', this.portal.t(request, 'link.codeNeeded')), 401);
      }
      if (!(error instanceof ProblemException) || error.getStatus() !== 401) throw error;
      // Not said which of the three was wrong; the sentence stands on its own, without a field label before it.
      again(sentenceAt('email', this.portal.t(request, 'signIn.failed')), 401);
    }
  }

  @Post('portal/sign-in/link')
  @Public()
  @RateLimit({ name: 'magic-link', points: 5, durationSeconds: 15 * 60, by: { bodyField: 'linkEmail' } })
  async requestLink(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    // The form names its field linkEmail, beside the password form's email.
    const { value, invalidParams } = await parseForm(EmailDto, { email: body.linkEmail ?? body.email });
    if (!value) {
      const errors = formErrors(
        invalidParams.map((p) => ({ ...p, name: 'linkEmail' })),
        { linkEmail: this.portal.t(request, 'signIn.email') },
        this.portal.locale(request),
      );
      return this.portal.send(
        request,
        response,
        'sign-in',
        { title: this.portal.t(request, 'signIn.title'), errors, values: { linkEmail: body.linkEmail ?? body.email } },
        400,
      );
    }
    const nonce = browserNonce(response, this.config.cookieSecure, this.config.magicLinkMinutes * 60_000);
    await this.auth.requestMagicLink(value.email, nonce);
    response.redirect(303, '/portal/sign-in/link-sent');
  }

  /** After a link request: the code that makes the link work on another device (a phone's mail app), shown only here. */
  @Get('portal/sign-in/link-sent')
  @Public()
  linkSent(@Req() request: Request, @Res() response: Response): void {
    const nonce = linkNonceOf(request);
    // Only what is needed after asking for a link: the code, where the mail is, and how to ask again; no password form.
    this.portal.send(request, response, 'sign-in-link-sent', {
      title: this.portal.t(request, 'signIn.linkSent.title'),
      browserCode: nonce ? spacedCode(this.auth.browserCode(nonce)) : undefined,
      minutes: this.config.magicLinkMinutes,
      ownMail: this.ownMailLink(),
    });
  }

  @Get('portal/link')
  @Public()
  async linkPage(@Req() request: Request, @Res() response: Response, @Query('token') token = ''): Promise<void> {
    const title = this.portal.t(request, 'link.title');
    // A spent or expired link says so at once, not after a code was typed for nothing.
    if (!(await this.auth.isUsableMagicLink(token)))
      return this.portal.send(request, response, 'sign-in-link', { title, expired: true }, 410);
    // Without the asking browser's cookie the link needs the code shown there; with it, one button.
    this.portal.send(request, response, 'sign-in-link', { title, token, needsBrowserCode: !linkNonceOf(request) });
  }

  @Post('portal/link')
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  async redeemLink(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const token = formField(body, 'token') ?? '';
    const browserCode = formField(body, 'browserCode')?.replace(/\s/g, '') || undefined;
    const linkPage = (data: Record<string, unknown>, status: number) =>
      this.portal.send(request, response, 'sign-in-link', { title: this.portal.t(request, 'link.title'), token, ...data }, status);
    try {
      const totpCode = formField(body, 'totpCode')?.trim();
      const code = totpCode && SECOND_FACTOR_PATTERN.test(totpCode) ? totpCode : undefined;
      const signedIn = await this.auth.redeemMagicLink(token, linkNonceOf(request), code, browserCode);
      response.clearCookie(LINK_NONCE_COOKIE, { path: '/' });
      this.startSession(response, signedIn);
      response.redirect(303, signedIn.secondFactorRequired ? '/portal/two-factor' : ROLE_HOME[signedIn.role]);
    } catch (error) {
      if (error instanceof BrowserCodeNeededProblem || error instanceof WrongBrowserCodeProblem) {
        const reason =
          error instanceof WrongBrowserCodeProblem
            ? this.portal.t(request, 'link.browserCodeWrong', { count: error.attemptsLeft })
            : this.portal.t(request, 'link.browserCodeNeeded');
        const errors = formErrors(
          [{ name: 'browserCode', reason }],
          { browserCode: this.portal.t(request, 'link.browserCode') },
          this.portal.locale(request),
        );
        return linkPage({ needsBrowserCode: true, errors }, 401);
      }
      if (error instanceof SecondFactorNeededProblem) {
        const errors = formErrors(
          [{ name: 'totpCode', reason: this.portal.t(request, 'link.codeNeeded') }],
          { totpCode: this.portal.t(request, 'link.code') },
          this.portal.locale(request),
        );
        return linkPage({ needsCode: true, needsBrowserCode: !!browserCode, values: { browserCode }, errors }, 401);
      }
      if (!(error instanceof ProblemException)) throw error;
      linkPage({ expired: true, token: undefined }, 410);
    }
  }

  @Get('portal/invitation')
  @Public()
  async invitationPage(@Req() request: Request, @Res() response: Response, @Query('token') token = ''): Promise<void> {
    const role = await this.invitationRole(token);
    const providers = role ? await this.oidc.buttonsForInvitation(token) : [];
    this.portal.send(
      request,
      response,
      'invitation',
      {
        title: this.portal.t(request, 'invitation.title'),
        token,
        role,
        needsPassword: role !== 'participant',
        expired: !role,
        providers,
        providerQuery: `?token=${encodeURIComponent(token)}`,
      },
      role ? 200 : 410,
    );
  }

  @Post('portal/invitation')
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  async acceptInvitation(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const token = formField(body, 'token') ?? '';
    const password = formField(body, 'password') || undefined;
    try {
      const signedIn = await this.auth.acceptInvitation(token, password);
      this.startSession(response, signedIn);
      response.redirect(303, ROLE_HOME[signedIn.role]);
    } catch (error) {
      const params = problemParams(error);
      if (!params) {
        if (error instanceof ProblemException && error.getStatus() === 410) {
          return this.portal.send(
            request,
            response,
            'invitation',
            { title: this.portal.t(request, 'invitation.title'), expired: true },
            410,
          );
        }
        throw error;
      }
      const role = await this.invitationRole(token);
      const errors = formErrors(params, { password: this.portal.t(request, 'signIn.password') }, this.portal.locale(request));
      this.portal.send(
        request,
        response,
        'invitation',
        { title: this.portal.t(request, 'invitation.title'), token, role, needsPassword: role !== 'participant', errors },
        400,
      );
    }
  }

  @Get('portal/password-reset')
  @Public()
  resetRequestPage(@Req() request: Request, @Res() response: Response): void {
    this.portal.send(request, response, 'password-reset-request', { title: this.portal.t(request, 'reset.title'), values: {} });
  }

  @Post('portal/password-reset')
  @Public()
  @RateLimit({ name: 'password-reset', points: 5, durationSeconds: 15 * 60, by: { bodyField: 'email' } })
  async requestReset(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const { value, invalidParams } = await parseForm(EmailDto, body);
    if (!value) {
      const errors = formErrors(invalidParams, { email: this.portal.t(request, 'signIn.email') }, this.portal.locale(request));
      return this.portal.send(
        request,
        response,
        'password-reset-request',
        { title: this.portal.t(request, 'reset.title'), errors, values: { email: body.email } },
        400,
      );
    }
    await this.auth.requestPasswordReset(value.email);
    this.portal.send(request, response, 'password-reset-request', { title: this.portal.t(request, 'reset.title'), sent: true, values: {} });
  }

  @Get('portal/new-password')
  @Public()
  resetPage(@Req() request: Request, @Res() response: Response, @Query('token') token = ''): void {
    this.portal.send(request, response, 'password-reset', { title: this.portal.t(request, 'reset.title'), token });
  }

  @Post('portal/new-password')
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  async reset(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const token = formField(body, 'token') ?? '';
    const password = formField(body, 'password') ?? '';
    try {
      await this.auth.resetPassword(token, password);
      this.portal.send(request, response, 'password-reset', { title: this.portal.t(request, 'reset.title'), done: true });
    } catch (error) {
      const params = problemParams(error);
      if (!params) {
        if (error instanceof ProblemException && error.getStatus() === 410)
          return this.portal.send(
            request,
            response,
            'password-reset',
            { title: this.portal.t(request, 'reset.title'), expired: true },
            410,
          );
        throw error;
      }
      const errors = formErrors(params, { password: this.portal.t(request, 'signIn.password') }, this.portal.locale(request));
      this.portal.send(request, response, 'password-reset', { title: this.portal.t(request, 'reset.title'), token, errors }, 400);
    }
  }

  @Post('portal/language')
  @Public()
  @HttpCode(303)
  async language(@Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const locale = formField(body, 'locale') === 'en' ? 'en' : 'nl';
    response.cookie(LANGUAGE_COOKIE, locale, {
      httpOnly: true,
      secure: this.config.cookieSecure,
      sameSite: 'lax',
      path: '/',
      maxAge: 365 * 86_400_000,
    });
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
    if (actor) await this.auth.setLocale(actor.userId, locale);
    response.redirect(303, safeNext(body.next) ?? '/portal');
  }

  @Post('portal/sign-out')
  @Policy({ withoutSecondFactor: true })
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor;
    // After a DigiD or eHerkenning sign-in, a page offers the sign-out at the broker too (RP-initiated logout).
    const broker = await this.oidc.signOut(actor);
    clearSessionCookie(response, this.config.cookieSecure);
    response.redirect(303, broker ? `/portal/oidc/signed-out?provider=${broker}` : '/portal/sign-in');
  }

  private startSession(response: Response, signedIn: SignedIn): void {
    setSessionCookie(response, signedIn.token, this.config.cookieSecure, this.config.sessionAbsoluteHours * 3_600_000);
  }

  private invitationRole(token: string): Promise<Actor['role'] | undefined> {
    return this.auth.invitationRole(token);
  }
}

/** A whole sentence as the error of one field (the summary links to it). */
function sentenceAt(field: string, message: string): ReturnType<typeof formErrors> {
  return { list: [{ field, message }], byField: { [field]: message } };
}
