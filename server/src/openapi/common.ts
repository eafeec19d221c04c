// Building blocks for OpenAPI path objects: the error shape, JSON bodies, security.
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';

export const ErrorSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().meta({
        description: 'Stable machine-readable code, e.g. invalid_template, quota_exceeded.',
        example: 'invalid_template',
      }),
      message: z.string().meta({ example: 'jsonData.layers[2].fontSize: expected a number from 1 to 1000' }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'For validation errors (422): every problem with its JSON path.' }),
    }),
  })
  .meta({ id: 'Error' });

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request (e.g. the body is not JSON).',
  401: 'No or bad credentials.',
  403: 'Forbidden: CSRF token missing, sign-up closed, or a bad signature.',
  404: 'Not found, or not yours.',
  409: 'Conflict.',
  412: 'If-Match does not match the current version.',
  413: 'Body larger than 1 MB.',
  415: 'Body is not JSON.',
  422: 'Invalid input; details lists each problem with its JSON path.',
  429: 'Quota or rate limit reached; see Retry-After.',
  503: 'Overloaded; retry after Retry-After seconds.',
};

export function errors(...statuses: number[]): Record<string, ZodOpenApiResponseObject> {
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: errorDescriptions[s] ?? 'Error.', content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

export const json = <T extends z.ZodType>(schema: T, description = 'OK'): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Bearer key or session; the session also needs X-CSRF-Token on writes. */
type Security = Record<string, string[]>[];
export const keyOrSession: Security = [{ bearerAuth: [] }, { sessionCookie: [] }];
export const sessionOnly: Security = [{ sessionCookie: [] }];
export const keyOnly: Security = [{ bearerAuth: [] }];

export const idParam = z.object({ id: z.uuid().meta({ description: 'Resource id (UUID).' }) });
