// The jobs API: POST /api/generate with "async": true, POST /api/bulk (CSV or JSON) and its
// preview, GET /api/jobs, GET /api/jobs/:id and its archive. Jobs are the account's, like
// templates: another account's job id is a 404.
import type Router from '@koa/router';
import {
  BULK_MAX_ROWS,
  type BulkPreview,
  BulkRequestSchema,
  GenerateAsyncFieldsSchema,
  GenerateRequestWithJobSchema,
  type JobAccepted,
  issuesFromZod,
} from '@layercast/shared';
import type { Context, Next } from 'koa';
import type { Kysely } from 'kysely';
import { authOf } from '../auth/auth.middleware';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { type Auth, maySeeTemplate } from '../deps';
import { ApiError, notFound, validationError } from '../errors';
import { readJson } from '../http/body';
import { requestOrigin } from '../http/origin';
import { readRawBody } from '../http/raw-body';
import type { RenderService } from '../render/render.service';
import { paramsFromBody } from '../render/request';
import { baseUrlOf } from '../render/response';
import type { BlobStore } from '../storage/blob-store';
import type { TemplateDocuments } from '../templates/template-documents';
import { findOwnTemplate, type Template, templateAtVersion } from '../templates/templates.repository';
import { streamArchive } from './archive';
import { bodiesFromJson, checkColumns, checkRow, readCsv } from './bulk-rows';
import { findOwnJob, listJobs } from './jobs.repository';
import type { JobsService } from './jobs.service';

export interface JobRouteDeps {
  db: Kysely<Database>;
  config: Config;
  storage: BlobStore;
  render: RenderService;
  documents: TemplateDocuments;
  jobs: JobsService;
}

/** What a bulk body may weigh: 10,000 rows of a few hundred bytes. */
export const BULK_BODY_LIMIT = '16mb';
const BULK_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_ITEMS_LIMIT = 1000;
const RECENT_JOBS = 100;

const statusUrl = (id: string) => `/api/jobs/${id}`;

async function ownTemplate(deps: JobRouteDeps, auth: Auth, id: string | undefined): Promise<Template> {
  if (!id) {
    throw validationError('invalid_request', [
      { path: 'templateId', message: 'required: the id of the template every row renders' },
    ]);
  }
  const template = maySeeTemplate(auth, id)
    ? await findOwnTemplate(deps.db, auth.accountId, id, deps.documents)
    : undefined;
  if (!template) throw notFound('template');
  return template;
}

function queryString(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value))
    throw new ApiError(400, 'duplicate_parameter', `the parameter "${name}" appears more than once`);
  return value;
}

function webhookFromQuery(ctx: Context): string | undefined {
  const raw = queryString(ctx, 'webhookUrl');
  if (raw === undefined) return undefined;
  const parsed = GenerateAsyncFieldsSchema.shape.webhookUrl.safeParse(raw);
  if (!parsed.success) throw validationError('invalid_request', issuesFromZod(parsed.error, 'webhookUrl'));
  return parsed.data;
}

function nonNegative(ctx: Context, name: string, fallback: number, max: number): number {
  const raw = queryString(ctx, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) {
    throw validationError('invalid_request', [{ path: name, message: `expected a whole number from 0 to ${max}` }]);
  }
  return Number(raw);
}

const isCsv = (ctx: Context) => Boolean(ctx.is('text/csv', 'application/csv'));

async function readCsvBody(ctx: Context): Promise<string> {
  return (await readRawBody(ctx, BULK_BODY_BYTES, 'CSV')).toString('utf8');
}

export function mountJobRoutes(router: Router, deps: JobRouteDeps): void {
  const { db, config, jobs } = deps;

  // Mounted before the render routes: a body without "async": true goes on to the sync generate.
  router.post('/api/generate', async (ctx: Context, next: Next) => {
    const body = ctx.request.body;
    const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    // `"async": false` (or none) without a webhook is the synchronous generate; anything else
    // (true, a webhook, an `async` that is not a boolean) is this route's to accept or refuse.
    const synchronous = (fields.async === undefined || fields.async === false) && fields.webhookUrl === undefined;
    if (synchronous) {
      const { async: _sync, ...rest } = fields;
      if ('async' in fields) ctx.request.body = rest;
      return next();
    }
    const auth = authOf(ctx);
    const parsed = GenerateRequestWithJobSchema.safeParse(readJson(ctx));
    if (!parsed.success) throw validationError('invalid_request', issuesFromZod(parsed.error));
    const { async: _async, webhookUrl, ...generate } = parsed.data;
    const params = paramsFromBody(generate);
    const current = maySeeTemplate(auth, params.templateId)
      ? await findOwnTemplate(db, auth.accountId, params.templateId, deps.documents)
      : undefined;
    if (!current) throw notFound('template');
    // Checked now, so a bad request is a 422 and nothing is queued.
    const template = await templateAtVersion(db, current, params.version, deps.documents);
    deps.render.prepare(template, params, 'generate');
    const { async: _a, webhookUrl: _w, ...request } = fields;
    const job = await jobs.create(
      auth,
      'generate',
      current,
      [{ row: 1, request: { ...request, templateId: current.id } }],
      baseUrlOf(config, requestOrigin(ctx)),
      webhookUrl,
    );
    const answer: JobAccepted = { jobId: job.id, status: 'queued', statusUrl: statusUrl(job.id) };
    ctx.status = 202;
    ctx.body = answer;
  });

  router.post('/api/bulk', async (ctx) => {
    const auth = authOf(ctx);
    let template: Template;
    let bodies: unknown[];
    let webhookUrl: string | undefined;
    if (isCsv(ctx)) {
      template = await ownTemplate(deps, auth, queryString(ctx, 'templateId'));
      webhookUrl = webhookFromQuery(ctx);
      const csv = readCsv(await readCsvBody(ctx), template.document);
      checkColumns(csv.columns);
      bodies = csv.bodies;
    } else if (ctx.is('application/json')) {
      const parsed = BulkRequestSchema.safeParse(readJson(ctx));
      if (!parsed.success) throw validationError('invalid_request', issuesFromZod(parsed.error));
      template = await ownTemplate(deps, auth, parsed.data.templateId ?? queryString(ctx, 'templateId'));
      webhookUrl = parsed.data.webhookUrl ?? webhookFromQuery(ctx);
      bodies = bodiesFromJson(parsed.data.rows, parsed.data.defaults, parsed.data.format);
    } else {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'send the rows as CSV (Content-Type: text/csv) or JSON (Content-Type: application/json)',
      );
    }
    const items = bodies.map((body, i) => checkRow(template, body, i + 1));
    const job = await jobs.create(auth, 'bulk', template, items, baseUrlOf(config, requestOrigin(ctx)), webhookUrl);
    const answer: JobAccepted = { jobId: job.id, status: 'queued', total: job.total, statusUrl: statusUrl(job.id) };
    ctx.status = 202;
    ctx.body = answer;
  });

  router.post('/api/bulk/preview', async (ctx) => {
    const auth = authOf(ctx);
    const template = await ownTemplate(deps, auth, queryString(ctx, 'templateId'));
    if (!isCsv(ctx)) {
      throw new ApiError(415, 'unsupported_media_type', 'send the CSV with Content-Type: text/csv');
    }
    const csv = readCsv(await readCsvBody(ctx), template.document);
    const preview: BulkPreview = {
      columns: csv.columns,
      rows: csv.bodies.slice(0, 5).map((body) => ({ ...body, templateId: template.id })),
      total: csv.bodies.length,
    };
    ctx.body = preview;
  });

  router.get('/api/jobs', async (ctx) => {
    const auth = authOf(ctx);
    ctx.body = { jobs: (await listJobs(db, auth.accountId, RECENT_JOBS)).map(jobs.summary) };
  });

  router.get('/api/jobs/:id', async (ctx) => {
    const auth = authOf(ctx);
    const job = await findOwnJob(db, auth.accountId, ctx.params.id ?? '');
    if (!job) throw notFound('job');
    const offset = nonNegative(ctx, 'offset', 0, BULK_MAX_ROWS);
    const limit = nonNegative(ctx, 'limit', DEFAULT_ITEMS_LIMIT, BULK_MAX_ROWS);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await jobs.view(job, baseUrlOf(config, requestOrigin(ctx)), offset, limit);
  });

  router.get('/api/jobs/:id/archive', async (ctx) => {
    const auth = authOf(ctx);
    const job = await findOwnJob(db, auth.accountId, ctx.params.id ?? '');
    if (!job) throw notFound('job');
    if (!job.finished_at) {
      throw new ApiError(
        409,
        'job_not_finished',
        `the job is ${job.status}; its archive is ready once it has finished`,
        {
          status: job.status,
          done: job.done,
          failed: job.failed,
          total: job.total,
        },
      );
    }
    ctx.set('Content-Disposition', `attachment; filename="${job.id}.zip"`);
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.type = 'application/zip';
    ctx.body = streamArchive(db, deps.storage, job, baseUrlOf(config, requestOrigin(ctx)), ctx.state.log);
  });
}
