// GET /api/brand (the kit, with logo URLs and the account's font families) and PUT /api/brand
// (the whole kit: colours and logos).
import type Router from '@koa/router';
import { BrandKitUpdateSchema } from '@layercast/shared';
import { authOf } from '../auth/auth.middleware';
import { parseJson } from '../http/body';
import type { BrandService } from './brand.service';

export function mountBrandRoutes(router: Router, brand: BrandService): void {
  router.get('/api/brand', async (ctx) => {
    const auth = authOf(ctx);
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = { success: true, brand: await brand.get(auth.accountId) };
  });

  router.put('/api/brand', async (ctx) => {
    const auth = authOf(ctx);
    const update = parseJson(ctx, BrandKitUpdateSchema);
    ctx.body = { success: true, brand: await brand.put(auth.accountId, update) };
  });
}
