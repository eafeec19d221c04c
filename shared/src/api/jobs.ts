// Background jobs and bulk renders: POST /api/bulk (CSV or JSON rows), its preview, and
// GET /api/jobs[/:id[/archive]]. A job renders each row like POST /api/generate; a bad row
// fails alone, with its row number (1-based, the CSV header is not a row) and JSON path.
import { z } from 'zod';
import { ErrorCodeSchema } from './errors';
import type { GenerateRequestSchema } from './render';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'partial'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job in one of these states changes no more: its archive can be downloaded. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'partial'];
export const isJobFinished = (status: JobStatus) => FINISHED_JOB_STATUSES.includes(status);

/** The most rows one bulk request may carry. */
export const BULK_MAX_ROWS = 10_000;

/** The JSON form of POST /api/bulk: each row is a generate body without its templateId. */
export const BulkJsonRequestSchema = z.strictObject({
  templateId: z.string({ error: 'expected a template id' }).min(1).max(100),
  rows: z
    .array(z.record(z.string(), z.unknown(), { error: 'expected an object: { layers?, variables?, format?, … }' }), {
      error: 'expected a list of rows',
    })
    .min(1, { error: 'expected at least 1 row' })
    .max(BULK_MAX_ROWS, { error: `expected at most ${BULK_MAX_ROWS} rows` }),
  defaults: z.record(z.string(), z.unknown(), { error: 'expected an object of row fields' }).optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .max(2048)
    .optional(),
  format: z.string().optional(),
});
export type BulkJsonRequest = z.input<typeof BulkJsonRequestSchema>;
/** One row of the JSON form: what POST /api/generate takes, without the templateId. */
export type BulkRow = Omit<z.input<typeof GenerateRequestSchema>, 'templateId'> & { variant?: string };

export const BulkAcceptedSchema = z
  .object({
    jobId: z.string(),
    status: z.literal('queued'),
    total: z.int().meta({ description: 'Rows in the job.' }),
    statusUrl: z.string().meta({ example: '/api/jobs/job_3kT9aQ2x' }),
  })
  .meta({ id: 'BulkAccepted' });

/** Where a CSV column's values go: a layer property, a variable, or a field of the render. */
export const BulkColumnTargetSchema = z.union([
  z.object({ layer: z.string(), property: z.string() }),
  z.object({ variable: z.string() }),
  z.object({ field: z.string().meta({ example: 'format' }) }),
]);

export const BulkColumnSchema = z.object({
  header: z.string(),
  target: BulkColumnTargetSchema.nullable().meta({ description: 'null: the column names nothing of the template.' }),
  error: z.string().optional(),
});

export const BulkPreviewSchema = z
  .object({
    columns: z.array(BulkColumnSchema),
    rows: z.array(z.record(z.string(), z.unknown())).meta({ description: 'The first 5 rows as generate bodies.' }),
    total: z.int(),
  })
  .meta({ id: 'BulkPreview' });

export const JobItemSchema = z.object({
  row: z.int().meta({ description: '1-based data row number.' }),
  status: z.string().meta({ example: 'done' }),
  imageUrl: z.string().optional(),
  error: z
    .object({ code: ErrorCodeSchema.or(z.string()), message: z.string(), path: z.string().optional() })
    .optional(),
});

export const JobWebhookSchema = z.object({
  url: z.string(),
  status: z.string(),
  attempts: z.array(z.object({ at: z.string(), statusCode: z.int().nullable(), error: z.string().nullable() })),
  nextAttemptAt: z.string().nullable(),
});

export const JobSummarySchema = z.object({
  id: z.string(),
  kind: z.string().meta({ example: 'bulk' }),
  status: z.enum(JOB_STATUSES),
  templateId: z.string().nullable(),
  total: z.int(),
  done: z.int(),
  failed: z.int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const JobSchema = JobSummarySchema.extend({
  items: z.array(JobItemSchema),
  webhook: JobWebhookSchema.nullable().optional(),
}).meta({ id: 'Job' });

export const JobListSchema = z.object({ jobs: z.array(JobSummarySchema) });

export type BulkAccepted = z.infer<typeof BulkAcceptedSchema>;
export type BulkColumnTarget = z.infer<typeof BulkColumnTargetSchema>;
export type BulkColumn = z.infer<typeof BulkColumnSchema>;
export type BulkPreview = z.infer<typeof BulkPreviewSchema>;
export type JobItem = z.infer<typeof JobItemSchema>;
export type JobSummary = z.infer<typeof JobSummarySchema>;
export type Job = z.infer<typeof JobSchema>;
