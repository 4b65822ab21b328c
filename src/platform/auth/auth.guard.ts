import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import { InvalidInputException, ProblemException } from '../http/problem.js';
import { requestContext } from '../http/request-context.js';
import { appConfig } from '../config/app.config.js';
import { identityConfig } from '../config/identity.config.js';
import { SessionService } from '../../identity/session.service.js';
import type { Actor } from './actor.js';
import { ASSURANCE_LEVELS, AssuranceTooLowProblem } from './assurance.js';
import { createCsrfProtection, type CsrfProtection } from './csrf.js';
import { ACTOR_KEY } from './current-actor.decorator.js';
import { fromOwnOrigin } from './origin-check.js';
import { PolicyService } from './policy.service.js';
import { ROUTE_POLICY, type RoutePolicy } from './policy.decorator.js';
import { SESSION_COOKIE } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class UnauthenticatedProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Sign in to use this.');
  }
}

export class ForbiddenProblem extends ProblemException {
  constructor(detail = 'Your role does not allow this.', slug = 'forbidden') {
    super(HttpStatus.FORBIDDEN, slug, detail);
  }
}

/**
 * Authentication, CSRF and the route's policy, for every route: the only
 * place where access is decided before a controller runs.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly csrf: CsrfProtection;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly policies: PolicyService,
    @Inject(identityConfig.KEY) config: ConfigType<typeof identityConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {
    this.csrf = createCsrfProtection(config.secret);
  }

  get csrfProtection(): CsrfProtection {
    return this.csrf;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new Error(`Route ${context.getClass().name}.${context.getHandler().name} has no access policy`);
    const request = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    // Before any session exists (sign-in, link and reset forms) no CSRF token can protect a form: the origin does.
    const bearer = request.headers.authorization?.startsWith('Bearer ') ?? false;
    if (!SAFE_METHODS.has(request.method) && !bearer && !fromOwnOrigin(request, this.app.publicUrl)) {
      throw new ForbiddenProblem('This form was sent from another website. Open Werkbrug itself and try again.', 'cross-site-request');
    }
    const actor = await this.authenticate(request);
    if (actor) {
      request[ACTOR_KEY] = actor;
      requestContext.setActor(actor);
    }
    if (policy.public) return true;
    if (!actor) throw new UnauthenticatedProblem();
    if (actor.via === 'cookie' && !SAFE_METHODS.has(request.method) && !this.csrf.valid(request)) {
      throw new ForbiddenProblem(
        'The form has expired or did not come from Werkbrug. Reload the page and try again.',
        'csrf-token-invalid',
      );
    }
    if (actor.role === 'admin' && !actor.secondFactor && !policy.withoutSecondFactor) {
      throw new ForbiddenProblem('Confirm your sign-in with the code from your authenticator app first.', 'second-factor-required');
    }
    if (policy.roles && !policy.roles.includes(actor.role)) throw new ForbiddenProblem();
    if (policy.assurance && (actor.assurance ?? 0) < ASSURANCE_LEVELS[policy.assurance]) {
      if (await this.sessions.brokerOffered(actor.organisationId, actor.role)) {
        throw new AssuranceTooLowProblem(
          policy.assurance,
          request.method === 'GET' && request.originalUrl.startsWith('/portal/') ? request.originalUrl : undefined,
        );
      }
    }
    if (policy.resource) {
      const id = request.params[policy.resource.param];
      if (typeof id !== 'string' || !isUUID(id))
        throw new InvalidInputException([{ name: policy.resource.param, reason: 'must be a UUID' }]);
      if (!(await this.policies.canAccess(actor, policy.resource.kind, id))) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'not-found',
          `The ${policy.resource.kind} does not exist or is not visible to you.`,
        );
      }
    }
    return true;
  }

  /**
   * The person signed in with the session cookie, for a page no route answered
   * (an unknown address) that should still show their menu; nobody when the
   * cookie is missing, expired or revoked. Never throws.
   */
  async cookieActor(request: Request): Promise<Actor | undefined> {
    const cookie = request.cookies?.[SESSION_COOKIE] as string | undefined;
    if (!cookie) return undefined;
    return this.sessions.authenticate(cookie, 'cookie').catch(() => undefined);
  }

  private async authenticate(request: Request): Promise<(Actor & { secondFactor: boolean }) | undefined> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await this.sessions.authenticate(header.slice(7).trim(), 'bearer');
      if (!actor) throw new UnauthenticatedProblem();
      return actor;
    }
    const cookie = request.cookies?.[SESSION_COOKIE] as string | undefined;
    return cookie ? this.sessions.authenticate(cookie, 'cookie') : undefined;
  }
}
