import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError, EntityNotFoundError, OptimisticLockVersionMismatchError } from 'typeorm';
import { InvalidInputException, type ProblemDetails, ProblemException } from './problem.js';
import { buildProblem, sendProblem } from './problem-response.js';
import { CLIENT_DATA_CODES, errorCode, isUnavailableError } from '../database/database-errors.js';
import { ErrorPages } from './error-pages.js';

/**
 * The one place where errors become responses: every failure leaves as
 * `application/problem+json` and nothing internal (stack, SQL, driver text)
 * reaches the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly errorPages: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const page = this.errorPages.for(request);
    if (page) return page.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    const instance = request.originalUrl?.split('?')[0];
    const { problem, headers } = this.toProblem(exception, instance);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, status: problem.status, path: instance }, 'request failed');
    }
    sendProblem(response, problem, headers);
  }

  private toProblem(exception: unknown, instance?: string): { problem: ProblemDetails; headers?: Record<string, string> } {
    if (exception instanceof ProblemException) {
      return {
        problem: buildProblem(exception.getStatus(), exception.slug, exception.message, instance, {
          ...(exception.invalidParams ? { invalidParams: exception.invalidParams } : {}),
          ...exception.extensions,
        }),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404 && /^Cannot [A-Z]+ /.test(exception.message) ? 'No resource exists at this address.' : exception.message;
      const body = exception.getResponse() as { details?: unknown };
      // Terminus' readiness answer: keep which dependency is down.
      const checks = typeof body === 'object' && body?.details ? { checks: body.details } : {};
      return { problem: buildProblem(status, status === 404 ? 'not-found' : `http-${status}`, detail, instance, checks) };
    }
    if (exception instanceof EntityNotFoundError) {
      return { problem: buildProblem(404, 'not-found', 'The resource does not exist or is not visible to you.', instance) };
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return {
        problem: buildProblem(
          409,
          'edit-conflict',
          'Someone else changed this record first. Reload it and apply your change again.',
          instance,
        ),
      };
    }
    if (isUnavailableError(exception)) {
      return {
        problem: buildProblem(
          503,
          'service-unavailable',
          'The service is temporarily unavailable. Nothing was stored; try again shortly.',
          instance,
        ),
        headers: { 'Retry-After': '5' },
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = errorCode(exception);
      if (code === '23505') {
        return { problem: buildProblem(409, 'conflict', 'A record with these values already exists.', instance) };
      }
      if (code === '23503') {
        return { problem: buildProblem(409, 'conflict', 'The record refers to, or is referred to by, another record.', instance) };
      }
      // A value the validation let through but the column refuses (a null for a required field): the request's fault,
      // named by its field (columns are the fields in snake_case). The statement failed, so nothing was stored.
      if (code === '23502') {
        const column = (exception.driverError as { column?: string }).column;
        const name = column ? column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : 'body';
        return this.toProblem(new InvalidInputException([{ name, reason: 'must not be empty' }]), instance);
      }
      if (code && CLIENT_DATA_CODES.has(code)) {
        return this.toProblem(
          new InvalidInputException([{ name: 'body', reason: 'contains a value out of range or malformed' }]),
          instance,
        );
      }
    }
    return { problem: buildProblem(500, 'internal-error', 'An unexpected error occurred. It has been logged.', instance) };
  }
}
