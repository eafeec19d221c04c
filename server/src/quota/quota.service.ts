// Who pays for a render. An account's render takes a unit of its per-minute rate, then one
// of its monthly quota; a public render takes a unit of the caller's per-IP rate. Cache
// hits are free and never get here. Limits come from the account row, else from the
// configuration; null is unlimited (still counted, for /api/usage).
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { LimitReached } from '../errors';
import { rateBucketOf } from '../http/client-ip';
import {
  type CounterDecision,
  RATE_WINDOW_SECONDS,
  monthKey,
  monthlyUsed,
  nextMonthStart,
  refundMonthly,
  takeMonthly,
  takeRate,
} from './quota.repository';
import type { PolicyDecision, RateLimitState } from './rate-limit-headers';

export interface AccountLimits {
  monthlyQuota: number | null;
  ratePerMinute: number | null;
}

export interface Charge {
  /** What the counters decided: the response reports it in its rate-limit headers. */
  limits: RateLimitState;
  /** Gives the monthly unit back when the render is not delivered. */
  refund(): Promise<void>;
}

/** GET /api/usage's numbers. */
export interface UsageReport {
  month: string;
  renders: number;
  monthlyQuota: number | null;
  remaining: number | null;
  resetsAt: string;
  ratePerMinute: number | null;
}

const MONTH_SECONDS = 30 * 24 * 60 * 60;

function policy(name: string, windowSeconds: number, decision: CounterDecision): PolicyDecision {
  return { ...decision, name, windowSeconds };
}

export type QuotaService = ReturnType<typeof createQuotaService>;

export function createQuotaService({ db, config }: { db: Kysely<Database>; config: Config }) {
  async function accountLimits(accountId: string): Promise<AccountLimits> {
    const row = await db
      .selectFrom('accounts')
      .select(['monthly_quota', 'rate_per_minute'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    return {
      monthlyQuota: row?.monthly_quota ?? config.monthlyQuota,
      ratePerMinute: row?.rate_per_minute ?? config.ratePerMinute,
    };
  }

  return {
    accountLimits,

    /**
     * Takes one render from an account, or throws LimitReached. The caller refunds if it then
     * fails to deliver. `alongside` runs in the transaction that takes the month's unit, so
     * what it writes (a bulk row noting its charge) commits with the charge or not at all.
     */
    async chargeAccount(
      accountId: string,
      nowMs = Date.now(),
      alongside?: (trx: Kysely<Database>) => Promise<void>,
    ): Promise<Charge> {
      const limits = await accountLimits(accountId);
      const decisions: PolicyDecision[] = [];
      if (limits.ratePerMinute !== null) {
        const rate = policy(
          'minute',
          RATE_WINDOW_SECONDS,
          await takeRate(db, `account:${accountId}`, limits.ratePerMinute, nowMs),
        );
        decisions.push(rate);
        if (!rate.allowed) {
          throw new LimitReached('rate_limited', `rate limit reached: at most ${rate.limit} renders per minute`, {
            decisions,
            nowMs,
          });
        }
      }
      const taken = alongside
        ? await db.transaction().execute(async (trx) => {
            const decision = await takeMonthly(trx, accountId, limits.monthlyQuota, nowMs);
            if (decision.allowed) await alongside(trx);
            return decision;
          })
        : await takeMonthly(db, accountId, limits.monthlyQuota, nowMs);
      const month = policy('month', MONTH_SECONDS, taken);
      decisions.push(month);
      if (!month.allowed) {
        throw new LimitReached(
          'quota_exceeded',
          `monthly render quota reached (${month.limit}); it resets at the start of next month (UTC)`,
          { decisions, nowMs },
        );
      }
      return { limits: { decisions, nowMs }, refund: () => refundMonthly(db, accountId, nowMs) };
    },

    /**
     * A gallery thumbnail: one unit of the account's per-minute rate (when it has one) and of
     * its thumbnail rate, never of its monthly quota. Thumbnails are rendered once per saved
     * version, so only a loop of saves and thumbnails reaches these.
     */
    async chargeThumbnail(accountId: string, nowMs = Date.now()): Promise<Charge> {
      const limits = await accountLimits(accountId);
      const decisions: PolicyDecision[] = [];
      if (limits.ratePerMinute !== null) {
        decisions.push(
          policy(
            'minute',
            RATE_WINDOW_SECONDS,
            await takeRate(db, `account:${accountId}`, limits.ratePerMinute, nowMs),
          ),
        );
      }
      const thumbnailLimit = config.thumbnails.ratePerMinute;
      decisions.push(
        policy(
          'thumbnail-minute',
          RATE_WINDOW_SECONDS,
          await takeRate(db, `thumbnail:${accountId}`, thumbnailLimit, nowMs),
        ),
      );
      const refused = decisions.find((d) => !d.allowed);
      if (refused) {
        throw new LimitReached(
          'rate_limited',
          `rate limit reached: at most ${refused.limit} ${refused.name === 'minute' ? 'renders' : 'new thumbnails'} per minute`,
          { decisions, nowMs },
        );
      }
      return { limits: { decisions, nowMs }, refund: async () => {} };
    },

    /** Takes one unit of the caller's per-IP rate for public renders, or throws LimitReached. */
    async chargePublic(ip: string, nowMs = Date.now()): Promise<Charge> {
      const limit = config.publicRatePerMinute;
      const rate = policy(
        'public-minute',
        RATE_WINDOW_SECONDS,
        await takeRate(db, `ip:${rateBucketOf(ip)}`, limit, nowMs),
      );
      const limits = { decisions: [rate], nowMs };
      if (!rate.allowed) {
        throw new LimitReached(
          'rate_limited',
          `rate limit reached: at most ${limit} public renders per minute`,
          limits,
        );
      }
      return { limits, refund: async () => {} };
    },

    /**
     * Takes one sign-up or login attempt from the caller's address, or throws LimitReached.
     * Counted before the password is hashed, successful or not: each attempt costs a 32 MiB scrypt.
     */
    async chargeAuthAttempt(ip: string, nowMs = Date.now()): Promise<RateLimitState> {
      const limit = config.authRatePerMinute;
      const rate = policy(
        'auth-minute',
        RATE_WINDOW_SECONDS,
        await takeRate(db, `auth-ip:${rateBucketOf(ip)}`, limit, nowMs),
      );
      const limits = { decisions: [rate], nowMs };
      if (!rate.allowed) {
        throw new LimitReached(
          'rate_limited',
          `too many attempts from your address: at most ${limit} sign-up and login attempts per minute`,
          limits,
        );
      }
      return limits;
    },

    async usage(accountId: string, nowMs = Date.now()): Promise<UsageReport> {
      const [limits, renders] = await Promise.all([accountLimits(accountId), monthlyUsed(db, accountId, nowMs)]);
      return {
        month: monthKey(nowMs),
        renders,
        monthlyQuota: limits.monthlyQuota,
        remaining: limits.monthlyQuota === null ? null : Math.max(0, limits.monthlyQuota - renders),
        resetsAt: new Date(nextMonthStart(nowMs) * 1000).toISOString(),
        ratePerMinute: limits.ratePerMinute,
      };
    },
  };
}
