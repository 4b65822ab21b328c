import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemTitle, problemType } from './problem.js';

export function buildProblem(
  status: number,
  slug: string,
  detail: string,
  instance?: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return { type: problemType(slug), title: problemTitle(status), status, detail, instance, ...extra };
}

export function sendProblem(response: Response, problem: ProblemDetails, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
