import { SetMetadata } from '@nestjs/common';
import { type JobName } from './queue.constants.js';

export const JOB_HANDLER = Symbol('werkbrug:job-handler');

/**
 * Marks a provider method as the handler of a job. Handlers reload the state
 * they act on and return early when the work is already done, because a job
 * can run more than once (retries, redelivery after a crash).
 */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

/** Thrown by a handler when retrying cannot help (bad data, rejected recipient). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
