// GET /healthz (and /health, which monitors written for other services probe): the process
// answers and the database does too.
import type Router from '@koa/router';
import { sql } from 'kysely';
import type { AppDeps } from '../deps';

export function mountHealth(router: Router, deps: AppDeps): void {
  router.get(['/healthz', '/health'], async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(deps.db);
      ctx.body = { status: 'ok', database: 'ok' };
    } catch (error) {
      ctx.state.log.error({ err: error }, 'health check: database unreachable');
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { status: 'error', database: 'unreachable' };
    }
  });
}
