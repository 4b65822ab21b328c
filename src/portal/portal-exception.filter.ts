import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '../platform/http/problem.js';
import { PortalContext } from './portal-context.js';

/** Errors on web pages become pages: sign in when needed, a plain message otherwise, never internals. */
@Catch()
@Injectable()
export class PortalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PortalExceptionFilter.name);

  constructor(private readonly portal: PortalContext) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 401) {
      response.redirect(303, `/portal/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    // An admin who has not confirmed the second factor is led to set it up, not refused.
    if (exception instanceof ProblemException && exception.slug === 'second-factor-required') {
      response.redirect(303, '/portal/two-factor');
      return;
    }
    // A page that needs a higher level of assurance than the session's: sign in again through the broker.
    if (
      exception instanceof ProblemException &&
      exception.slug === 'assurance-too-low' &&
      typeof exception.extensions.stepUp === 'string'
    ) {
      response.redirect(303, exception.extensions.stepUp);
      return;
    }
    if (status >= 500) this.logger.error({ err: exception, path: request.path }, 'page failed');
    // A form posted with a repeated or malformed field (not one a person can make with the page): name the fields.
    const fields =
      exception instanceof ProblemException && status === 400 ? (exception.invalidParams ?? []).map((param) => param.name) : [];
    const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : fields.length > 0 ? 'invalidInput' : 'generic';
    // An unknown address was answered before any guard looked at the session: find the signed-in person, for their menu and language.
    void this.portal
      .recogniseSignedIn(request)
      .catch(() => undefined)
      .then(() => {
        if (response.headersSent) return;
        const detail =
          exception instanceof ProblemException && status === 403 && exception.slug === 'csrf-token-invalid'
            ? exception.message
            : fields.length > 0
              ? this.portal.t(request, 'error.invalidInput.text', { fields: [...new Set(fields)].join(', ') })
              : undefined;
        const title = this.portal.t(request, `error.${key}.title`);
        const text = detail ?? this.portal.t(request, `error.${key}.text`);
        this.portal.send(request, response, 'error', { title, heading: title, text }, status >= 500 ? 500 : status);
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, path: request.path }, 'error page failed');
        if (!response.headersSent) response.status(500).end();
      });
  }
}
