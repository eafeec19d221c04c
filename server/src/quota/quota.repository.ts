// The two counters behind quotas and rates. Each check-and-increment is one conditional
// UPDATE: the database applies it atomically (SQLite under its write lock, Postgres under
// the row lock, re-checking the WHERE), so parallel requests can never pass a limit that
// only one of them had room for.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { withoutFsync } from '../db/without-fsync';

export interface CounterDecision {
  allowed: boolean;
  /** Null = unlimited. */
  limit: number | null;
  /** Units used in the window after this request (unchanged when refused). */
  used: number;
  /** Unix seconds when the window resets. */
  resetAt: number;
}

/** `YYYY-MM` in UTC. */
export function monthKey(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 7);
}

/** Unix seconds at the start of the next UTC month. */
export function nextMonthStart(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/** Counts one render against this month, unless that would pass `limit`. */
export async function takeMonthly(
  db: Kysely<Database>,
  accountId: string,
  limit: number | null,
  nowMs: number,
): Promise<CounterDecision> {
  const month = monthKey(nowMs);
  const resetAt = nextMonthStart(nowMs);
  await db
    .insertInto('usage_months')
    .values({ account_id: accountId, month, renders: 0 })
    .onConflict((oc) => oc.columns(['account_id', 'month']).doNothing())
    .execute();
  let update = db
    .updateTable('usage_months')
    .set({ renders: sql`renders + 1` })
    .where('account_id', '=', accountId)
    .where('month', '=', month);
  if (limit !== null) update = update.where('renders', '<', limit);
  const row = await update.returning('renders').executeTakeFirst();
  if (row) return { allowed: true, limit, used: row.renders, resetAt };
  return { allowed: false, limit, used: await monthlyUsed(db, accountId, nowMs), resetAt };
}

/** Gives back a render that was counted but not delivered (the render failed). */
export async function refundMonthly(db: Kysely<Database>, accountId: string, nowMs: number): Promise<void> {
  await db
    .updateTable('usage_months')
    .set({ renders: sql`renders - 1` })
    .where('account_id', '=', accountId)
    .where('month', '=', monthKey(nowMs))
    .where('renders', '>', 0)
    .execute();
}

export async function monthlyUsed(db: Kysely<Database>, accountId: string, nowMs: number): Promise<number> {
  const row = await db
    .selectFrom('usage_months')
    .select('renders')
    .where('account_id', '=', accountId)
    .where('month', '=', monthKey(nowMs))
    .executeTakeFirst();
  return row?.renders ?? 0;
}

export const RATE_WINDOW_SECONDS = 60;

/** Windows older than this are deleted: no limit looks back further than a minute. */
export const RATE_WINDOW_RETENTION_SECONDS = 3600;

/**
 * A fixed one-minute window per bucket. The common case is one statement: a unit taken from
 * the current window if it still has room. Only when that finds no current window does an
 * upsert open one (a new bucket, or a stale window moved forward with its count reset to
 * this request's unit); an upsert that finds the window already current (another request or
 * node opened it first) leaves it alone, and the unit is taken from it as in the common case.
 * A refused request changes nothing. Whenever a request opens a window, windows untouched
 * for an hour are deleted: every distinct client address leaves a row, and nothing else
 * would ever remove it. The delete is a range on an index (migration 0003), so each stale
 * row costs one visit. (Opening the window first on every request cost the render path a
 * second commit, and one upsert for every request rewrote the window index each time.)
 */
export function takeRate(db: Kysely<Database>, bucket: string, limit: number, nowMs: number): Promise<CounterDecision> {
  // A minute's count lost to a power cut only lets a caller a few more renders that minute.
  return withoutFsync(db, (connection) => takeRateOn(connection, bucket, limit, nowMs));
}

async function takeRateOn(
  db: Kysely<Database>,
  bucket: string,
  limit: number,
  nowMs: number,
): Promise<CounterDecision> {
  const windowStart = Math.floor(nowMs / 1000 / RATE_WINDOW_SECONDS) * RATE_WINDOW_SECONDS;
  const resetAt = windowStart + RATE_WINDOW_SECONDS;
  const take = () =>
    db
      .updateTable('rate_windows')
      .set({ count: sql`count + 1` })
      .where('bucket', '=', bucket)
      .where('window_start', '=', windowStart)
      .where('count', '<', limit)
      .returning('count')
      .executeTakeFirst();
  let row = await take();
  if (!row && limit > 0) {
    const opened = await db
      .insertInto('rate_windows')
      .values({ bucket, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc
          .column('bucket')
          .doUpdateSet({ window_start: windowStart, count: 1 })
          .where('rate_windows.window_start', '<', windowStart),
      )
      .returning('count')
      .executeTakeFirst();
    if (opened) await pruneRateWindows(db, nowMs);
    row = opened ?? (await take());
  }
  if (row) return { allowed: true, limit, used: row.count, resetAt };
  const current = await db
    .selectFrom('rate_windows')
    .select(['count', 'window_start'])
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  return { allowed: false, limit, used: current?.window_start === windowStart ? current.count : limit, resetAt };
}

/** Deletes rate windows that ended more than an hour ago. */
export async function pruneRateWindows(db: Kysely<Database>, nowMs: number): Promise<void> {
  const cutoff = Math.floor(nowMs / 1000) - RATE_WINDOW_RETENTION_SECONDS;
  await db.deleteFrom('rate_windows').where('window_start', '<', cutoff).execute();
}
