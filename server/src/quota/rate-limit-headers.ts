// Rate-limit response fields: the de-facto X-RateLimit-* trio (GitHub style, Reset in unix
// seconds) for the policy closest to refusing, and the IETF RateLimit / RateLimit-Policy
// structured fields (draft-ietf-httpapi-ratelimit-headers) listing every policy.
import type { Context } from 'koa';
import type { CounterDecision } from './quota.repository';

export interface PolicyDecision extends CounterDecision {
  /** `minute`, `month` or `public-minute`. */
  name: string;
  /** Window length in seconds, for RateLimit-Policy `w`. */
  windowSeconds: number;
}

const remaining = (d: PolicyDecision) => Math.max(0, (d.limit ?? 0) - d.used);

/** Sets the headers for the limited policies among `decisions`; unlimited ones are omitted. */
export function setRateLimitHeaders(ctx: Context, decisions: readonly PolicyDecision[], nowMs: number): void {
  const limited = decisions.filter((d) => d.limit !== null);
  if (limited.length === 0) return;
  // A refused policy wins; otherwise the one with the fewest units left.
  const refused = limited.find((d) => !d.allowed);
  const tightest = refused ?? limited.reduce((a, b) => (remaining(b) < remaining(a) ? b : a));
  const nowSeconds = Math.floor(nowMs / 1000);
  ctx.set('X-RateLimit-Limit', String(tightest.limit));
  ctx.set('X-RateLimit-Remaining', String(remaining(tightest)));
  ctx.set('X-RateLimit-Reset', String(tightest.resetAt));
  ctx.set('RateLimit-Policy', limited.map((d) => `"${d.name}";q=${d.limit};w=${d.windowSeconds}`).join(', '));
  ctx.set(
    'RateLimit',
    limited.map((d) => `"${d.name}";r=${remaining(d)};t=${Math.max(0, d.resetAt - nowSeconds)}`).join(', '),
  );
  if (refused) ctx.set('Retry-After', String(Math.max(1, refused.resetAt - nowSeconds)));
}
