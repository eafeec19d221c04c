// OpenAPI paths of the render API, from the schemas its routes validate and answer with.
import {
  BATCH_MAX_ITEMS,
  BatchRequestDoc,
  BatchResponseSchema,
  GenerateRequestWithJobSchema,
  GenerateResponseSchema,
  JobAcceptedSchema,
  RenderQueryDoc,
} from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, imageResponse, json, jsonBody, keyOrSession } from '../openapi/common';

const rateHeaders = z.object({
  'X-RateLimit-Limit': z.string().meta({ description: 'The limit closest to refusing (per minute or per month).' }),
  'X-RateLimit-Remaining': z.string(),
  'X-RateLimit-Reset': z.string().meta({ description: 'Unix seconds when that limit resets.' }),
  RateLimit: z.string().meta({ description: 'IETF draft field, e.g. `"minute";r=59;t=30, "month";r=990;t=86400`.' }),
  'RateLimit-Policy': z
    .string()
    .meta({ description: 'IETF draft field, e.g. `"minute";q=60;w=60, "month";q=1000;w=2592000`.' }),
  'X-Cache': z.enum(['HIT', 'MISS']),
  'X-Render-Time-Ms': z.string(),
  ETag: z.string(),
});

export const renderPaths: ZodOpenApiPathsObject = {
  '/api/generate': {
    post: {
      tags: ['Render'],
      summary: 'Render a template to a stored image',
      description:
        'Validates the overrides against the template, serves an identical earlier render from the cache (`cached: true`, free), ' +
        'otherwise renders, stores the image at a permanent URL and counts one render against the quota. `force: true` renders again. ' +
        'With `"async": true` the request is checked, queued and answered 202 with a job (GET /api/jobs/{id}); `webhookUrl` then receives the result.',
      security: keyOrSession,
      requestBody: jsonBody(GenerateRequestWithJobSchema),
      responses: {
        '200': { ...json(GenerateResponseSchema, 'Rendered or served from the cache.'), headers: rateHeaders },
        '202': json(JobAcceptedSchema, 'Queued (`"async": true`).'),
        ...errors(400, 401, 404, 413, 415, 422, 429, 503),
      },
    },
  },
  '/api/generate/batch': {
    post: {
      tags: ['Render'],
      summary: `Render up to ${BATCH_MAX_ITEMS} images in one request`,
      description:
        'Each item is a generate request with an optional id of yours; it succeeds or fails on its own and counts on its own.',
      security: keyOrSession,
      requestBody: jsonBody(BatchRequestDoc),
      responses: { '200': json(BatchResponseSchema), ...errors(400, 401, 413, 415, 422) },
    },
  },
  '/api/render': {
    get: {
      tags: ['Render'],
      summary: 'Render by URL (for <meta property="og:image">)',
      description:
        'Public templates need no credentials and do not count against any quota (a per-IP rate applies). Private templates ' +
        "need a signed URL (`kid`, `exp`, `sig`), a Bearer key or the owner's session; to anyone else they do not exist (404). " +
        'A bad, expired or too-far-ahead signature is 403. Any parameter that is not reserved is shorthand for one layer: ' +
        "`?title=Hello` sets a text layer's text, an image layer's image_url or a shape's fill. The signing secret of a key " +
        'is returned once when the key is created and later at GET /api/keys/{id}/signing-secret; `signedRenderUrl()` in the ' +
        'client (and `layercast sign`) builds these URLs.',
      security: [{}, { bearerAuth: [] }, { sessionCookie: [] }],
      requestParams: { query: RenderQueryDoc },
      responses: {
        '200': { ...imageResponse('The image.'), headers: rateHeaders },
        '304': { description: 'Not modified (If-None-Match).' },
        ...errors(400, 403, 404, 414, 422, 429, 503),
      },
    },
  },
  '/api/templates/{id}/thumbnail': {
    get: {
      tags: ['Render'],
      summary: "A small WebP of the saved template, for its owner's gallery",
      description:
        'The saved version with no overrides, at most 480 px wide. Rendered once per template version; a fresh one takes a unit of the account rate and thumbnail rate but none of the monthly quota. A template that does not render within the thumbnail budget gets a flat placeholder. 404 for a template of another account.',
      security: keyOrSession,
      requestParams: { path: z.object({ id: z.string().meta({ description: 'Template id.' }) }) },
      responses: {
        '200': imageResponse('The thumbnail (image/webp).'),
        '304': { description: 'Not modified.' },
        ...errors(401, 404),
      },
    },
  },
};
