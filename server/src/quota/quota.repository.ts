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
 * A fixed one-minute window per bucket, taken in one statement: an upsert that opens the
 * window (a new bucket, or a stale window moved forward with its count reset) or, in the
 * current window, takes a unit only if it still has room. A refused request changes
 * nothing. Whenever a request opens a window (its count reads back as 1), windows untouched
 * for an hour are deleted: every distinct client address leaves a row, and nothing else
 * would ever remove it. The delete is a range on an index (migration 0003), so each stale
 * row costs one visit. (Two statements, open then take, cost the render path a second
 * commit per request.)
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
  if (limit < 1) return { allowed: false, limit, used: 0, resetAt };
  const stale = sql<boolean>`rate_windows.window_start < ${windowStart}`;
  const row = await db
    .insertInto('rate_windows')
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .column('bucket')
        .doUpdateSet({
          window_start: windowStart,
          count: sql`case when ${stale} then 1 else rate_windows.count + 1 end`,
        })
        .where(
          sql<boolean>`${stale} or (rate_windows.window_start = ${windowStart} and rate_windows.count < ${limit})`,
        ),
    )
    .returning('count')
    .executeTakeFirst();
  if (row) {
    if (row.count === 1) await pruneRateWindows(db, nowMs);
    return { allowed: true, limit, used: row.count, resetAt };
  }
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
