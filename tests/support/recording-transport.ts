import type { SendMailOptions } from 'nodemailer';
import { MailTransport } from '../../src/platform/mail/mail-transport.js';

type Behaviour = (message: SendMailOptions) => Promise<void> | void;

/** The outbox transport, plus a record of every message handed to it and scriptable failures. */
export class RecordingTransport extends MailTransport {
  readonly sent: SendMailOptions[] = [];
  private behaviours: Behaviour[] = [];

  constructor() {
    super({ from: 'noreply@werkbrug.test', fromName: 'Werkbrug', outboxUi: true, messageIdDomain: 'werkbrug.test' });
  }

  /** The next calls run these first, in order; a behaviour that throws fails that send. */
  script(...behaviours: Behaviour[]): void {
    this.behaviours.push(...behaviours);
  }

  override async send(message: SendMailOptions): Promise<void> {
    const behaviour = this.behaviours.shift();
    if (behaviour) await behaviour(message);
    await super.send(message);
    this.sent.push(message);
  }
}

export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
