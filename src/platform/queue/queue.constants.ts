import type { DefaultJobOptions } from 'bullmq';

export enum QueueName {
  Mail = 'mail',
  Scheduler = 'scheduler',
  Import = 'import',
}

export enum JobName {
  SendMail = 'mail.send',
  SendMailBatch = 'mail.send-batch',
  SweepOutbox = 'mail.sweep-outbox',
  SubsidyPaymentOverdue = 'subsidy.payment-overdue',
  SubsidyCorrectProvisional = 'subsidy.correct-provisional',
  HelpRequestAcknowledgeDue = 'help-request.acknowledge-due',
  HelpRequestsReconcile = 'help-request.reconcile',
  HandoverReminder = 'handover.reminder',
  CheckinNotices = 'checkin.notices',
  PlacementNoContact = 'placement.no-contact',
  AftercareReconcile = 'aftercare.reconcile',
  EarlyWarningDaily = 'aftercare.early-warning',
  ImportRun = 'import.run',
  SignInLink = 'identity.sign-in-link',
  PasswordResetLink = 'identity.password-reset-link',
  SurveysSendDue = 'surveys.send-due',
}

/** Which queue each job runs on: one place, so a producer cannot pick the wrong one. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.SendMail]: QueueName.Mail,
  [JobName.SendMailBatch]: QueueName.Mail,
  [JobName.SweepOutbox]: QueueName.Mail,
  [JobName.SubsidyPaymentOverdue]: QueueName.Scheduler,
  [JobName.SubsidyCorrectProvisional]: QueueName.Scheduler,
  [JobName.HelpRequestAcknowledgeDue]: QueueName.Scheduler,
  [JobName.HelpRequestsReconcile]: QueueName.Scheduler,
  [JobName.HandoverReminder]: QueueName.Scheduler,
  [JobName.CheckinNotices]: QueueName.Scheduler,
  [JobName.PlacementNoContact]: QueueName.Scheduler,
  [JobName.AftercareReconcile]: QueueName.Scheduler,
  [JobName.EarlyWarningDaily]: QueueName.Scheduler,
  [JobName.ImportRun]: QueueName.Import,
  [JobName.SignInLink]: QueueName.Mail,
  [JobName.PasswordResetLink]: QueueName.Mail,
  [JobName.SurveysSendDue]: QueueName.Scheduler,
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
