// Render requests and answers: POST /api/generate, its batch form, GET /api/render's query.
// Overrides and variables are checked later, against the template, which knows its layers
// (overrides.ts, variables.ts); here they need only be maps.
import { z } from 'zod';
import { DiagnosticsSchema } from '../diagnostics';
import { MAX_SIGNATURE_TTL_SECONDS } from '../client/sign';
import { ErrorCodeSchema } from './errors';

export const RENDER_FORMATS = ['png', 'jpeg', 'webp', 'avif', 'svg', 'pdf'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

const layersSchema = z
  .record(z.string(), z.record(z.string(), z.unknown(), { error: 'expected an object of properties' }), {
    error: 'expected an object of layer name → properties, e.g. {"title": {"text": "Hello"}}',
  })
  .meta({
    description:
      'Overrides by layer name: `{"title": {"text": "Hello"}, "photo": {"filters": {"grayscale": 1}}}`. GET /api/templates/{id}/contract lists what each layer of a template takes.',
  });

const variablesSchema = z
  .record(z.string(), z.union([z.string(), z.number()]), { error: 'expected an object of variable name → text' })
  .meta({ description: 'Values for the template variables used as {{name}} in text.' });

export const RenderFormatSchema = z.enum(RENDER_FORMATS, { error: `expected one of ${RENDER_FORMATS.join(', ')}` });

/** A format as requests may name it: `jpg` is taken for `jpeg`, as most services spell it. */
export const RequestFormatSchema = z
  .enum([...RENDER_FORMATS, 'jpg'], { error: `expected one of ${RENDER_FORMATS.join(', ')} (or jpg)` })
  .transform((format): RenderFormat => (format === 'jpg' ? 'jpeg' : format));

/** The output options every way of asking for a render shares. */
export const renderOptionFields = {
  format: RequestFormatSchema.default('png'),
  quality: z
    .int({ error: 'expected a whole number from 1 to 100' })
    .min(1, { error: 'expected a whole number from 1 to 100' })
    .max(100, { error: 'expected a whole number from 1 to 100' })
    .optional()
    .meta({ description: 'jpeg, webp and avif only.' }),
  scale: z
    .number({ error: 'expected a number from 1 to 4' })
    .min(1, { error: 'expected a number from 1 to 4' })
    .max(4, { error: 'expected a number from 1 to 4' })
    .optional()
    .meta({ description: 'Output pixels per template pixel.' }),
};

/** Fonts one render may name by URL. */
export const MAX_RENDER_FONTS = 10;

const familyName = z.string({ error: 'expected a family name' }).regex(/^[\p{L}\p{N}][\p{L}\p{N} _.&+-]{0,63}$/u, {
  error: 'expected 1–64 letters, digits, spaces or _ . & + - (starting with a letter or digit)',
});

export const RenderFontSchema = z
  .strictObject({
    family: familyName.meta({ description: 'The family text layers name in `fontFamily`.', example: 'Brand' }),
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL of a TTF, OTF, WOFF or WOFF2 file' })
      .max(2048)
      .meta({ example: 'https://cdn.example.com/fonts/Brand-Bold.woff2' }),
    weight: z
      .int({ error: 'expected a whole number from 1 to 1000' })
      .min(1, { error: 'expected a whole number from 1 to 1000' })
      .max(1000, { error: 'expected a whole number from 1 to 1000' })
      .optional()
      .meta({ description: "The file's own (OS/2) weight when omitted." }),
    style: z.enum(['normal', 'italic'], { error: 'expected "normal" or "italic"' }).optional(),
  })
  .meta({ id: 'RenderFont' });

const templateId = z.string({ error: 'expected a template id' }).min(1, { error: 'expected a template id' }).max(100);

export const GenerateRequestSchema = z
  .strictObject({
    templateId,
    layers: layersSchema.optional(),
    variables: variablesSchema.optional(),
    ...renderOptionFields,
    version: z
      .int({ error: 'expected a version number (a whole number from 1)' })
      .min(1, { error: 'expected a version number (a whole number from 1)' })
      .optional()
      .meta({ description: 'Render this saved version instead of the current one.' }),
    variant: z
      .string({ error: 'expected a variant name' })
      .max(40, { error: 'expected a variant name of at most 40 characters' })
      .optional()
      .meta({
        description:
          "A size variant of the template, by name, or a platform (og, twitter, linkedin, facebook, kakao, slack, whatsapp, instagram, story) naming the variant of that platform's size.",
        example: 'square',
      }),
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL of a web page' })
      .max(2048)
      .optional()
      .meta({
        description:
          "A web page to make the card from: its Open Graph / Twitter / <title> / JSON-LD metadata fills the template's page.* variables (page.title, page.description, page.image, page.siteName, page.favicon, page.url, page.author, page.publishedAt); explicit variables win.",
        example: 'https://blog.example.com/posts/hello',
      }),
    fonts: z
      .array(RenderFontSchema, { error: 'expected a list of { family, url } fonts' })
      .max(MAX_RENDER_FONTS, { error: `expected at most ${MAX_RENDER_FONTS} fonts` })
      .optional()
      .meta({
        description:
          'Fonts for this render only, fetched by URL (cached by content): a family named here is drawn with these files, ahead of an uploaded family of the same name.',
      }),
    force: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .meta({ description: 'Render again even if cached.' }),
  })
  .meta({ id: 'GenerateRequest' });

export const BATCH_MAX_ITEMS = 20;

export const BatchItemSchema = GenerateRequestSchema.extend({
  id: z
    .string({ error: 'expected a string id of your choosing' })
    .max(100, { error: 'expected at most 100 characters' })
    .optional()
    .meta({ description: "Yours, echoed as the result's id; the item's index when left out." }),
}).meta({ id: 'BatchItem' });

/**
 * The batch envelope. Items are checked one by one (each fails on its own), so the
 * envelope takes them as they come; `BatchRequestDoc` shows what each must be.
 */
export const BatchRequestSchema = z
  .strictObject({
    items: z
      .array(z.unknown(), { error: 'expected a list of items' })
      .min(1, { error: 'expected at least 1 item' })
      .max(BATCH_MAX_ITEMS, { error: `expected at most ${BATCH_MAX_ITEMS} items` }),
    defaults: z.record(z.string(), z.unknown(), { error: 'expected an object of item fields' }).optional().meta({
      description:
        'Fields every item takes unless it sets them (templateId, format, scale, …); `layers` and `variables` merge by name, the item winning.',
    }),
    response: z
      .enum(['url', 'base64'], { error: 'expected "url" or "base64"' })
      .optional()
      .meta({ description: '`base64` adds each image as a data: URI (`dataUri`) to its result.' }),
  })
  .meta({ id: 'BatchRequest' });

export const BatchRequestDoc = BatchRequestSchema.extend({
  items: z.array(BatchItemSchema).min(1).max(BATCH_MAX_ITEMS),
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
    format: z.enum(RENDER_FORMATS),
    width: z.int(),
    height: z.int(),
    generationMs: z
      .int()
      .nullable()
      .meta({ description: 'Time this request spent rendering; null for a cache hit (nothing was rendered).' }),
    generatedAt: z
      .string()
      .meta({ description: 'When the image was rendered (ISO 8601); earlier than now for a cache hit.' }),
    mimeType: z.string().meta({ example: 'image/png' }),
    fileName: z
      .string()
      .meta({ description: 'The stored file: the last segment of imageUrl.', example: 'Zx3v0qH1c2dKq8sW2YbS1A.png' }),
    diagnostics: DiagnosticsSchema,
    usage: z
      .object({
        renders: z.int().meta({ description: 'Renders charged this calendar month (UTC).' }),
        monthlyQuota: z.int().nullable().meta({ description: 'null = unlimited.' }),
        remaining: z.int().nullable(),
      })
      .optional()
      .meta({ description: "The account's month after this request (POST /api/generate)." }),
    source: z
      .object({
        url: z.string(),
        title: z.string().nullable(),
        description: z.string().nullable(),
        image: z.string().nullable(),
        favicon: z.string().nullable(),
        siteName: z.string().nullable(),
      })
      .optional()
      .meta({ description: 'What the page given as `url` said about itself.' }),
    dataUri: z
      .string()
      .optional()
      .meta({ description: 'The image as a data: URI, in a batch asked for with "response": "base64".' }),
  })
  .meta({ id: 'GenerateResponse' });

export const BatchFailureSchema = z.object({
  id: z.string().meta({ description: 'The item id you sent, else its index.' }),
  success: z.literal(false),
  error: z.object({ code: ErrorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});

/**
 * One item's outcome, in the order sent. On success `id` is the item's id (or index), not
 * the stored image's: the server spreads the generate answer and then sets `id`.
 */
export const BatchResultSchema = z.union([
  GenerateResponseSchema.extend({ id: z.string().meta({ description: 'The item id you sent, else its index.' }) }),
  BatchFailureSchema,
]);

export const BatchResponseSchema = z
  .object({
    success: z.literal(true),
    results: z.array(BatchResultSchema),
    summary: z.object({ total: z.int(), succeeded: z.int(), failed: z.int() }),
  })
  .meta({ id: 'BatchResponse' });

/** GET /api/render's query, for the OpenAPI document (the server reads the query by hand: render/query.ts). */
export const RenderQueryDoc = z.object({
  templateId: z.string().meta({ description: 'The template to render.' }),
  layers: z.string().optional().meta({
    description:
      'Overrides as JSON, URL-encoded or raw: `layers={"title":{"text":"Hello World"}}`. At most 8 KB; use POST /api/generate for more.',
  }),
  variables: z.string().optional().meta({ description: 'Variable values as JSON: `variables={"author":"Ann"}`.' }),
  variant: z.string().optional().meta({
    description: 'A size variant by name, or a platform (twitter, instagram, …) naming the variant of its size.',
  }),
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

export type LayerOverridesInput = Record<string, Record<string, unknown>>;
export type GenerateRequest = z.input<typeof GenerateRequestSchema>;
export type RenderFont = z.output<typeof RenderFontSchema>;
export type GenerateBody = z.output<typeof GenerateRequestSchema>;
export type GenerateResponse = z.infer<typeof GenerateResponseSchema>;
export type BatchItem = z.input<typeof BatchItemSchema>;
export type BatchFailure = z.infer<typeof BatchFailureSchema>;
export type BatchResult = z.infer<typeof BatchResultSchema>;
export type BatchResponse = z.infer<typeof BatchResponseSchema>;
