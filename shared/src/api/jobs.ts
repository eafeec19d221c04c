// Background work: an async POST /api/generate, bulk renders from CSV or JSON, their status,
// archive and webhook. Rows of a bulk job are checked one by one (each fails on its own), so
// the envelope takes them as they come, like the batch envelope.
import { z } from 'zod';
import { GenerateRequestSchema } from './render';

/** Rows one bulk job may hold. */
export const BULK_MAX_ROWS = 10_000;

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http or https URL to POST the job result to' })
  .max(2048)
  .meta({
    description:
      'Where the job result is POSTed when the job finishes, signed with `Layercast-Signature` (see docs/render-api.md).',
    example: 'https://hooks.example.com/layercast',
  });

/** POST /api/generate with `async: true`: answered 202 with a job instead of the image. */
export const GenerateAsyncFieldsSchema = z.object({
  async: z
    .boolean({ error: 'expected true or false' })
    .optional()
    .meta({ description: 'Queue the render and answer 202 `{ jobId, statusUrl }` at once.' }),
  webhookUrl: webhookUrl.optional(),
});

export const GenerateRequestWithJobSchema = GenerateRequestSchema.extend(GenerateAsyncFieldsSchema.shape)
  .refine((body) => body.async === true || body.webhookUrl === undefined, {
    error: 'webhookUrl needs "async": true',
    path: ['webhookUrl'],
  })
  .meta({ id: 'GenerateRequestWithJob' });

/** The JSON form of POST /api/bulk. */
export const BulkRequestSchema = z
  .strictObject({
    templateId: z
      .string({ error: 'expected a template id' })
      .min(1, { error: 'expected a template id' })
      .max(100)
      .optional()
      .meta({ description: 'The template every row renders; `?templateId=` works too.' }),
    rows: z
      .array(z.unknown(), { error: 'expected a list of rows' })
      .min(1, { error: 'expected at least 1 row' })
      .max(BULK_MAX_ROWS, { error: `expected at most ${BULK_MAX_ROWS} rows` }),
    defaults: z.record(z.string(), z.unknown(), { error: 'expected an object of row fields' }).optional().meta({
      description:
        'Fields every row takes unless it sets them; `layers` and `variables` merge by name, the row winning.',
    }),
    format: z.string().optional().meta({ description: 'The format of rows that name none (default png).' }),
    webhookUrl: webhookUrl.optional(),
  })
  .meta({ id: 'BulkRequest' });

export const JOB_KINDS = ['generate', 'bulk'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'partial'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JobAcceptedSchema = z
  .object({
    jobId: z.string().meta({ example: 'job_3kTq9VfYp1x0c2mN8aBz4Q' }),
    status: z.literal('queued'),
    total: z.int().optional().meta({ description: 'Rows in the job (bulk).' }),
    statusUrl: z.string().meta({ example: '/api/jobs/job_3kTq9VfYp1x0c2mN8aBz4Q' }),
  })
  .meta({ id: 'JobAccepted' });

export const JobItemSchema = z
  .object({
    row: z.int().meta({ description: '1-based data row (a CSV header is not a row).' }),
    status: z.enum(['pending', 'done', 'failed']),
    imageUrl: z.string().optional(),
    cached: z.boolean().optional().meta({ description: 'True when an identical earlier render was reused.' }),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        path: z.string().optional().meta({ description: 'JSON path within the row, e.g. layers.title.fontSize.' }),
      })
      .optional(),
  })
  .meta({ id: 'JobItem' });

export const WebhookStateSchema = z
  .object({
    url: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(
      z.object({
        at: z.string(),
        statusCode: z.int().nullable(),
        error: z.string().nullable(),
      }),
    ),
    nextAttemptAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookState' });

export const JobSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  templateId: z.string(),
  total: z.int(),
  done: z.int(),
  failed: z.int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const JobSchema = JobSummarySchema.extend({
  items: z.array(JobItemSchema),
  offset: z.int(),
  limit: z.int(),
  webhook: WebhookStateSchema.optional(),
}).meta({ id: 'Job' });

export const JobListSchema = z.object({ jobs: z.array(JobSummarySchema) }).meta({ id: 'JobList' });

export const BulkColumnTargetSchema = z.union([
  z.object({ layer: z.string(), property: z.string() }),
  z.object({ variable: z.string() }),
  z.object({ field: z.enum(['format', 'variant', 'url', 'version']) }),
]);

export const BulkPreviewSchema = z
  .object({
    columns: z.array(
      z.object({ header: z.string(), target: BulkColumnTargetSchema.nullable(), error: z.string().optional() }),
    ),
    rows: z.array(z.record(z.string(), z.unknown())).meta({ description: 'The first 5 rows as generate bodies.' }),
    total: z.int(),
  })
  .meta({ id: 'BulkPreview' });

export type GenerateRequestWithJob = z.input<typeof GenerateRequestWithJobSchema>;
export type BulkRequest = z.input<typeof BulkRequestSchema>;
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;
export type JobItem = z.infer<typeof JobItemSchema>;
export type WebhookState = z.infer<typeof WebhookStateSchema>;
export type JobSummary = z.infer<typeof JobSummarySchema>;
export type Job = z.infer<typeof JobSchema>;
export type BulkColumnTarget = z.infer<typeof BulkColumnTargetSchema>;
export type BulkPreview = z.infer<typeof BulkPreviewSchema>;
