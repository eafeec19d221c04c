// Who pays for a render. An account's render takes a unit of its per-minute rate, then one
// of its monthly quota; a public render takes a unit of the caller's per-IP rate. Cache
// hits are free and never get here. Limits come from the account row, else from the
// environment; null is unlimited (still counted, for /api/usage).
import type { Context } from 'koa';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { rateBucketOf } from '../http/client-ip';
import { type CounterDecision, RATE_WINDOW_SECONDS, refundMonthly, takeMonthly, takeRate } from './quota.repository';
import { type PolicyDecision, setRateLimitHeaders } from './rate-limit-headers';

export interface AccountLimits {
  monthlyQuota: number | null;
  ratePerMinute: number | null;
}

export async function accountLimits(deps: AppDeps, accountId: string): Promise<AccountLimits> {
  const row = await deps.db
    .selectFrom('accounts')
    .select(['monthly_quota', 'rate_per_minute'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  return {
    monthlyQuota: row?.monthly_quota ?? deps.config.monthlyQuota,
    ratePerMinute: row?.rate_per_minute ?? deps.config.ratePerMinute,
  };
}

export interface Charge {
  decisions: PolicyDecision[];
  /** Gives the monthly unit back when the render is not delivered. */
  refund(): Promise<void>;
}

const MONTH_SECONDS = 30 * 24 * 60 * 60;

function policy(name: string, windowSeconds: number, decision: CounterDecision): PolicyDecision {
  return { ...decision, name, windowSeconds };
}

function refusal(code: 'rate_limited' | 'quota_exceeded', message: string, d: PolicyDecision): ApiError {
  return new ApiError(429, code, message, {
    limit: d.limit,
    remaining: 0,
    resetAt: new Date(d.resetAt * 1000).toISOString(),
  });
}

/**
 * Takes one render from an account, or throws 429 (with the rate-limit headers set on
 * `ctx`). The caller refunds if it then fails to deliver.
 */
export async function chargeAccount(
  deps: AppDeps,
  ctx: Context,
  accountId: string,
  nowMs = Date.now(),
): Promise<Charge> {
  const limits = await accountLimits(deps, accountId);
  const decisions: PolicyDecision[] = [];
  if (limits.ratePerMinute !== null) {
    const rate = policy(
      'minute',
      RATE_WINDOW_SECONDS,
      await takeRate(deps.db, `account:${accountId}`, limits.ratePerMinute, nowMs),
    );
    decisions.push(rate);
    if (!rate.allowed) {
      setRateLimitHeaders(ctx, decisions, nowMs);
      throw refusal('rate_limited', `rate limit reached: at most ${rate.limit} renders per minute`, rate);
    }
  }
  const month = policy('month', MONTH_SECONDS, await takeMonthly(deps.db, accountId, limits.monthlyQuota, nowMs));
  decisions.push(month);
  setRateLimitHeaders(ctx, decisions, nowMs);
  if (!month.allowed) {
    throw refusal(
      'quota_exceeded',
      `monthly render quota reached (${month.limit}); it resets at the start of next month (UTC)`,
      month,
    );
  }
  return { decisions, refund: () => refundMonthly(deps.db, accountId, nowMs) };
}

/**
 * Takes one sign-up or login attempt from the caller's address, or throws 429. Counted
 * before the password is hashed, successful or not: each attempt costs a 32 MiB scrypt.
 */
export async function chargeAuthAttempt(deps: AppDeps, ctx: Context, nowMs = Date.now()): Promise<void> {
  const limit = deps.config.authRatePerMinute;
  const rate = policy(
    'auth-minute',
    RATE_WINDOW_SECONDS,
    await takeRate(deps.db, `auth-ip:${rateBucketOf(ctx.ip)}`, limit, nowMs),
  );
  setRateLimitHeaders(ctx, [rate], nowMs);
  if (!rate.allowed) {
    throw refusal(
      'rate_limited',
      `too many attempts from your address: at most ${limit} sign-up and login attempts per minute`,
      rate,
    );
  }
}

/** Takes one unit of the caller's per-IP rate for public renders, or throws 429. */
export async function chargePublic(deps: AppDeps, ctx: Context, nowMs = Date.now()): Promise<Charge> {
  const limit = deps.config.publicRatePerMinute;
  const rate = policy(
    'public-minute',
    RATE_WINDOW_SECONDS,
    await takeRate(deps.db, `ip:${rateBucketOf(ctx.ip)}`, limit, nowMs),
  );
  setRateLimitHeaders(ctx, [rate], nowMs);
  if (!rate.allowed)
    throw refusal('rate_limited', `rate limit reached: at most ${limit} public renders per minute`, rate);
  return { decisions: [rate], refund: async () => {} };
}
