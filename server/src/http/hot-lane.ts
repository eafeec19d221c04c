// The hot lane: anonymous reads of stored images — an og:image URL fetched again (a known
// GET /api/render hit) and a permanent image URL (GET /api/images/:file) — answered before the
// middleware stack, which on a cache hit cost as much CPU as the answer itself (the per-request
// logger, session and body handling, the router's walk over every route).
//
// Only a request the stack would pass straight through is taken: GET or HEAD, no credential
// (Authorization, X-Api-Key, a cookie, an `api_key` in the URL) and no body, so authentication
// has nothing to check and the answer is the one the route would give, with the same headers
// (X-Request-Id, the security headers) and the same access log line. A reader answers or
// declines; it sets nothing on the response before it answers. Anything else — a miss, a query
// the reader has not seen, an error such as a bad signature or a database that is away — goes
// down the stack, which decides afresh and answers errors in the one shape.
import type { Context, Next } from 'koa';
import type pino from 'pino';
import { accessLogFields, requestIdOf } from './request-context';
import { SECURITY_HEADERS } from './security-headers';

/** Answers `ctx` (true) or leaves it untouched for the stack (false); a promise when it waits. */
export type HotReader = (ctx: Context) => boolean | Promise<boolean>;

const MAY_NAME_API_KEY = /_|%5f/i;

/** Whether the middleware stack would pass this request to its route unchanged. */
function isPlainRead(ctx: Context): boolean {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
  const headers = ctx.req.headers;
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined || headers.cookie !== undefined) {
    return false;
  }
  const length = headers['content-length'];
  if ((length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined) return false;
  // A key in the URL is refused by `authenticate` (400), whatever the path. Its name, however
  // it is escaped, has an underscore, bare or as %5F: without one there is nothing to parse.
  const query = ctx.querystring;
  return !MAY_NAME_API_KEY.test(query) || !('api_key' in ctx.query);
}

export function hotLane(logger: pino.Logger, read: HotReader) {
  return async function hotLaneMiddleware(ctx: Context, next: Next): Promise<void> {
    if (!isPlainRead(ctx)) return next();
    const started = performance.now();
    let answered = false;
    try {
      const result = read(ctx);
      answered = typeof result === 'boolean' ? result : await result;
    } catch {
      // The stack asks again and answers the error properly (logged, in the one shape).
    }
    if (!answered) return next();
    const requestId = requestIdOf(ctx);
    ctx.set('X-Request-Id', requestId);
    ctx.set(SECURITY_HEADERS);
    if (logger.isLevelEnabled('info')) logger.info({ requestId, ...accessLogFields(ctx, started) }, 'request');
  };
}
