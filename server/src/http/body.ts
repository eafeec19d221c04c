// JSON bodies: at most 1 MB, JSON only. Other content types pass through untouched for the
// routes that read raw bodies (uploads).
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type { z } from 'zod';
import { formatPath, issuesFromZod } from '@layercast/shared';
import { ApiError, toApiError, validationError } from '../errors';

export const JSON_BODY_LIMIT = '1mb';

export function jsonBodyParser() {
  return bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, encoding: 'utf-8' });
}

const notAnObject = () =>
  toApiError(validationError('invalid_request', [{ path: '', message: 'expected a JSON object' }]));

/** The parsed JSON body, always an object; 415 when the client sent something else. */
export function readJson(ctx: Context): unknown {
  if (!ctx.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  const body = ctx.request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw notAnObject();
  return body;
}

/** The path of the first key the JSON parser refuses (`__proto__`, at any depth). */
function poisonedPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // JSON.parse makes `__proto__` an own property, so Object.keys sees it and nothing is polluted.
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key];
    const found = poisonedPath((value as Record<string, unknown>)[key], [
      ...path,
      Array.isArray(value) ? Number(key) : key,
    ]);
    if (found) return found;
  }
  return undefined;
}

/**
 * A body the JSON parser refused although it is valid JSON: a non-object (strict mode takes
 * objects and arrays only) or a prototype-poisoning key (refused by @hapi/bourne). Both are
 * 422s that say what was expected; anything else is left to the caller (400 malformed).
 */
export function refusedJsonBody(error: { message?: string; body?: unknown }): ApiError | undefined {
  if (typeof error.body !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(error.body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return notAnObject();
  const poisoned = poisonedPath(parsed);
  if (poisoned)
    return toApiError(
      validationError('invalid_request', [
        { path: formatPath(poisoned), message: 'this property name is not allowed' },
      ]),
    );
  return undefined;
}

/** The JSON body validated with a zod schema; 422 `invalid_request` naming each bad path. */
export function parseJson<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const result = schema.safeParse(readJson(ctx));
  if (!result.success) throw validationError('invalid_request', issuesFromZod(result.error));
  return result.data;
}
