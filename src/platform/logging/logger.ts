import { type LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';

export function createRootLogger(level: string): Pino {
  return pino({
    level,
    base: { service: 'werkbrug' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError },
    redact: { paths: ['*.password', '*.token', '*.email', '*.authorization', '*.cookie'], remove: true },
  });
}

/** Nest's start-up chatter (a line per module and per route): detail for debugging, not news at every start. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Nest's logger calls, written as structured pino lines. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    this.write(typeof context === 'string' && START_UP_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest appends the context (the class name) as the last argument.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.root[level]({ ...(message as object), context }, text);
    } else if (message instanceof Error) {
      this.root[level]({ err: message, context }, message.message);
    } else {
      this.root[level]({ context }, String(message));
    }
  }
}

/**
 * Errors keep their name, code, message and stack, but not what drivers attach:
 * a failed query's SQL parameters and the server's detail line can hold personal data.
 */
export function safeError(error: unknown): Record<string, unknown> | unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack };
}
