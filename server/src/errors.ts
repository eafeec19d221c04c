// Errors a client is told about. Services throw `DomainError`s, which know nothing of HTTP;
// routes and middleware may throw an `ApiError` with the status they chose. The error
// middleware turns both into `{"success": false, "error": {"code", "message", "details"}}`
// with the status and headers of `toApiError`.
import { type ErrorCode, type ValidationIssue, formatIssues } from '@layercast/shared';
import { isDatabaseBusy, isDatabaseUnavailable } from './db/unavailable';
import { type RateLimitState, rateLimitHeaders } from './quota/rate-limit-headers';
import { StorageUnavailableError } from './storage/unavailable';

/** What a 503 for a lost database or bucket asks clients to wait. */
const UNAVAILABLE_RETRY_SECONDS = 5;
/** What a 503 for a database lock held too long asks clients to wait. */
const BUSY_RETRY_SECONDS = 1;
/** What a 507 for a full disk asks clients to wait (an operator has to free space). */
const FULL_RETRY_SECONDS = 60;

/** A write refused because the disk is full: the file system (ENOSPC, EDQUOT), SQLite or Postgres (53100). */
export function isStorageFull(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === '53100';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries (Retry-After, rate-limit fields). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The status of each code a service may throw; the middleware answers with it. */
const DOMAIN_STATUS = {
  not_found: 404,
  invalid_request: 422,
  invalid_template: 422,
  invalid_overrides: 422,
  invalid_font: 422,
  too_many_fonts: 422,
  invalid_signature: 403,
  signup_closed: 403,
  email_taken: 409,
  invalid_credentials: 401,
  unauthorized: 401,
  too_many_attempts: 429,
  rate_limited: 429,
  quota_exceeded: 429,
  overloaded: 503,
  render_timeout: 503,
  render_failed: 500,
} as const satisfies Partial<Record<ErrorCode, number>>;

export type DomainErrorCode = keyof typeof DOMAIN_STATUS;

/** A failure in the product's own terms. */
export class DomainError extends Error {
  /** Rate-limit state of a charge the request already made; the answer reports it. */
  rateLimits?: RateLimitState;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds after which a retry may succeed (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The server is busy (render queue, fetch budget, password hashing): retry shortly. */
export class Overloaded extends DomainError {
  constructor(message: string, retryAfter: number, code: 'overloaded' | 'render_timeout' = 'overloaded') {
    super(code, message, { retryAfterSeconds: retryAfter }, retryAfter);
    this.name = 'Overloaded';
  }
}

/** A rate or quota refused the request; `rateLimits` holds the refusing policy. */
export class LimitReached extends DomainError {
  constructor(code: 'rate_limited' | 'quota_exceeded', message: string, limits: RateLimitState) {
    const refused = limits.decisions.find((d) => !d.allowed) ?? limits.decisions[0];
    super(
      code,
      message,
      refused && {
        limit: refused.limit,
        remaining: 0,
        resetAt: new Date(refused.resetAt * 1000).toISOString(),
      },
    );
    this.name = 'LimitReached';
    this.rateLimits = limits;
  }
}

/** A 422 whose message summarises the issues and whose details list every one with its path. */
export function validationError(
  code: 'invalid_request' | 'invalid_template' | 'invalid_overrides',
  issues: readonly ValidationIssue[],
): DomainError {
  const shown = issues.slice(0, 3);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return new DomainError(code, `${formatIssues(shown).replaceAll('\n', '; ')}${more}`, issues);
}

export const notFound = (what = 'resource') => new DomainError('not_found', `${what} not found`);

/** The answer for an error we know; undefined for anything else (a fault: 500). */
export function toApiError(error: ApiError | DomainError): ApiError;
export function toApiError(error: unknown): ApiError | undefined;
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (isStorageFull(error)) {
    // Writers put the bytes before the row that points at them, so nothing partial is stored;
    // the next write after space is freed succeeds without a restart.
    return new ApiError(
      507,
      'storage_full',
      'the server is out of storage space; nothing was stored, retry later',
      { retryAfterSeconds: FULL_RETRY_SECONDS },
      { 'Retry-After': String(FULL_RETRY_SECONDS) },
    );
  }
  if (isDatabaseBusy(error)) {
    // The lock was held longer than the configured wait; nothing was written.
    return new ApiError(
      503,
      'unavailable',
      'the database is busy; retry shortly',
      { retryAfterSeconds: BUSY_RETRY_SECONDS },
      { 'Retry-After': String(BUSY_RETRY_SECONDS) },
    );
  }
  if (isDatabaseUnavailable(error) || error instanceof StorageUnavailableError) {
    // Postgres or the bucket is gone for now (restart, failover): the client may retry, and
    // the connection pool reconnects by itself once it is back.
    return new ApiError(
      503,
      'unavailable',
      'the service is briefly unavailable; retry shortly',
      { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
      { 'Retry-After': String(UNAVAILABLE_RETRY_SECONDS) },
    );
  }
  if (!(error instanceof DomainError)) return undefined;
  const headers: Record<string, string> = error.rateLimits ? rateLimitHeaders(error.rateLimits) : {};
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return new ApiError(DOMAIN_STATUS[error.code], error.code, error.message, error.details, headers);
}
