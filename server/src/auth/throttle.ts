// Slows password guessing: after 10 failures for one (IP, email) within 15 minutes, that
// pair waits out the rest of the window. Memory is bounded by dropping the oldest entries.
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; since: number }>();

  /** Seconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string, now = Date.now()): number {
    const entry = this.#failures.get(key);
    if (!entry || now - entry.since >= WINDOW_MS) return 0;
    return entry.count >= MAX_FAILURES ? Math.ceil((entry.since + WINDOW_MS - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.#failures.get(key);
    if (!entry || now - entry.since >= WINDOW_MS) {
      this.#failures.delete(key);
      if (this.#failures.size >= MAX_ENTRIES) {
        const oldest = this.#failures.keys().next().value;
        if (oldest !== undefined) this.#failures.delete(oldest);
      }
      this.#failures.set(key, { count: 1, since: now });
    } else entry.count++;
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
