// /api/auth/*: sign up, log in, log out, me. The session cookie is set here; the rest is
// the auth service's.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseJson } from '../http/body';
import type { QuotaService } from '../quota/quota.service';
import { rateLimitHeaders } from '../quota/rate-limit-headers';
import { authOf } from './auth.middleware';
import type { AuthService } from './auth.service';
import { SESSION_COOKIE } from './sessions.repository';

export const CredentialsSchema = z.strictObject({
  email: z.email({ error: 'expected an email address' }).max(254, { error: 'expected at most 254 characters' }),
  password: z
    .string({ error: 'expected a string' })
    .min(8, { error: 'expected at least 8 characters' })
    .max(256, { error: 'expected at most 256 characters' }),
});

const AccountSchema = z.object({ id: z.string(), email: z.string(), createdAt: z.string() });
const csrfToken = z.string().meta({ description: 'Send as X-CSRF-Token on cookie-authenticated writes.' });

/** Sign-up and login: a session was started, so there is always a CSRF token. */
export const SessionSchema = z.object({ account: AccountSchema, csrfToken }).meta({ id: 'Session' });

/** GET /api/auth/me: the token only for a session; an API key has none to give. */
export const MeSchema = z
  .object({
    account: AccountSchema,
    csrfToken: csrfToken.optional().meta({ description: 'Only when signed in by a session cookie.' }),
  })
  .meta({ id: 'Me' });

function setSessionCookie(ctx: Context, token: string, expires: Date): void {
  // Secure whenever the client reached us over https (directly or, with trustProxy, via the proxy).
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    expires,
    path: '/',
    overwrite: true,
  });
}

export function mountAuthRoutes(router: Router, deps: { auth: AuthService; quota: QuotaService }): void {
  const { auth, quota } = deps;

  /** Counts a sign-up or login attempt against the caller's address (429 past the limit). */
  const chargeAttempt = async (ctx: Context) => {
    ctx.set(rateLimitHeaders(await quota.chargeAuthAttempt(ctx.ip)));
  };

  const startSession = async (ctx: Context, account: Parameters<AuthService['startSession']>[0]) => {
    // A session the browser still holds is replaced, not left behind alive.
    const session = await auth.startSession(account, ctx.cookies.get(SESSION_COOKIE));
    setSessionCookie(ctx, session.token, session.expiresAt);
    return session.body;
  };

  router.post('/api/auth/signup', async (ctx) => {
    auth.assertSignupOpen();
    await chargeAttempt(ctx);
    const account = await auth.signup(parseJson(ctx, CredentialsSchema));
    ctx.status = 201;
    ctx.body = await startSession(ctx, account);
  });

  router.post('/api/auth/login', async (ctx) => {
    await chargeAttempt(ctx);
    const account = await auth.login(parseJson(ctx, CredentialsSchema), ctx.ip);
    ctx.body = await startSession(ctx, account);
  });

  router.post('/api/auth/logout', async (ctx) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) await auth.endSession(token);
    ctx.cookies.set(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secure,
      expires: new Date(0),
      path: '/',
    });
    ctx.status = 204;
  });

  router.get('/api/auth/me', async (ctx) => {
    const body = await auth.me(authOf(ctx));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
