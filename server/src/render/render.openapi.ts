// OpenAPI paths of the render API, from the zod schemas its routes validate with
// (request.ts), merged into /api/openapi.json by server/src/openapi/document.ts.
import { MAX_SIGNATURE_TTL_SECONDS } from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { errors, json, jsonBody, keyOrSession } from '../openapi/common';
import { BATCH_MAX_ITEMS, BatchBodySchema, BatchItemSchema, GenerateBodySchema, renderOptionFields } from './request';

const DiagnosticsSchema = z
  .object({
    layers: z.record(
      z.string(),
      z.object({
        type: z.enum(['text', 'image']),
        loaded: z.boolean().optional().meta({ description: 'Image layers: whether the image was drawn.' }),
        error: z.string().optional().meta({ description: 'Why an image was not drawn (e.g. a blocked address).' }),
        fontSize: z.number().optional().meta({ description: 'Text layers: the size used after autoFit.' }),
        truncated: z.boolean().optional(),
        lines: z.number().optional(),
        fontFallback: z.string().optional(),
        textCut: z.string().optional().meta({
          description:
            'Text layers: set when the text with its variables filled in was longer than the layout limit and was cut.',
        }),
      }),
    ),
    missingGlyphs: z.array(z.string()),
    warnings: z
      .array(z.string())
      .optional()
      .meta({ description: 'What the output format could not carry (SVG: colour emoji, shadow blur).' }),
    background: z.object({ type: z.literal('image'), loaded: z.boolean(), error: z.string().optional() }).optional(),
  })
  .meta({
    id: 'RenderDiagnostics',
    description: 'What the engine did with each layer: fitted font sizes, truncation, images that did not load.',
  });

export const GenerateResponseSchema = z
  .object({
    success: z.literal(true),
    id: z.string().meta({ description: 'The stored image id.' }),
    imageUrl: z.url().meta({
      description: 'Absolute, permanent URL of the image (immutable; cache it forever).',
      example: 'https://img.example.com/api/images/Zx3v0qH1c2dKq8sW2YbS1A.png',
    }),
    cached: z.boolean().meta({ description: 'True when an identical earlier render was reused (free of quota).' }),
    format: z.enum(renderOptionFields.format.unwrap().options),
    width: z.int(),
    height: z.int(),
    generationMs: z.int().meta({ description: 'Time this request spent rendering; 0 for a cache hit.' }),
    diagnostics: DiagnosticsSchema,
  })
  .meta({ id: 'GenerateResponse' });

const BatchResultSchema = z.union([
  GenerateResponseSchema.extend({ id: z.string().meta({ description: 'The item id you sent, else its index.' }) }),
  z.object({
    id: z.string(),
    success: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  }),
]);

const BatchResponseSchema = z
  .object({
    success: z.literal(true),
    results: z.array(BatchResultSchema),
    summary: z.object({ total: z.int(), succeeded: z.int(), failed: z.int() }),
  })
  .meta({ id: 'BatchResponse' });

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

const imageResponse = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: {
    'image/png': { schema: z.string().meta({ format: 'binary' }) },
    'image/jpeg': { schema: z.string().meta({ format: 'binary' }) },
    'image/webp': { schema: z.string().meta({ format: 'binary' }) },
    'image/avif': { schema: z.string().meta({ format: 'binary' }) },
    'image/svg+xml': { schema: z.string() },
    'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
  },
});

const RenderQuerySchema = z.object({
  templateId: z.string().meta({ description: 'The template to render.' }),
  layers: z.string().optional().meta({
    description:
      'Overrides as JSON, URL-encoded or raw: `layers={"title":{"text":"Hello World"}}`. At most 8 KB; use POST /api/generate for more.',
  }),
  variables: z.string().optional().meta({ description: 'Variable values as JSON: `variables={"author":"Ann"}`.' }),
  format: renderOptionFields.format,
  quality: z.string().optional().meta({ description: '1–100, jpeg/webp/avif only.' }),
  scale: z.string().optional().meta({ description: '1–4.' }),
  kid: z.string().optional().meta({ description: 'Signed URLs: the API key id.' }),
  exp: z
    .string()
    .optional()
    .meta({
      description: `Signed URLs: expiry in unix seconds, at most ${MAX_SIGNATURE_TTL_SECONDS / 86400} days ahead.`,
    }),
  sig: z
    .string()
    .optional()
    .meta({
      description:
        "Signed URLs: hex HMAC-SHA256 with the key's signing secret over every other parameter: name and decoded value each " +
        "percent-encoded as RFC 3986 (encodeURIComponent plus !'()*), as name=value, sorted by encoded name, joined by &.",
    }),
});

const fileParam = z.object({ file: z.string().meta({ description: '`<id>.<ext>` as returned in imageUrl.' }) });

export const renderOpenApiPaths: ZodOpenApiPathsObject = {
  '/api/generate': {
    post: {
      tags: ['Render'],
      summary: 'Render a template to a stored image',
      description:
        'Validates the overrides against the template, serves an identical earlier render from the cache (`cached: true`, free), ' +
        'otherwise renders, stores the image at a permanent URL and counts one render against the quota. `force: true` renders again.',
      security: keyOrSession,
      requestBody: jsonBody(GenerateBodySchema),
      responses: {
        '200': { ...json(GenerateResponseSchema, 'Rendered or served from the cache.'), headers: rateHeaders },
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
      requestBody: jsonBody(BatchBodySchema.extend({ items: z.array(BatchItemSchema).min(1).max(BATCH_MAX_ITEMS) })),
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
      requestParams: { query: RenderQuerySchema },
      responses: {
        '200': { ...imageResponse('The image.'), headers: rateHeaders },
        '304': { description: 'Not modified (If-None-Match).' },
        ...errors(400, 403, 404, 414, 422, 429, 503),
      },
    },
  },
  '/api/images/{file}': {
    get: {
      tags: ['Render'],
      summary: 'A stored render',
      description:
        'Served with `Cache-Control: public, max-age=31536000, immutable`, an ETag and `X-Content-Type-Options: nosniff`.',
      security: [],
      requestParams: { path: fileParam },
      responses: { '200': imageResponse('The image.'), '304': { description: 'Not modified.' }, ...errors(404) },
    },
  },
  '/api/templates/{id}/thumbnail': {
    get: {
      tags: ['Render'],
      summary: "A small WebP of the saved template, for its owner's gallery",
      description:
        'The saved version with no overrides, at most 480 px wide. Cached per template version and charged to no quota or rate (it is too small to stand in for a render). 404 for a template of another account.',
      security: keyOrSession,
      requestParams: { path: z.object({ id: z.string().meta({ description: 'Template id.' }) }) },
      responses: {
        '200': imageResponse('The thumbnail (image/webp).'),
        '304': { description: 'Not modified.' },
        ...errors(401, 404),
      },
    },
  },
  '/api/assets': {
    post: {
      tags: ['Assets'],
      summary: 'Upload an image for templates',
      description:
        'The body is the image bytes (PNG, JPEG, WebP or GIF; at most 10 MB and 25 megapixels), typed by its magic bytes. ' +
        'Use the returned `url` as an image layer `src` or `image_url`.',
      security: keyOrSession,
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
      responses: {
        '201': json(
          z.object({
            success: z.literal(true),
            asset: z.object({
              id: z.string(),
              url: z.string().meta({ example: '/api/assets/Zx3v0qH1c2dKq8sW2YbS1A.png' }),
              absoluteUrl: z.url(),
              mime: z.string(),
              width: z.int(),
              height: z.int(),
              bytes: z.int(),
            }),
          }),
          'Stored (200 when the same bytes were uploaded before).',
        ),
        ...errors(401, 403, 413, 415, 422),
      },
    },
  },
  '/api/assets/{file}': {
    get: {
      tags: ['Assets'],
      summary: 'An uploaded image',
      security: [],
      requestParams: { path: fileParam },
      responses: { '200': imageResponse('The image.'), ...errors(404) },
    },
  },
  '/api/fonts': {
    get: {
      tags: ['Fonts'],
      summary: 'Font families the renderer uses, with their files',
      security: [],
      responses: {
        '200': json(
          z.object({
            success: z.literal(true),
            families: z.array(
              z.object({
                family: z.string(),
                category: z.string(),
                weights: z.array(z.int()),
                styles: z.array(z.string()),
                metrics: z.object({ ascent: z.number(), descent: z.number() }),
                files: z.array(z.object({ weight: z.int(), style: z.string(), format: z.string(), url: z.string() })),
              }),
            ),
            coverage: z.array(z.tuple([z.int(), z.int()])).meta({
              description:
                'Inclusive code point ranges some shipped font can draw. Characters outside them are rendered as U+FFFD and listed in diagnostics.missingGlyphs.',
            }),
          }),
        ),
      },
    },
  },
  '/api/usage': {
    get: {
      tags: ['Render'],
      summary: "This month's renders, quota and rate",
      security: keyOrSession,
      responses: {
        '200': json(
          z.object({
            success: z.literal(true),
            month: z.string().meta({ example: '2026-11' }),
            renders: z.int(),
            monthlyQuota: z.int().nullable().meta({ description: 'null = unlimited.' }),
            remaining: z.int().nullable(),
            resetsAt: z.string(),
            ratePerMinute: z.int().nullable(),
          }),
        ),
        ...errors(401),
      },
    },
  },
};
