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
    if (status >= 500) this.logger.error({ err: exception, path: request.path }, 'page failed');
    const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : 'generic';
    const detail =
      exception instanceof ProblemException && status === 403 && exception.slug === 'csrf-token-invalid' ? exception.message : undefined;
    this.portal.send(
      request,
      response,
      'error',
      {
        title: this.portal.t(request, `error.${key}.title`),
        heading: this.portal.t(request, `error.${key}.title`),
        text: detail ?? this.portal.t(request, `error.${key}.text`),
      },
      status >= 500 ? 500 : status,
    );
  }
}
