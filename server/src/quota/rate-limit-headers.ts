// Rate-limit response fields: the de-facto X-RateLimit-* trio (GitHub style, Reset in unix
// seconds) for the policy closest to refusing, and the IETF RateLimit / RateLimit-Policy
// structured fields (draft-ietf-httpapi-ratelimit-headers) listing every policy.
import type { CounterDecision } from './quota.repository';

export interface PolicyDecision extends CounterDecision {
  /** `minute`, `month` or `public-minute`. */
  name: string;
  /** Window length in seconds, for RateLimit-Policy `w`. */
  windowSeconds: number;
}

/** What a charge decided, and when: everything the rate-limit headers are made from. */
export interface RateLimitState {
  decisions: PolicyDecision[];
  nowMs: number;
}

const remaining = (d: PolicyDecision) => Math.max(0, (d.limit ?? 0) - d.used);

/**
 * The headers for the limited policies among the decisions (none when all are unlimited),
 * with Retry-After when one of them refused.
 */
export function rateLimitHeaders({ decisions, nowMs }: RateLimitState): Record<string, string> {
  const limited = decisions.filter((d) => d.limit !== null);
  if (limited.length === 0) return {};
  // A refused policy wins; otherwise the one with the fewest units left.
  const refused = limited.find((d) => !d.allowed);
  const tightest = refused ?? limited.reduce((a, b) => (remaining(b) < remaining(a) ? b : a));
  const nowSeconds = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(tightest.limit),
    'X-RateLimit-Remaining': String(remaining(tightest)),
    'X-RateLimit-Reset': String(tightest.resetAt),
    'RateLimit-Policy': limited.map((d) => `"${d.name}";q=${d.limit};w=${d.windowSeconds}`).join(', '),
    RateLimit: limited.map((d) => `"${d.name}";r=${remaining(d)};t=${Math.max(0, d.resetAt - nowSeconds)}`).join(', '),
  };
  if (refused) headers['Retry-After'] = String(Math.max(1, refused.resetAt - nowSeconds));
  return headers;
}
