// JSON bodies: at most 1 MB, JSON only. Other content types pass through untouched for the
// routes that read raw bodies (uploads).
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { z } from 'zod';
import { ApiError, validationError } from '../errors';
import { issuesFromZod } from '@layercast/shared';

export const JSON_BODY_LIMIT = '1mb';

export function jsonBodyParser() {
  return bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, encoding: 'utf-8' });
}

/** The parsed JSON body; 415 when the client sent something else. */
export function readJson(ctx: Context): unknown {
  if (!ctx.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  return ctx.request.body;
}

/** The JSON body validated with a zod schema; 422 `invalid_request` naming each bad path. */
export function parseJson<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const result = schema.safeParse(readJson(ctx));
  if (!result.success) throw validationError('invalid_request', issuesFromZod(result.error));
  return result.data;
}
