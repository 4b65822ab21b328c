import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the local mail server does with the next connection or message. */
export type SmtpBehaviour =
  | { kind: 'accept' }
  | { kind: 'reject'; code: number; message: string }
  /** Accepts the TCP connection and never sends a greeting. */
  | { kind: 'hang' }
  /** Reads the message, then waits before answering (until released). */
  | { kind: 'delay'; ms: number };

export interface ReceivedMessage {
  messageId: string;
  to: string;
  accepted: boolean;
}

/**
 * A real SMTP server (npm smtp-server) on a loopback port whose answers a test
 * scripts: a queue of behaviours, one per connection, then `fallback`.
 */
export class ScriptedSmtpServer {
  readonly received: ReceivedMessage[] = [];
  connections = 0;
  inFlight = 0;
  fallback: SmtpBehaviour = { kind: 'accept' };
  private readonly script: SmtpBehaviour[] = [];
  private readonly server: SMTPServer;
  private readonly sessionBehaviour = new Map<string, SmtpBehaviour>();
  private readonly closed = new Set<string>();

  constructor(readonly port: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      socketTimeout: 120_000,
      closeTimeout: 1_000,
      onConnect: (session, callback) => {
        this.connections++;
        const behaviour = this.script.shift() ?? this.fallback;
        this.sessionBehaviour.set(session.id, behaviour);
        if (behaviour.kind === 'hang') return; // never greet
        callback();
      },
      onClose: (session) => {
        this.closed.add(session.id);
      },
      onData: (stream, session, callback) => {
        const behaviour = this.sessionBehaviour.get(session.id) ?? this.fallback;
        void simpleParser(stream).then(async (parsed) => {
          const entry: ReceivedMessage = {
            messageId: parsed.messageId ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
            accepted: false,
          };
          this.received.push(entry);
          if (behaviour.kind === 'reject') {
            return callback(Object.assign(new Error(behaviour.message), { responseCode: behaviour.code }));
          }
          if (behaviour.kind === 'delay') {
            this.inFlight++;
            await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
            this.inFlight--;
            // The client went away (a killed worker) before the answer: nothing was delivered.
            if (this.closed.has(session.id)) return;
          }
          entry.accepted = true;
          callback();
        }, callback);
      },
    });
    this.server.on('error', () => undefined);
  }

  /** The next connections behave like this, in order. */
  next(...behaviours: SmtpBehaviour[]): void {
    this.script.push(...behaviours);
  }

  /** Short client timeouts by default, so the "hang" case fails fast and is retried. */
  url(socketTimeoutMs = 3_000): string {
    return `smtp://127.0.0.1:${this.port}/?connectionTimeout=1500&greetingTimeout=1500&socketTimeout=${socketTimeoutMs}`;
  }

  accepted(): ReceivedMessage[] {
    return this.received.filter((message) => message.accepted);
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
