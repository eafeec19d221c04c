// Headers every response carries. API responses are JSON or images, never HTML to sniff.
import type { Context, Next } from 'koa';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function securityHeaders() {
  return async function securityHeadersMiddleware(ctx: Context, next: Next): Promise<void> {
    ctx.set(SECURITY_HEADERS);
    await next();
  };
}
