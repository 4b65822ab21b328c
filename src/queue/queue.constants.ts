import type { DefaultJobOptions } from 'bullmq';

export enum QueueName {
  Mail = 'mail',
  Scheduler = 'scheduler',
  Import = 'import',
}

export enum JobName {
  SendMail = 'mail.send',
  SweepOutbox = 'mail.sweep-outbox',
  SubsidyPaymentOverdue = 'subsidy.payment-overdue',
}

/** Which queue each job runs on: one place, so a producer cannot pick the wrong one. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.SendMail]: QueueName.Mail,
  [JobName.SweepOutbox]: QueueName.Mail,
  [JobName.SubsidyPaymentOverdue]: QueueName.Scheduler,
};

/** The job defaults, for every queue: 8 attempts over about four minutes at the default backoff. */
export function jobDefaults(backoffMs: number): DefaultJobOptions {
  return {
    attempts: 8,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}
