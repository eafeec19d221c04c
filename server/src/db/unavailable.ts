// Which errors mean "the database cannot be reached right now" (answered 503 with
// Retry-After, and the node recovers by itself when Postgres is back) as opposed to a bug
// or bad data (500). SQLite is a file in the process: it has no such state.

// SQLSTATE classes and codes: 08 connection exception, 57P01–57P03 shutdown / cannot
// connect now, 53300 too many connections, 40001/40P01 are not here (they are retried).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);
// pg's own messages for a pool that cannot connect and a connection cut mid-query.
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'the database system is',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m));
}

/**
 * A write waited for the database's lock for as long as the configuration allows
 * (`LAYERCAST_DB_LOCK_WAIT_MS`): another process or a long transaction holds it. Answered 503
 * with Retry-After; nothing was written.
 */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the database lock was not free within ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

// SQLite: the lock is held (busy_timeout 0: the driver waits asynchronously). Postgres:
// 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout).
const BUSY_CODES = /^(SQLITE_BUSY.*|55P03|57014)$/;

export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError) return true;
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && BUSY_CODES.test(code);
}
