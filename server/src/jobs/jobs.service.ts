// Background jobs: an async generate (one row) and bulk renders (up to 10,000 rows), worked
// by whichever node the queue hands them to. Every row renders through the render service's
// `produce`, like POST /api/generate (quota, cache, the pool and its per-account fair
// queue), a few at a time, and its result is committed before the next rows are taken, so a
// job resumed on another node (or after a restart) renders only the rows still pending.
// A node works on a job in slices of bounded time and then offers it back to the queue:
// other jobs get their turn, and a claim never outlives the queue's lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { GenerateRequestSchema, type Job, type JobItem, type JobSummary, type WebhookState } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Auth } from '../deps';
import { DomainError, toApiError, validationError } from '../errors';
import type { ImageFetcher } from '../fetch/guarded-fetch';
import { listApiKeys } from '../keys/keys.repository';
import { signingSecretFor } from '../keys/signing-secret';
import type { RenderService } from '../render/render.service';
import { paramsFromBody } from '../render/request';
import type { TemplateDocuments } from '../templates/template-documents';
import { findOwnTemplate, type Template, templateAtVersion } from '../templates/templates.repository';
import { errorOfRow } from './bulk-rows';
import {
  type ItemResult,
  type JobItemRow,
  type JobRow,
  type NewItem,
  type WebhookAttemptRow,
  claimJob,
  finishItem,
  finishJob,
  findJob,
  insertJob,
  listAttempts,
  listItems,
  markCharged,
  newJobId,
  pendingItems,
  recordAttempt,
  refundInterrupted,
  releaseJob,
  renewJob,
  unqueuedWork,
} from './jobs.repository';
import type { JobQueue, TaskOutcome } from './queue';
import { SIGNATURE_HEADER, delivered, nextAttemptAt, signWebhook } from './webhooks';

export interface JobsServiceDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'masterSecret' | 'jobs' | 'publicUrl'>;
  logger: pino.Logger;
  render: RenderService;
  documents: TemplateDocuments;
  queue: JobQueue;
  fetcher: Pick<ImageFetcher, 'post'>;
}

/** Errors after which a row is tried again later instead of failing: the server or a limit is busy. */
const RETRYABLE = new Set(['overloaded', 'rate_limited', 'unavailable']);

/** What a retryable failure waits when it does not say (seconds). */
const DEFAULT_RETRY_SECONDS = 2;

/** How often a node offers the queue work it may have lost sight of (see ResumeSweep). */
const RESUME_EVERY_MS = 5 * 60_000;

class RetryLater extends Error {
  constructor(readonly delayMs: number) {
    super('retry later');
  }
}

export type JobsService = ReturnType<typeof createJobsService>;

export function createJobsService(deps: JobsServiceDeps) {
  const { db, config, queue, render, documents } = deps;
  const settings = config.jobs;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const log = deps.logger.child({ component: 'jobs' });
  /** Jobs this node is working on now. */
  const working = new Set<string>();
  /** A slice of work on one job stays well inside the queue's lease. */
  const sliceMs = Math.max(500, Math.floor(settings.leaseMs / 2));

  /** The key whose signing secret signs the webhook: the caller's, or the account's newest for a session. */
  async function signingKeyOf(auth: Auth, webhookUrl: string | undefined): Promise<string | null> {
    if (auth.keyId) return auth.keyId;
    if (!webhookUrl) return null;
    const [newest] = await listApiKeys(db, auth.accountId);
    if (!newest) {
      throw validationError('invalid_request', [
        {
          path: 'webhookUrl',
          message: 'webhooks are signed with an API key’s signing secret: create an API key first',
        },
      ]);
    }
    return newest.id;
  }

  async function create(
    auth: Auth,
    kind: Job['kind'],
    template: Template,
    items: readonly NewItem[],
    origin: string,
    webhookUrl: string | undefined,
  ): Promise<JobRow> {
    const now = new Date().toISOString();
    const job = await insertJob(
      db,
      {
        id: newJobId(),
        account_id: auth.accountId,
        key_id: await signingKeyOf(auth, webhookUrl),
        kind,
        status: 'queued',
        template_id: template.id,
        template_version: template.version,
        origin,
        webhook_url: webhookUrl ?? null,
        webhook_status: null,
        webhook_first_attempt_at: null,
        webhook_next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        created_at: now,
        started_at: null,
        finished_at: null,
      },
      items,
    );
    await queue.enqueue('render', job.id);
    return job;
  }

  /** One row: the generate it describes, rendered and stored like POST /api/generate. */
  async function renderRow(job: JobRow, item: JobItemRow): Promise<ItemResult> {
    try {
      const parsed = GenerateRequestSchema.safeParse(JSON.parse(item.request ?? '{}'));
      if (!parsed.success) throw validationError('invalid_request', []);
      const params = paramsFromBody(parsed.data);
      params.version ??= job.template_version;
      const current = await findOwnTemplate(db, job.account_id, job.template_id, documents);
      if (!current) throw new DomainError('not_found', 'the template was deleted');
      const template = await templateAtVersion(db, current, params.version, documents);
      const page = await render.withPage(template, params);
      if (item.charged_at && item.status === 'pending') {
        // An attempt was charged and never recorded (its node died). If it stored its render
        // before dying, that render is the row's: rendered and charged once. Otherwise the
        // charge is given back and the row renders now.
        const stored = await render.findReusable(render.prepare(template, page.params, 'generate'));
        if (stored && stored.render.created_at >= item.charged_at) {
          return { status: 'done', renderId: stored.render.id, ext: stored.render.ext, cached: false };
        }
        await refundInterrupted(db, job.account_id, item);
      }
      const outcome = await render.produce(
        template,
        page.params,
        { kind: 'account', accountId: job.account_id },
        {
          origin: job.origin,
          log: log.child({ jobId: job.id, row: item.row }),
          onCharged: (trx) => markCharged(trx, job.id, item.row, new Date().toISOString()),
        },
      );
      return { status: 'done', renderId: outcome.render.id, ext: outcome.render.ext, cached: outcome.cached };
    } catch (error) {
      // Nothing rendered: an interrupted attempt's charge goes back (a no-op once given back).
      await refundInterrupted(db, job.account_id, item);
      const known = toApiError(error);
      if (known && RETRYABLE.has(known.code)) {
        // The render service gave back what it charged; the row stays pending.
        await markCharged(db, job.id, item.row, null);
        const seconds = Number(known.headers['Retry-After']) || DEFAULT_RETRY_SECONDS;
        throw new RetryLater(seconds * 1000);
      }
      const rowError = errorOfRow(item.row, error);
      if (rowError) return { status: 'failed', error: rowError };
      if (known) return { status: 'failed', error: { code: known.code, message: `row ${item.row}: ${known.message}` } };
      log.error({ err: error, jobId: job.id, row: item.row }, 'job row failed');
      return { status: 'failed', error: { code: 'internal_error', message: `row ${item.row}: internal error` } };
    }
  }

  /** The queue's "work on job X": a slice of its pending rows, then done or offered again. */
  async function workOnJob(jobId: string): Promise<TaskOutcome> {
    const job = await findJob(db, jobId);
    if (!job) return { done: true };
    if (job.finished_at) return { done: true };
    const leaseUntil = () => new Date(Date.now() + settings.leaseMs).toISOString();
    // A task offered again while this node still works on the job (the queue's lease ran out
    // during a long render) waits like any other: one slice of a job at a time.
    if (working.has(jobId) || !(await claimJob(db, jobId, owner, leaseUntil()))) {
      // Another node holds it (a slow slice, or one that died: its claim lapses).
      return { done: false, delayMs: Math.ceil(settings.leaseMs / 2) };
    }
    working.add(jobId);
    const renew = setInterval(
      () => {
        renewJob(db, jobId, owner, leaseUntil()).catch((error: unknown) =>
          log.warn({ err: error, jobId }, 'could not renew a job claim'),
        );
      },
      Math.max(50, Math.floor(settings.leaseMs / 3)),
    );
    const sliceEnd = Date.now() + sliceMs;
    try {
      while (Date.now() < sliceEnd) {
        const batch = await pendingItems(db, jobId, settings.rowsInFlight);
        if (batch.length === 0) {
          const finished = await finishJob(db, jobId);
          if (finished?.webhook_url) await queue.enqueue('webhook', jobId);
          log.info({ jobId, status: finished?.status, total: finished?.total }, 'job finished');
          return { done: true };
        }
        const results = await Promise.allSettled(
          batch.map(async (item) => finishItem(db, jobId, item.row, await renderRow(job, item))),
        );
        const retry = results.find(
          (r): r is PromiseRejectedResult => r.status === 'rejected' && r.reason instanceof RetryLater,
        );
        const fault = results.find(
          (r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof RetryLater),
        );
        if (fault) throw fault.reason;
        if (retry) return { done: false, delayMs: (retry.reason as RetryLater).delayMs };
      }
      return { done: false, delayMs: 0 };
    } finally {
      clearInterval(renew);
      await releaseJob(db, jobId, owner).catch(() => undefined);
      working.delete(jobId);
    }
  }

  /** The queue's "deliver job X's webhook": one attempt, then done or the next attempt's delay. */
  async function deliverWebhook(jobId: string): Promise<TaskOutcome> {
    const job = await findJob(db, jobId);
    if (!job?.webhook_url || job.webhook_status !== 'pending') return { done: true };
    const now = Date.now();
    const due = job.webhook_next_attempt_at ? Date.parse(job.webhook_next_attempt_at) : now;
    if (due > now) return { done: false, delayMs: due - now };
    // The finished job's claim now guards its deliveries: one attempt at a time, on any node.
    const until = new Date(now + settings.leaseMs).toISOString();
    if (working.has(jobId) || !(await claimJob(db, jobId, owner, until))) {
      return { done: false, delayMs: Math.ceil(settings.leaseMs / 2) };
    }
    working.add(jobId);
    try {
      // Read again under the claim: another node may have delivered meanwhile.
      const current = await findJob(db, jobId);
      if (!current?.webhook_url || current.webhook_status !== 'pending') return { done: true };
      const dueNow = current.webhook_next_attempt_at ? Date.parse(current.webhook_next_attempt_at) : now;
      if (dueNow > Date.now()) return { done: false, delayMs: dueNow - Date.now() };
      return await attemptDelivery(current, Date.now());
    } finally {
      await releaseJob(db, jobId, owner).catch(() => undefined);
      working.delete(jobId);
    }
  }

  async function attemptDelivery(job: JobRow, now: number): Promise<TaskOutcome> {
    const jobId = job.id;
    if (!job.webhook_url) return { done: true };
    const payload = JSON.stringify({ type: 'job.finished', job: await view(job, job.origin, 0, 10_000) });
    const secret = job.key_id ? signingSecretFor(config.masterSecret, job.key_id) : undefined;
    const headers: Record<string, string> = {};
    if (secret) headers[SIGNATURE_HEADER] = signWebhook(secret, payload, Math.floor(now / 1000));
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = (await deps.fetcher.post(job.webhook_url, payload, headers)).status;
      if (!delivered(statusCode)) error = `HTTP ${statusCode}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : 'the request failed';
    }
    const first = job.webhook_first_attempt_at ?? new Date(now).toISOString();
    const attempts = (await listAttempts(db, jobId)).length + 1;
    const at = new Date(now).toISOString();
    if (error === null) {
      await recordAttempt(
        db,
        jobId,
        { at, status_code: statusCode, error },
        { status: 'delivered', nextAttemptAt: null, firstAttemptAt: first },
      );
      return { done: true };
    }
    const next = nextAttemptAt(Date.parse(first), now, attempts, settings.webhookBackoffMs);
    await recordAttempt(
      db,
      jobId,
      { at, status_code: statusCode, error },
      {
        status: next === null ? 'failed' : 'pending',
        nextAttemptAt: next === null ? null : new Date(next).toISOString(),
        firstAttemptAt: first,
      },
    );
    log.info({ jobId, attempts, statusCode, error }, 'webhook delivery failed');
    return next === null ? { done: true } : { done: false, delayMs: next - now };
  }

  /** Offers the queue every unfinished job and pending webhook again (the queue ignores repeats). */
  async function offerUnqueued(): Promise<void> {
    const work = await unqueuedWork(db);
    for (const id of work.jobs) await queue.enqueue('render', id);
    const now = Date.now();
    for (const hook of work.webhooks) {
      const due = hook.webhook_next_attempt_at ? Date.parse(hook.webhook_next_attempt_at) - now : 0;
      await queue.enqueue('webhook', hook.id, Math.max(0, due));
    }
  }

  /** The job as GET /api/jobs/:id shows it, with items [offset, offset + limit). */
  async function view(job: JobRow, baseUrl: string, offset: number, limit: number): Promise<Job> {
    const items = await listItems(db, job.id, offset, limit);
    const webhook = job.webhook_url ? webhookState(job, await listAttempts(db, job.id)) : undefined;
    return {
      ...summary(job),
      offset,
      limit,
      items: items.map((item) => itemView(item, baseUrl)),
      ...(webhook ? { webhook } : {}),
    };
  }

  return {
    create,
    view,
    summary,
    /** Starts working: this node takes jobs and webhooks from the queue. */
    start() {
      queue.work({ render: workOnJob, webhook: deliverWebhook }, { run: offerUnqueued, everyMs: RESUME_EVERY_MS });
    },
  };
}

export function summary(job: JobRow): JobSummary {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    templateId: job.template_id,
    total: job.total,
    done: job.done,
    failed: job.failed,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  };
}

export function imageUrlOfItem(baseUrl: string, item: Pick<JobItemRow, 'render_id' | 'render_ext'>): string {
  return `${baseUrl}/api/images/${item.render_id}.${item.render_ext}`;
}

function itemView(item: JobItemRow, baseUrl: string): JobItem {
  return {
    row: item.row,
    status: item.status,
    ...(item.status === 'done' ? { imageUrl: imageUrlOfItem(baseUrl, item), cached: item.cached === 1 } : {}),
    ...(item.error ? { error: JSON.parse(item.error) as JobItem['error'] } : {}),
  };
}

function webhookState(job: JobRow, attempts: WebhookAttemptRow[]): WebhookState {
  return {
    url: job.webhook_url ?? '',
    status: job.webhook_status ?? 'pending',
    attempts: attempts.map((a) => ({ at: a.at, statusCode: a.status_code, error: a.error })),
    nextAttemptAt: job.webhook_next_attempt_at,
  };
}
