import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** How the database's and the queue connection's errors are told apart, for the problem filter and the import. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

/** Data exceptions a request's own values cause: too long, out of range, not a date, not of the column's type. */
export const CLIENT_DATA_CODES = new Set(['22001', '22003', '22007', '22008', '22P02']);

/** The PostgreSQL (or socket) error code, from TypeORM's wrapper or the driver error itself. */
export function errorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Errors from the database or queue connection being down: the client should retry. */
export function isUnavailableError(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection drops; the next query or COMMIT then throws this.
  // The same through the transaction's EntityManager (a repository joining the unit of work after the drop).
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = errorCode(error);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection is closed|the database system is (starting up|shutting down)/i.test(
    message,
  );
}
