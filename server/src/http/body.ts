// JSON bodies: at most 1 MB (after decompression), JSON only, parsed by `parseUntrustedJson`
// (linear, depth-bounded, no prototype keys, no duplicate keys). Other content types pass
// through untouched for the routes that read raw bodies (uploads).
import coBody from 'co-body';
import type { Context, Next } from 'koa';
import type { z } from 'zod';
import { issuesFromZod } from '@layercast/shared';
import { ApiError, toApiError, validationError } from '../errors';
import { parseUntrustedJson } from './json-text';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body of a POST, PUT or PATCH sent as JSON. */
    body?: unknown;
  }
}

export const JSON_BODY_LIMIT = '1mb';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const malformedJson = () => new ApiError(400, 'malformed_json', 'the request body is not valid JSON');

/** The request body as text: 413 over the limit, 415 for an unknown encoding, 400 for a broken one. */
async function readText(ctx: Context, limit = JSON_BODY_LIMIT): Promise<string> {
  try {
    return await coBody.text(ctx, { limit, encoding: 'utf-8' });
  } catch (error) {
    const failure = error as { status?: number; type?: string; code?: string; message?: string };
    if (failure.status === 413 || failure.type === 'entity.too.large') {
      throw new ApiError(
        413,
        'payload_too_large',
        `the request body is larger than ${limit.toUpperCase().replace('MB', ' MB')}`,
      );
    }
    if (failure.status === 415) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `unsupported Content-Encoding "${ctx.get('content-encoding')}"; use gzip, deflate, br or none`,
      );
    }
    // zlib refusing a gzip/deflate/brotli stream, or the client sending less than it announced.
    if (typeof failure.code === 'string' && failure.code.startsWith('Z_')) {
      throw new ApiError(400, 'malformed_body', 'the request body could not be decompressed');
    }
    if (failure.status && failure.status >= 400 && failure.status < 500) {
      throw new ApiError(400, 'malformed_body', 'the request body could not be read');
    }
    throw error;
  }
}

/** `larger`: paths whose JSON bodies may be larger than 1 MB (a bulk job's rows), with their limit. */
export function jsonBodyParser(larger: Readonly<Record<string, string>> = {}) {
  return async function jsonBody(ctx: Context, next: Next): Promise<void> {
    if (BODY_METHODS.has(ctx.method) && ctx.request.is('json', '+json')) {
      const text = await readText(ctx, larger[ctx.path] ?? JSON_BODY_LIMIT);
      // An empty body is an empty object, as every JSON client library sends for "no fields".
      ctx.request.body = text.trim() === '' ? {} : parseUntrustedJson(text, malformedJson);
    }
    await next();
  };
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

/** The JSON body validated with a zod schema; 422 `invalid_request` naming each bad path. */
export function parseJson<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const result = schema.safeParse(readJson(ctx));
  if (!result.success) throw validationError('invalid_request', issuesFromZod(result.error));
  return result.data;
}
