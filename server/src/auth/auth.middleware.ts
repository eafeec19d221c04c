// Who is calling: a Bearer API key or a session cookie. A presented but bad key is a 401
// straight away (a typo should not silently fall back to anonymous access). Other
// Authorization schemes are not ours (Basic auth of a proxy in front, say) and are ignored.
import type { Context, Next } from 'koa';
import type { KeyScope } from '@layercast/shared';
import { type AppDeps, type Auth, maySeeTemplate } from '../deps';
import { ApiError } from '../errors';
import { findKeyBySecret, scopesOf, templateIdsOf, touchKey } from '../keys/keys.repository';
import { SESSION_COOKIE, csrfTokenFor, csrfTokenMatches, findSessionAccount } from './sessions.repository';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Writes that replace the session rather than act with it: the old session's CSRF token is
 * not needed (a browser whose page lost it must still be able to sign in). Logout is not
 * here: ending a session is an act of that session, or any site could sign users out.
 */
const SESSION_REPLACING = new Set(['/api/auth/login', '/api/auth/signup']);

/** The scope a request needs when a key makes it; undefined for what any key may do. */
export function requiredScope(method: string, path: string): KeyScope | undefined {
  const read = method === 'GET' || method === 'HEAD';
  if (/^\/api\/generate(\/batch)?\/?$/.test(path) || /^\/api\/render\/?$/.test(path)) return 'render';
  if (/^\/api\/(bulk|jobs)(\/|$)/.test(path)) return 'render';
  if (/^\/api\/templates(\/|$)/.test(path)) return read ? 'templates:read' : 'templates:write';
  if (/^\/api\/(assets|fonts|brand)(\/|$)/.test(path)) return read ? 'templates:read' : 'assets:write';
  return undefined;
}

const TEMPLATE_IN_PATH = /^\/api\/templates\/([^/]+)/;

/**
 * A key's scopes and template list, checked before any route runs: a missing scope is 403
 * `insufficient_scope` naming it; a template outside the key's list is 404, as if it did not
 * exist. (Templates named in a JSON body are checked by the render routes.)
 */
function checkKeyLimits(ctx: Context, auth: Auth): void {
  const required = requiredScope(ctx.method, ctx.path);
  if (required && auth.scopes && !auth.scopes.includes(required)) {
    throw new ApiError(
      403,
      'insufficient_scope',
      `this API key lacks the scope ${required}; its scopes are ${auth.scopes.join(', ')}`,
      { required, scopes: auth.scopes },
    );
  }
  const id =
    TEMPLATE_IN_PATH.exec(ctx.path)?.[1] ?? (ctx.path.startsWith('/api/render') ? ctx.query.templateId : undefined);
  if (typeof id === 'string' && !maySeeTemplate(auth, id)) throw new ApiError(404, 'not_found', 'template not found');
}

/** A presented API key, checked: the request's Auth, or a 401 for a key that is not valid. */
async function authenticateKey(deps: AppDeps, ctx: Context, secret: string): Promise<Auth> {
  const key = await findKeyBySecret(deps.db, secret);
  if (!key) throw new ApiError(401, 'invalid_api_key', 'the API key is not valid or has been revoked');
  const auth: Auth = {
    accountId: key.account_id,
    via: 'key',
    keyId: key.id,
    keyName: key.name,
    scopes: scopesOf(key),
    templateIds: templateIdsOf(key),
  };
  checkKeyLimits(ctx, auth);
  touchKey(deps.db, key.id, key.last_used_at).catch((error: unknown) =>
    ctx.state.log.warn({ err: error }, 'could not record key use'),
  );
  return auth;
}

const KEY_IN_URL =
  'API keys are not accepted in URLs: a URL ends up in server and proxy logs, browser history and Referer headers, ' +
  'and an og:image URL is public. Send the key in the Authorization (Bearer) or X-Api-Key header, ' +
  'or use a signed URL (layercast sign, signedRenderUrl) for a link.';

export function authenticate(deps: AppDeps) {
  return async function authenticateMiddleware(ctx: Context, next: Next): Promise<void> {
    if (ctx.path.startsWith('/api/') && 'api_key' in ctx.query) {
      throw new ApiError(400, 'invalid_request', KEY_IN_URL);
    }
    const header = ctx.get('authorization');
    const apiKeyHeader = ctx.get('x-api-key').trim();
    if (/^Bearer(\s|$)/i.test(header)) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1])
        throw new ApiError(401, 'invalid_api_key', 'the Authorization header must be "Bearer lc_live_..."');
      ctx.state.auth = await authenticateKey(deps, ctx, match[1]);
    } else if (apiKeyHeader) {
      // Seed 002's header, for clients written against it.
      ctx.state.auth = await authenticateKey(deps, ctx, apiKeyHeader);
    } else {
      const token = ctx.cookies.get(SESSION_COOKIE);
      const accountId = token ? await findSessionAccount(deps.db, token) : undefined;
      if (token && accountId) {
        ctx.state.auth = { accountId, via: 'session', csrfToken: csrfTokenFor(deps.config.masterSecret, token) };
      }
    }
    checkCsrf(ctx);
    await next();
  };
}

/**
 * Seed 000's `api_key` in a JSON body: after the body is parsed, a request no header or
 * session authenticated is authenticated by it. The field is taken out of the body either
 * way, so the strict request schemas never see it.
 */
export function bodyApiKey(deps: AppDeps) {
  return async function bodyApiKeyMiddleware(ctx: Context, next: Next): Promise<void> {
    const body = ctx.request.body;
    if (body && typeof body === 'object' && !Array.isArray(body) && 'api_key' in body) {
      const { api_key: secret, ...rest } = body as Record<string, unknown>;
      ctx.request.body = rest;
      if (!ctx.state.auth) {
        if (typeof secret !== 'string' || !secret.trim()) {
          throw new ApiError(401, 'invalid_api_key', 'api_key: expected the API key (lc_live_...)');
        }
        ctx.state.auth = await authenticateKey(deps, ctx, secret.trim());
      }
    }
    await next();
  };
}

/**
 * Cookie-authenticated writes must carry the session's CSRF token in `X-CSRF-Token`.
 * Requests authenticated by key carry no ambient credential and need none. Cross-site
 * writes without a session (signup, login) are refused by the browser's Sec-Fetch-Site.
 */
function checkCsrf(ctx: Context): void {
  if (!UNSAFE_METHODS.has(ctx.method) || ctx.state.auth?.via === 'key') return;
  if (ctx.get('sec-fetch-site') === 'cross-site') {
    throw new ApiError(403, 'csrf_failed', 'cross-site requests are not allowed');
  }
  const auth = ctx.state.auth;
  if (auth?.via !== 'session' || !auth.csrfToken || SESSION_REPLACING.has(ctx.path)) return;
  const given = ctx.get('x-csrf-token');
  if (!given || !csrfTokenMatches(auth.csrfToken, given)) {
    throw new ApiError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token header (GET /api/auth/me returns it)');
  }
}

/** 401 unless authenticated by one of `vias` (any when none are given). */
export function requireAuth(...vias: Auth['via'][]) {
  return async function requireAuthMiddleware(ctx: Context, next: Next): Promise<void> {
    authOf(ctx, ...vias);
    await next();
  };
}

/** The request's Auth, or a 401 naming what would have worked. */
export function authOf(ctx: Context, ...vias: Auth['via'][]): Auth {
  const auth = ctx.state.auth;
  const allowed = vias.length ? vias : (['session', 'key'] as const);
  if (auth && allowed.includes(auth.via)) return auth;
  const how =
    allowed.length === 2
      ? 'an API key (Authorization: Bearer lc_live_...) or a session'
      : allowed[0] === 'key'
        ? 'an API key (Authorization: Bearer lc_live_...)'
        : 'a signed-in session';
  throw new ApiError(401, 'unauthorized', `this endpoint needs ${how}`);
}
