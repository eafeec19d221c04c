// Headers every response carries. API responses are JSON or images, never HTML to sniff.
import type { Context, Next } from 'koa';

export function securityHeaders() {
  return async function securityHeadersMiddleware(ctx: Context, next: Next): Promise<void> {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    await next();
  };
}
