// OpenAPI paths of the jobs API: bulk renders, their preview, job status and archive.
import {
  BULK_MAX_ROWS,
  BulkPreviewSchema,
  BulkRequestSchema,
  JobAcceptedSchema,
  JobListSchema,
  JobSchema,
} from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json, keyOrSession } from '../openapi/common';

const jobIdParam = z.object({ id: z.string().meta({ description: 'The job id (`job_…`).' }) });

const csvBody = z.string().meta({
  description:
    'A header row, then one row per image. Headers: `layer.property` (`title.text`, `logo.image_url`), a bare layer name ' +
    '(its text, image URL, QR data, line stroke or shape fill), `{{variable}}`, or `format`, `variant`, `url`, `version`. ' +
    'An empty cell sets nothing.',
  example: 'title.text,logo.image_url,{{author}},format\nHello,https://example.com/a.png,Ann,png\n',
});

const bulkQuery = z.object({
  templateId: z.string().optional().meta({ description: 'The template every row renders (required for CSV).' }),
  webhookUrl: z.string().optional().meta({ description: 'Where the result is POSTed (CSV; JSON bodies may name it).' }),
});

export const jobPaths: ZodOpenApiPathsObject = {
  '/api/bulk': {
    post: {
      tags: ['Jobs'],
      summary: `Render up to ${BULK_MAX_ROWS.toLocaleString('en')} images from CSV or JSON rows, in the background`,
      description:
        'Each row renders like POST /api/generate (one quota unit per render, cache hits free). A row that is wrong on its own fails alone, ' +
        'with its row number and JSON path, in the job; a CSV header that names nothing in the template is a 422 for the whole request. ' +
        'Answered 202 at once; follow `statusUrl`.',
      security: keyOrSession,
      requestParams: { query: bulkQuery },
      requestBody: {
        required: true,
        content: { 'text/csv': { schema: csvBody }, 'application/json': { schema: BulkRequestSchema } },
      },
      responses: {
        '202': json(JobAcceptedSchema, 'Queued.'),
        ...errors(400, 401, 403, 404, 413, 415, 422),
      },
    },
  },
  '/api/bulk/preview': {
    post: {
      tags: ['Jobs'],
      summary: 'What a CSV would render: each column’s target and the first 5 rows',
      description:
        'Nothing is queued or rendered. A column whose header names nothing has `target: null` and an `error`.',
      security: keyOrSession,
      requestParams: { query: bulkQuery.pick({ templateId: true }) },
      requestBody: { required: true, content: { 'text/csv': { schema: csvBody } } },
      responses: { '200': json(BulkPreviewSchema), ...errors(400, 401, 403, 404, 413, 415, 422) },
    },
  },
  '/api/jobs': {
    get: {
      tags: ['Jobs'],
      summary: 'The account’s recent jobs, newest first (without items)',
      security: keyOrSession,
      responses: { '200': json(JobListSchema), ...errors(401, 403) },
    },
  },
  '/api/jobs/{id}': {
    get: {
      tags: ['Jobs'],
      summary: 'A job: status, progress and each row’s image or error',
      description: 'Items are paged with `offset` and `limit` (default 1000). Rows are 1-based data rows.',
      security: keyOrSession,
      requestParams: {
        path: jobIdParam,
        query: z.object({
          offset: z.string().optional().meta({ description: 'Items to skip (default 0).' }),
          limit: z.string().optional().meta({ description: 'Items to return (default 1000).' }),
        }),
      },
      responses: { '200': json(JobSchema), ...errors(401, 403, 404, 422) },
    },
  },
  '/api/jobs/{id}/archive': {
    get: {
      tags: ['Jobs'],
      summary: 'The job’s images as a zip, with manifest.csv',
      description:
        'Entries are named by the padded row number (`0001.png`); `manifest.csv` lists row, status, file, image_url and error for every row.',
      security: keyOrSession,
      requestParams: { path: jobIdParam },
      responses: {
        '200': {
          description: 'A zip, streamed.',
          content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...errors(401, 403, 404, 409),
      },
    },
  },
};
