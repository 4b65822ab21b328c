import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { AuthGuard } from '../platform/auth/auth.guard.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, Public } from '../platform/auth/policy.decorator.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../platform/auth/session-cookie.js';
import { RateLimit } from '../platform/http/rate-limit/rate-limit.decorator.js';
import { identityConfig } from '../platform/config/identity.config.js';
import { AuthService, type SignedIn } from './auth.service.js';
import {
  AcceptedDto,
  CreateSessionDto,
  CsrfTokenDto,
  EmailDto,
  InvitationRedemptionDto,
  MagicLinkRedemptionDto,
  PasswordResetRedemptionDto,
  SessionDto,
} from './dto/auth.dto.js';
import { SessionService } from './session.service.js';
import { TooManyAttemptsProblem } from './sign-in-throttle.js';
import { browserNonce, LINK_NONCE_COOKIE, setDeviceCookie, signInClient } from './sign-in-cookies.js';

const ACCEPTED: AcceptedDto = { message: 'If this address is known, a message is on its way.' };

@ApiTags('authentication')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly guard: AuthGuard,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  @Post('sessions')
  @Public()
  @ApiOperation({
    operationId: 'createSession',
    summary: 'Sign in with e-mail and password (and the authenticator code when two-factor is on)',
  })
  @ApiCreatedResponse({ type: SessionDto })
  async signIn(
    @Body() body: CreateSessionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const signedIn = await this.auth
      .signInWithPassword(body.email, body.password, body.totpCode, body.organisation, signInClient(request))
      .catch((error: unknown) => {
        if (error instanceof TooManyAttemptsProblem) response.setHeader('Retry-After', String(error.retryAfterSeconds));
        throw error;
      });
    setDeviceCookie(response, signedIn.device, this.config.cookieSecure);
    return this.answerSession(signedIn, request, response);
  }

  @Get('csrf-token')
  @Policy({ withoutSecondFactor: true })
  @ApiOperation({ operationId: 'getCsrfToken', summary: 'A CSRF token for changes made through the cookie session' })
  @ApiOkResponse({ type: CsrfTokenDto })
  csrfToken(@Req() request: Request): CsrfTokenDto {
    return { csrfToken: this.guard.csrfProtection.token(request) };
  }

  @Delete('sessions/current')
  @HttpCode(204)
  @Policy({ withoutSecondFactor: true })
  @ApiOperation({ operationId: 'deleteCurrentSession', summary: 'Sign out' })
  @ApiNoContentResponse()
  async signOut(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
    clearSessionCookie(response, this.config.cookieSecure);
  }

  @Delete('sessions')
  @HttpCode(204)
  @Policy({ withoutSecondFactor: true })
  @ApiOperation({ operationId: 'deleteAllSessions', summary: 'Sign out everywhere: ends every session of this person' })
  @ApiNoContentResponse()
  async signOutEverywhere(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.revokeAllForUser(actor.userId);
    clearSessionCookie(response, this.config.cookieSecure);
  }

  @Post('magic-links')
  @HttpCode(202)
  @Public()
  @RateLimit({ name: 'magic-link', points: 5, durationSeconds: 15 * 60, by: { bodyField: 'email' } })
  @ApiOperation({ operationId: 'createMagicLink', summary: 'Mail a single-use sign-in link; it only works in this browser' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async requestMagicLink(
    @Body() body: EmailDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedDto> {
    const nonce = browserNonce(response, this.config.cookieSecure, this.config.magicLinkMinutes * 60_000);
    await this.auth.requestMagicLink(body.email, nonce);
    return ACCEPTED;
  }

  @Post('magic-links/redemptions')
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  @ApiOperation({
    operationId: 'redeemMagicLink',
    summary: 'Sign in with the token from a sign-in link: in the browser that asked for it, or elsewhere with the code shown there',
  })
  @ApiCreatedResponse({ type: SessionDto })
  async redeemMagicLink(
    @Body() body: MagicLinkRedemptionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const signedIn = await this.auth.redeemMagicLink(
      body.token,
      request.cookies?.[LINK_NONCE_COOKIE] as string | undefined,
      body.totpCode,
      body.browserCode,
    );
    response.clearCookie(LINK_NONCE_COOKIE, { path: '/' });
    return this.answerSession(signedIn, request, response);
  }

  @Post('password-resets')
  @HttpCode(202)
  @Public()
  @RateLimit({ name: 'password-reset', points: 5, durationSeconds: 15 * 60, by: { bodyField: 'email' } })
  @ApiOperation({ operationId: 'createPasswordReset', summary: 'Mail a link to choose a new password' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async requestPasswordReset(@Body() body: EmailDto): Promise<AcceptedDto> {
    await this.auth.requestPasswordReset(body.email);
    return ACCEPTED;
  }

  @Post('password-resets/redemptions')
  @HttpCode(204)
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  @ApiOperation({ operationId: 'redeemPasswordReset', summary: 'Set a new password with the token from the reset mail; ends all sessions' })
  @ApiNoContentResponse()
  async resetPassword(@Body() body: PasswordResetRedemptionDto): Promise<void> {
    await this.auth.resetPassword(body.token, body.password);
  }

  @Post('invitations/redemptions')
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  @ApiOperation({
    operationId: 'redeemInvitation',
    summary: 'Set up the invited account (with a password, except for participants) and sign in',
  })
  @ApiCreatedResponse({ type: SessionDto })
  async acceptInvitation(
    @Body() body: InvitationRedemptionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    const signedIn = await this.auth.acceptInvitation(body.token, body.password);
    return this.answerSession(signedIn, request, response);
  }

  private answerSession(signedIn: SignedIn, request: Request, response: Response): SessionDto {
    setSessionCookie(response, signedIn.token, this.config.cookieSecure, this.config.sessionAbsoluteHours * 3_600_000);
    // The CSRF token is bound to the new session, which the request does not carry yet.
    request.cookies = { ...request.cookies, [SESSION_COOKIE]: signedIn.token };
    return {
      token: signedIn.token,
      expiresAt: signedIn.expiresAt.toISOString(),
      csrfToken: this.guard.csrfProtection.token(request),
      role: signedIn.role,
      secondFactorRequired: signedIn.secondFactorRequired,
    };
  }
}
