// The one error shape of the API and every code the server sends. The code is the stable,
// machine-readable part (clients branch on it); the message is for people and may change.
import { z } from 'zod';

export const ERROR_CODES = [
  // The request itself.
  'bad_request',
  'malformed_json',
  'malformed_body',
  'duplicate_key',
  'payload_too_large',
  'unsupported_media_type',
  'query_too_long',
  'headers_too_large',
  'request_timeout',
  'duplicate_parameter',
  'method_not_allowed',
  'not_implemented',
  'not_found',
  // Validation (422), each issue with its JSON path in `details`.
  'invalid_request',
  'invalid_template',
  'invalid_overrides',
  'invalid_image',
  'invalid_font',
  'too_many_fonts',
  // Who is asking.
  'unauthorized',
  'invalid_api_key',
  'invalid_credentials',
  'invalid_signature',
  'csrf_failed',
  'insufficient_scope',
  'signup_closed',
  'email_taken',
  'precondition_failed',
  // A job's archive asked for before the job has finished (409).
  'job_not_finished',
  // Limits and load.
  'rate_limited',
  'quota_exceeded',
  'too_many_attempts',
  'overloaded',
  'render_timeout',
  // Faults on the server's side.
  'render_failed',
  'internal_error',
  // The database or the object store cannot be reached for now (503 with Retry-After).
  'unavailable',
  // The disk (or the database's) is full: nothing was stored (507 with Retry-After).
  'storage_full',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorCodeSchema = z.enum(ERROR_CODES).meta({
  description: 'Stable machine-readable code, e.g. invalid_template, quota_exceeded.',
  example: 'invalid_template',
});

export const ValidationIssueSchema = z.object({ path: z.string(), message: z.string() });

/** The body of every error answer: `{"success": false, "error": {"code", "message", "details"}}`. */
export const ErrorBodySchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string().meta({ example: 'jsonData.layers[2].fontSize: expected a number from 1 to 1000' }),
      details: z
        .unknown()
        .optional()
        .meta({
          description:
            'For validation errors (422): every problem as {path, message}. For 412: {currentVersion}; for 429: ' +
            '{limit, remaining, resetAt}; for 503: {retryAfterSeconds}.',
        }),
      requestId: z
        .string()
        .optional()
        .meta({ description: 'The request id (also in X-Request-Id), for finding the request in the logs.' }),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
