// GET /api/usage: this month's renders against the quota, and the per-minute rate.
import type Router from '@koa/router';
import { authOf } from '../auth/auth.middleware';
import type { QuotaService } from './quota.service';

export function mountUsageRoutes(router: Router, quota: QuotaService): void {
  router.get('/api/usage', async (ctx) => {
    const { accountId } = authOf(ctx);
    ctx.body = { success: true, ...(await quota.usage(accountId)) };
  });
}
