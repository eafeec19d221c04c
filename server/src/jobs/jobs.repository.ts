// Jobs, their items and webhook attempts, as plain functions of (db, ...) so they run inside a
// transaction too. A row's result is committed with the job's counters in one transaction,
// and only while the row is still pending: a row is counted once however often it is tried.
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import { refundMonthly } from '../quota/quota.repository';
import type { JobItemStatus, JobItemsTable, JobsTable, WebhookAttemptsTable } from './jobs.table';

export type JobRow = Selectable<JobsTable>;
export type JobItemRow = Selectable<JobItemsTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

/** An item's failure as the API shows it. */
export interface ItemError {
  code: string;
  message: string;
  path?: string;
}

/** A row as the job is created with it: a generate body to render, or its error already known. */
export type NewItem = { row: number; request: Record<string, unknown> } | { row: number; error: ItemError };

/** 128 random bits, URL-safe, like image ids. */
export const newJobId = () => `job_${randomBytes(16).toString('base64url')}`;

const INSERT_CHUNK = 500;

export async function insertJob(
  db: Kysely<Database>,
  job: Omit<JobRow, 'done' | 'failed' | 'total'>,
  items: readonly NewItem[],
): Promise<JobRow> {
  const failed = items.filter((i) => 'error' in i).length;
  const row: JobRow = { ...job, total: items.length, done: 0, failed };
  const now = job.created_at;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('jobs').values(row).execute();
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('job_items')
        .values(
          items.slice(i, i + INSERT_CHUNK).map((item) => ({
            job_id: job.id,
            row: item.row,
            status: ('error' in item ? 'failed' : 'pending') as JobItemStatus,
            request: 'request' in item ? JSON.stringify(item.request) : null,
            render_id: null,
            render_ext: null,
            cached: 0,
            charged_at: null,
            error: 'error' in item ? JSON.stringify(item.error) : null,
            finished_at: 'error' in item ? now : null,
          })),
        )
        .execute();
    }
  });
  return row;
}

export function findJob(db: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOwnJob(db: Kysely<Database>, accountId: string, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** Jobs not finished and held by nobody (or by a node whose claim lapsed), and webhooks still to deliver. */
export async function unqueuedWork(db: Kysely<Database>) {
  const now = new Date().toISOString();
  const jobs = await db
    .selectFrom('jobs')
    .select('id')
    .where('finished_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .execute();
  const webhooks = await db
    .selectFrom('jobs')
    .select(['id', 'webhook_next_attempt_at'])
    .where('webhook_status', '=', 'pending')
    .execute();
  return { jobs: jobs.map((j) => j.id), webhooks };
}

export function listJobs(db: Kysely<Database>, accountId: string, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function listItems(db: Kysely<Database>, jobId: string, offset: number, limit: number): Promise<JobItemRow[]> {
  return db
    .selectFrom('job_items')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('row')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** The next pending rows, in order. */
export function pendingItems(db: Kysely<Database>, jobId: string, limit: number): Promise<JobItemRow[]> {
  return db
    .selectFrom('job_items')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('status', '=', 'pending')
    .orderBy('row')
    .limit(limit)
    .execute();
}

/**
 * Takes the job for `owner` until `untilIso` when nobody holds it (or the holder's claim has
 * lapsed); marks it running. False when it is held, by another process or this one.
 */
export async function claimJob(db: Kysely<Database>, id: string, owner: string, untilIso: string): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      lease_owner: owner,
      lease_until: untilIso,
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
    }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.updateTable('jobs').set({ status: 'running' }).where('id', '=', id).where('status', '=', 'queued').execute();
  return true;
}

export async function renewJob(db: Kysely<Database>, id: string, owner: string, untilIso: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_until: untilIso })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function releaseJob(db: Kysely<Database>, id: string, owner: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Notes that an attempt at the row has been charged (`at`), or that its charge was given back (null). */
export async function markCharged(db: Kysely<Database>, jobId: string, row: number, at: string | null): Promise<void> {
  await db
    .updateTable('job_items')
    .set({ charged_at: at })
    .where('job_id', '=', jobId)
    .where('row', '=', row)
    .execute();
}

/**
 * Gives back the charge of an attempt that never finished (its node died between charging and
 * committing the row), once: the unit and the note go together.
 */
export async function refundInterrupted(db: Kysely<Database>, accountId: string, item: JobItemRow): Promise<void> {
  if (!item.charged_at || item.status !== 'pending') return;
  const chargedAt = item.charged_at;
  await db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable('job_items')
      .set({ charged_at: null })
      .where('job_id', '=', item.job_id)
      .where('row', '=', item.row)
      .where('charged_at', '=', chargedAt)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) === 1) await refundMonthly(trx, accountId, Date.parse(chargedAt));
  });
}

export type ItemResult =
  | { status: 'done'; renderId: string; ext: string; cached: boolean }
  | { status: 'failed'; error: ItemError };

/** Commits one row's result and the job's counters; false when the row was no longer pending. */
export async function finishItem(
  db: Kysely<Database>,
  jobId: string,
  row: number,
  result: ItemResult,
): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('job_items')
      .set(
        result.status === 'done'
          ? {
              status: 'done',
              render_id: result.renderId,
              render_ext: result.ext,
              cached: result.cached ? 1 : 0,
              finished_at: now,
            }
          : { status: 'failed', error: JSON.stringify(result.error), finished_at: now },
      )
      .where('job_id', '=', jobId)
      .where('row', '=', row)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable('jobs')
      .set((eb) => (result.status === 'done' ? { done: eb('done', '+', 1) } : { failed: eb('failed', '+', 1) }))
      .where('id', '=', jobId)
      .execute();
    return true;
  });
}

/** Marks a job whose rows are all finished: succeeded, failed (every row) or partial. */
export async function finishJob(db: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  const now = new Date().toISOString();
  const job = await findJob(db, id);
  if (!job) return undefined;
  const status = job.failed === 0 ? 'succeeded' : job.done === 0 ? 'failed' : 'partial';
  const webhook = job.webhook_url && job.webhook_status === null ? { webhook_status: 'pending' as const } : {};
  await db
    .updateTable('jobs')
    .set({
      status,
      finished_at: now,
      lease_owner: null,
      lease_until: null,
      started_at: job.started_at ?? now,
      ...webhook,
    })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .execute();
  return findJob(db, id);
}

export function listAttempts(db: Kysely<Database>, jobId: string): Promise<WebhookAttemptRow[]> {
  return db.selectFrom('webhook_attempts').selectAll().where('job_id', '=', jobId).orderBy('attempt').execute();
}

/** Stores one delivery attempt and what follows it: delivered, failed for good, or the next try. */
export async function recordAttempt(
  db: Kysely<Database>,
  jobId: string,
  attempt: Omit<WebhookAttemptRow, 'job_id' | 'attempt'>,
  next: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: string | null; firstAttemptAt: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('webhook_attempts')
      .select((eb) => eb.fn.max('attempt').as('n'))
      .where('job_id', '=', jobId)
      .executeTakeFirst();
    await trx
      .insertInto('webhook_attempts')
      .values({ job_id: jobId, attempt: Number(last?.n ?? 0) + 1, ...attempt })
      .execute();
    await trx
      .updateTable('jobs')
      .set({
        webhook_status: next.status,
        webhook_next_attempt_at: next.nextAttemptAt,
        webhook_first_attempt_at: next.firstAttemptAt,
      })
      .where('id', '=', jobId)
      .execute();
  });
}

/** Every item of a job in row order, read a page at a time (for the archive). */
export async function* allItems(db: Kysely<Database>, jobId: string, pageSize = 500): AsyncGenerator<JobItemRow> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('job_items')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('row', '>', after)
      .orderBy('row')
      .limit(pageSize)
      .execute();
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.row;
  }
}
