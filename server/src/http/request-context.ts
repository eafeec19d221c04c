// Request id, access log and the one error shape. Outermost middleware: everything below
// may throw, and nothing but `{success: false, error}` reaches the client.
import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type pino from 'pino';
import { ApiError, toApiError } from '../errors';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

interface HttpishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
  /** The raw body, on JSON parse errors from co-body. */
  body?: unknown;
}

/** Errors from Koa and its libraries (http-errors) that are the client's fault, mapped to codes. */
function fromHttpError(error: HttpishError): ApiError | undefined {
  const status = error.status ?? error.statusCode;
  if (!status || status >= 500 || status < 400) return undefined;
  if (error.type === 'entity.too.large' || status === 413) {
    return new ApiError(413, 'payload_too_large', 'the request body is larger than 1 MB');
  }
  if (
    error.type === 'entity.parse.failed' ||
    (status === 400 && (/json/i.test(error.message ?? '') || error.body !== undefined))
  ) {
    return new ApiError(400, 'malformed_json', 'the request body is not valid JSON');
  }
  if (status === 415) return new ApiError(415, 'unsupported_media_type', 'unsupported content type');
  if (status === 404) return new ApiError(404, 'not_found', 'not found');
  if (status === 405) return new ApiError(405, 'method_not_allowed', 'method not allowed');
  if (status === 501) return new ApiError(501, 'not_implemented', 'not implemented');
  return new ApiError(status, 'bad_request', error.expose && error.message ? error.message : 'bad request');
}

export function sendError(ctx: Context, error: ApiError): void {
  ctx.status = error.status;
  ctx.set(error.headers);
  // RFC 9110: a 401 names the scheme that would be accepted.
  if (error.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="layercast"');
  ctx.type = 'application/json';
  const requestId = ctx.state.requestId as string | undefined;
  ctx.body = {
    success: false,
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
      // The id support needs to find this request in the logs (also in X-Request-Id).
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** The request's id: the caller's X-Request-Id when it is a plain token, else a new one. */
export function requestIdOf(ctx: Context): string {
  const incoming = ctx.get('x-request-id');
  return REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** What the access log line (`request`, at info) says about a request that began at `started`. */
export function accessLogFields(ctx: Context, started: number) {
  return {
    method: ctx.method,
    path: ctx.path,
    status: ctx.status,
    ms: Math.round(performance.now() - started),
    account: ctx.state.auth?.accountId,
  };
}

export function requestContext(logger: pino.Logger) {
  return async function requestContextMiddleware(ctx: Context, next: Next): Promise<void> {
    const requestId = requestIdOf(ctx);
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new ApiError(404, 'not_found', 'not found');
      // The router's allowedMethods() sets the status and Allow but no body (Koa would send
      // text/plain); answer in the one JSON shape, keeping Allow.
      if (ctx.status === 405 && ctx.body === undefined) {
        const allow = ctx.response.get('Allow');
        throw new ApiError(
          405,
          'method_not_allowed',
          `${ctx.method} is not allowed here${allow ? `; use one of ${allow}` : ''}`,
        );
      }
      if (ctx.status === 501 && ctx.body === undefined) {
        throw new ApiError(501, 'not_implemented', `the method ${ctx.method} is not implemented`);
      }
    } catch (caught) {
      const known = toApiError(caught) ?? fromHttpError(caught as HttpishError);
      if (known) sendError(ctx, known);
      else {
        ctx.state.log.error({ err: caught }, 'unhandled error');
        sendError(ctx, new ApiError(500, 'internal_error', `internal error (request id ${requestId})`));
      }
      // Headers set for the success path (ETag, caching) must not describe an error body;
      // except a 412's ETag, which names the current version the client must reload.
      if (ctx.status !== 412) ctx.remove('ETag');
      ctx.remove('Cache-Control');
    } finally {
      ctx.state.log.info(accessLogFields(ctx, started), 'request');
    }
  };
}
