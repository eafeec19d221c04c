// Slows password guessing: after 10 failures for one (client address, email) within 15
// minutes, that pair waits out the rest of the window. The count is a row in the database
// (an atomic upsert on both dialects), so nodes sharing a database share it: a load balancer
// spreading guesses over N nodes gives no more tries than one node.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';

export const MAX_LOGIN_FAILURES = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

const keyOf = (key: string) => createHash('sha256').update(key).digest('hex');

export class LoginThrottle {
  constructor(private readonly db: Kysely<Database>) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  async blockedFor(key: string, now = Date.now()): Promise<number> {
    const row = await this.db
      .selectFrom('login_failures')
      .select(['count', 'since_ms'])
      .where('key', '=', keyOf(key))
      .executeTakeFirst();
    if (!row || now - Number(row.since_ms) >= LOGIN_FAILURE_WINDOW_MS) return 0;
    return row.count >= MAX_LOGIN_FAILURES
      ? Math.ceil((Number(row.since_ms) + LOGIN_FAILURE_WINDOW_MS - now) / 1000)
      : 0;
  }

  async fail(key: string, now = Date.now()): Promise<void> {
    const expired = now - LOGIN_FAILURE_WINDOW_MS;
    const opened = await this.db
      .insertInto('login_failures')
      .values({ key: keyOf(key), count: 1, since_ms: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          // A window that has ended starts again at this failure.
          count: sql`case when login_failures.since_ms <= ${expired} then 1 else login_failures.count + 1 end`,
          since_ms: sql`case when login_failures.since_ms <= ${expired} then ${now} else login_failures.since_ms end`,
        }),
      )
      .returning('count')
      .executeTakeFirst();
    // Whenever a window opens, rows of windows long over go (an indexed range delete).
    if (opened?.count === 1) await this.db.deleteFrom('login_failures').where('since_ms', '<=', expired).execute();
  }

  async succeed(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', keyOf(key)).execute();
  }
}
