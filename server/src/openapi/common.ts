// Building blocks for OpenAPI path objects: the error shape, JSON bodies, security.
import { ErrorBodySchema } from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request (e.g. the body is not JSON).',
  401: 'No or bad credentials.',
  403: 'Forbidden: CSRF token missing, sign-up closed, or a bad signature.',
  404: 'Not found, or not yours.',
  409: 'Conflict.',
  412: 'If-Match does not match the current version.',
  414: 'Query string too long.',
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
      { description: errorDescriptions[s] ?? 'Error.', content: { 'application/json': { schema: ErrorBodySchema } } },
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

/** Bytes of a stored image, in any of the formats the renderer writes. */
export const imageResponse = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: {
    'image/png': { schema: z.string().meta({ format: 'binary' }) },
    'image/jpeg': { schema: z.string().meta({ format: 'binary' }) },
    'image/webp': { schema: z.string().meta({ format: 'binary' }) },
    'image/avif': { schema: z.string().meta({ format: 'binary' }) },
    'image/svg+xml': { schema: z.string() },
    'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
  },
});

export const fileParam = z.object({ file: z.string().meta({ description: '`<id>.<ext>` as returned in imageUrl.' }) });
