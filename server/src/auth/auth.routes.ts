// /api/auth/*: sign up, log in, log out, me.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { parseJson } from '../http/body';
import { rateBucketOf } from '../http/client-ip';
import { chargeAuthAttempt } from '../quota/quota.service';
import { createAccount, findAccountByEmail, findAccountById, toAccount } from './accounts.repository';
import { authOf } from './auth.middleware';
import { ConcurrencyGate, GateFullError } from './hash-gate';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { SESSION_COOKIE, createSession, csrfTokenFor, deleteSession } from './sessions.repository';
import { LoginThrottle } from './throttle';

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

/** Hashes running at once (libuv has four threads; two stay free for files and DNS), and waiting. */
const HASHES_AT_ONCE = 2;
const HASHES_QUEUED = 16;
const BUSY_RETRY_AFTER_SECONDS = 1;

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

export function mountAuthRoutes(router: Router, deps: AppDeps): void {
  const { db, config } = deps;
  const throttle = new LoginThrottle();
  const hashGate = new ConcurrencyGate(HASHES_AT_ONCE, HASHES_QUEUED);

  /** Runs a password hash through the gate; a full queue is a 503 the client may retry. */
  const hashing = async <T>(ctx: Context, task: () => Promise<T>): Promise<T> => {
    try {
      return await hashGate.run(task);
    } catch (error) {
      if (!(error instanceof GateFullError)) throw error;
      ctx.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      throw new ApiError(503, 'overloaded', 'the server is busy checking passwords; retry in a moment', {
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
      });
    }
  };

  const startSession = async (ctx: Context, account: { id: string; email: string; created_at: string }) => {
    // A session the browser still holds is replaced, not left behind alive.
    const previous = ctx.cookies.get(SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    const session = await createSession(db, account.id);
    setSessionCookie(ctx, session.token, session.expiresAt);
    return {
      account: { id: account.id, email: account.email, createdAt: account.created_at },
      csrfToken: csrfTokenFor(config.masterSecret, session.token),
    };
  };

  router.post('/api/auth/signup', async (ctx) => {
    if (config.signup === 'closed') {
      throw new ApiError(403, 'signup_closed', 'sign-up is closed on this server; ask its operator for an account');
    }
    await chargeAuthAttempt(deps, ctx);
    const { email, password } = parseJson(ctx, CredentialsSchema);
    const account = await createAccount(db, email, await hashing(ctx, () => hashPassword(password)));
    if (!account) throw new ApiError(409, 'email_taken', 'an account with this email already exists; log in instead');
    ctx.status = 201;
    ctx.body = await startSession(ctx, account);
  });

  router.post('/api/auth/login', async (ctx) => {
    await chargeAuthAttempt(deps, ctx);
    const { email, password } = parseJson(ctx, CredentialsSchema);
    const throttleKey = `${rateBucketOf(ctx.ip)}|${email.toLowerCase()}`;
    const retryAfter = throttle.blockedFor(throttleKey);
    if (retryAfter > 0) {
      ctx.set('Retry-After', String(retryAfter));
      throw new ApiError(429, 'too_many_attempts', `too many failed logins; try again in ${retryAfter} s`);
    }
    const account = await findAccountByEmail(db, email);
    const ok = await hashing(ctx, () => verifyPassword(password, account?.password_hash ?? DUMMY_HASH));
    if (!account?.password_hash || !ok) {
      throttle.fail(throttleKey);
      throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    }
    throttle.succeed(throttleKey);
    ctx.body = await startSession(ctx, account);
  });

  router.post('/api/auth/logout', async (ctx) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) await deleteSession(db, token);
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
    const auth = authOf(ctx);
    const row = await findAccountById(db, auth.accountId);
    if (!row) throw new ApiError(401, 'unauthorized', 'the account no longer exists');
    const account = toAccount(row);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      account: { id: account.id, email: account.email, createdAt: account.createdAt },
      ...(auth.csrfToken ? { csrfToken: auth.csrfToken } : {}),
    };
  });
}
