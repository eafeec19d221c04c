// The one error every client call throws: the server's stable `code` and message, the HTTP
// status (0 when the server was never reached), and for 422 each problem with its path.
import { ERROR_CODES, type ErrorCode } from '../api/errors';

/**
 * Codes of failures the client finds itself: `network` (no answer), `http_error` (an answer
 * that is not a Layercast error, e.g. a proxy's page), `invalid_response` (a 2xx answer that
 * is not what the API describes).
 */
export type ClientErrorCode = 'network' | 'http_error' | 'invalid_response';

export class LayercastApiError extends Error {
  constructor(
    /** The HTTP status, or 0 when no answer arrived (network down, DNS, refused, CORS). */
    readonly status: number,
    /** The server's stable code (`invalid_template`, `precondition_failed`, ...), or the client's own. */
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** For validation errors, `{ path, message }[]`; for 412, `{ currentVersion }`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LayercastApiError';
  }
}

// Said to a person when the answer has no JSON error of ours: a proxy's HTML page, an empty
// 502, a body cut off. The status alone decides; the body is never shown.
const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'The server could not read the request.',
  401: 'You are signed out or the API key is not valid. Sign in again or check the key.',
  403: 'You are not allowed to do that.',
  404: 'Not found: it may have been deleted.',
  408: 'The server took too long to receive the request. Try again.',
  409: 'That conflicts with something that already exists.',
  412: 'It was changed by someone else since you loaded it. Reload and try again.',
  413: 'The request is too large.',
  415: 'The server does not accept this type of content.',
  422: 'The server could not accept these values.',
  429: 'Too many requests. Wait a moment and try again.',
  502: 'The server is unreachable right now. Try again in a moment.',
  503: 'The server is busy or restarting. Try again in a moment.',
  504: 'The server took too long to answer. Try again.',
};

/** A human message for a status when the body did not say anything we can show. */
export function fallbackMessage(status: number): string {
  return (
    FALLBACK_MESSAGES[status] ??
    (status >= 500 ? 'The server had a problem. Try again later.' : `The request failed (HTTP ${status}).`)
  );
}

interface ErrorLike {
  error: { code: string; message: string; details?: unknown };
}

// Checked by hand rather than with ErrorBodySchema: a server newer than this client may send
// a code this client does not know, and its message is still worth showing.
function isErrorBody(value: unknown): value is ErrorLike {
  const error = (value as { error?: unknown } | null | undefined)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The error for a non-2xx answer whose body text is `text`. */
export function errorFromResponse(status: number, text: string): LayercastApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new LayercastApiError(status, isErrorCode(code) ? code : 'http_error', message, details);
  }
  return new LayercastApiError(status, 'http_error', fallbackMessage(status));
}

/** The error for a fetch that threw: nothing came back, so there is no status. */
export function networkError(cause: unknown): LayercastApiError {
  const error = new LayercastApiError(
    0,
    'network',
    'Cannot reach the server. Check the connection (or the server URL) and try again.',
  );
  // Kept for debugging (`error.cause`), never part of the message shown to a person.
  error.cause = cause;
  return error;
}
