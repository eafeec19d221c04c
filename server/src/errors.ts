// The one error type handlers throw; the error middleware turns it into
// `{"success": false, "error": {"code", "message", "details"}}` with its status.
import { type ValidationIssue, formatIssues } from '@layercast/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A 422 whose message summarises the issues and whose details list every one with its path. */
export function validationError(code: string, issues: readonly ValidationIssue[]): ApiError {
  const shown = issues.slice(0, 3);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return new ApiError(422, code, `${formatIssues(shown).replaceAll('\n', '; ')}${more}`, issues);
}

export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `${what} not found`);
