// A finished job's result, POSTed to its webhook URL through the guarded fetcher and signed
// like Stripe's: `Layercast-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
// with the signing secret of the API key that created the job. Failed deliveries are tried
// again with growing delays for 24 hours (at the default 30 s base) after the first attempt.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Layercast-Signature';

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** Delays after attempt 1, 2, …, in multiples of the base: 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, then 8 h. */
const STEPS = [1, 4, 20, 120, 240, 480, 960];

/** How long after the first attempt retries go on: 24 h at the default 30 s base. */
export const windowMs = (baseMs: number) => 2_880 * baseMs;

/**
 * When the attempt after `attempts` failed ones is due, or null when it would fall past the
 * window (the delivery has failed for good).
 */
export function nextAttemptAt(firstAttemptMs: number, lastAttemptMs: number, attempts: number, baseMs: number) {
  const step = STEPS[Math.min(attempts - 1, STEPS.length - 1)] ?? 1;
  const next = lastAttemptMs + step * baseMs;
  return next > firstAttemptMs + windowMs(baseMs) ? null : next;
}

/** A 2xx answer is a delivery; anything else (3xx included: redirects are not followed) is retried. */
export const delivered = (status: number) => status >= 200 && status < 300;
