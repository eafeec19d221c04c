// GET /api/usage: this month's renders against the quota, and the per-minute rate.
import type Router from '@koa/router';
import { authOf } from '../auth/auth.middleware';
import type { AppDeps } from '../deps';
import { monthKey, monthlyUsed, nextMonthStart } from './quota.repository';
import { accountLimits } from './quota.service';

export function mountUsageRoutes(router: Router, deps: AppDeps): void {
  router.get('/api/usage', async (ctx) => {
    const { accountId } = authOf(ctx);
    const now = Date.now();
    const [limits, renders] = await Promise.all([accountLimits(deps, accountId), monthlyUsed(deps.db, accountId, now)]);
    ctx.body = {
      success: true,
      month: monthKey(now),
      renders,
      monthlyQuota: limits.monthlyQuota,
      remaining: limits.monthlyQuota === null ? null : Math.max(0, limits.monthlyQuota - renders),
      resetsAt: new Date(nextMonthStart(now) * 1000).toISOString(),
      ratePerMinute: limits.ratePerMinute,
    };
  });
}
