import { HttpException, HttpStatus } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface InvalidParam {
  name: string;
  reason: string;
}

/** RFC 9457 problem details, with the NL API Design Rules' `invalidParams`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  invalidParams?: InvalidParam[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemType(slug: string): string {
  return `https://werkbrug.nl/problems/${slug}`;
}

/**
 * An error that already knows its problem document. Services throw these for
 * domain rule violations ("no contract after a trial that ended in no match").
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly slug: string,
    detail: string,
    readonly invalidParams?: InvalidParam[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export class InvalidInputException extends ProblemException {
  constructor(invalidParams: InvalidParam[], detail = 'The request contains invalid parameters.') {
    super(HttpStatus.BAD_REQUEST, 'invalid-input', detail, invalidParams);
  }
}

/** A rule of the domain forbids the change; the named field explains why. */
export class RuleViolationException extends ProblemException {
  constructor(name: string, reason: string) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', reason, [{ name, reason }]);
  }

  /** Every violated rule of one request in one answer, so a form can show them all at once. */
  static all(violations: InvalidParam[]): ProblemException {
    const detail = violations.map(({ name, reason }) => `${name} ${reason}`).join('; ');
    return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', detail, violations);
  }
}

export class ConflictProblem extends ProblemException {
  constructor(detail: string, slug = 'conflict') {
    super(HttpStatus.CONFLICT, slug, detail);
  }
}

export class NotFoundProblem extends ProblemException {
  constructor(resource = 'resource') {
    super(HttpStatus.NOT_FOUND, 'not-found', `The ${resource} does not exist or is not visible to you.`);
  }
}
