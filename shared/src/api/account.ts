// What an account has and uses: GET /api/usage, uploaded assets, the renderer's fonts,
// and the health check.
import { z } from 'zod';

/** GET /api/usage: this calendar month (UTC) against the account's limits; null = unlimited. */
export const UsageSchema = z.object({
  success: z.literal(true),
  month: z.string().meta({ example: '2026-11' }),
  renders: z.int(),
  monthlyQuota: z.int().nullable().meta({ description: 'null = unlimited.' }),
  remaining: z.int().nullable(),
  resetsAt: z.string(),
  ratePerMinute: z.int().nullable(),
});

export const UploadedAssetSchema = z.object({
  id: z.string(),
  url: z.string().meta({
    description: 'Same-origin path: what a template image `src` should hold.',
    example: '/api/assets/Zx3v0qH1c2dKq8sW2YbS1A.png',
  }),
  absoluteUrl: z.url(),
  mime: z.string(),
  width: z.int(),
  height: z.int(),
  bytes: z.int(),
});

export const AssetUploadResponseSchema = z.object({ success: z.literal(true), asset: UploadedAssetSchema });

export const FONT_CATEGORIES = ['sans-serif', 'serif', 'monospace', 'emoji'] as const;

export const FontFileEntrySchema = z.object({
  weight: z.int(),
  style: z.enum(['normal', 'italic']),
  format: z.string(),
  url: z.string().meta({ description: 'Same-origin, immutable: `/api/fonts/files/<tag>/<file>.ttf`.' }),
});

export const FontFamilyEntrySchema = z.object({
  family: z.string(),
  category: z.enum(FONT_CATEGORIES),
  weights: z.array(z.int()),
  styles: z.array(z.enum(['normal', 'italic'])),
  metrics: z
    .object({ ascent: z.number(), descent: z.number() })
    .meta({ description: 'Fractions of the em (the line box the engine lays text out with).' }),
  files: z.array(FontFileEntrySchema),
  coverage: z.array(z.tuple([z.int(), z.int()])).meta({
    description: 'Inclusive code point ranges this family draws (the editor loads fallbacks only for the rest).',
  }),
});

export const CustomFontSchema = z.object({
  id: z.string(),
  family: z.string().meta({ description: 'What a text layer names in `fontFamily` to use it.', example: 'Brand Sans' }),
  weight: z.int(),
  style: z.enum(['normal', 'italic']),
  format: z.enum(['ttf', 'otf', 'woff', 'woff2']),
  bytes: z.int(),
  sha256: z.string().meta({ description: 'SHA-256 of the stored file (hex): what `layercast fonts push` compares.' }),
  url: z.string().meta({
    description: 'Same-origin, immutable, for the owner only: `/api/fonts/custom/<id>.<format>`.',
  }),
  registeredAs: z.string().meta({
    description:
      "The private family name the renderer registers this face under (changes whenever the family's files change); the editor registers the file under the same name.",
  }),
  metrics: z
    .object({ ascent: z.number(), descent: z.number() })
    .meta({ description: 'Fractions of the em (the line box the engine lays text out with).' }),
  coverage: z.array(z.tuple([z.int(), z.int()])).meta({ description: 'Inclusive code point ranges the face draws.' }),
  createdAt: z.string(),
});

export const FontUploadResponseSchema = z.object({
  success: z.literal(true),
  font: CustomFontSchema,
  replaced: z
    .string()
    .optional()
    .meta({ description: 'The id of the face of the same family, weight and style that this upload replaced.' }),
});

export const FontListResponseSchema = z.object({
  success: z.literal(true),
  families: z.array(FontFamilyEntrySchema),
  custom: z.array(CustomFontSchema).meta({
    description: "The authenticated account's uploaded faces (empty without authentication).",
  }),
  coverage: z.array(z.tuple([z.int(), z.int()])).meta({
    description:
      'Inclusive code point ranges some shipped font can draw. Characters outside them are rendered as U+FFFD and listed in diagnostics.missingGlyphs.',
  }),
});

export const HealthSchema = z.object({ status: z.literal('ok'), database: z.literal('ok') });
export const HealthFailureSchema = z.object({ status: z.literal('error'), database: z.string() });

export type Usage = z.infer<typeof UsageSchema>;
export type UploadedAsset = z.infer<typeof UploadedAssetSchema>;
export type AssetUploadResponse = z.infer<typeof AssetUploadResponseSchema>;
export type FontCategoryName = (typeof FONT_CATEGORIES)[number];
export type FontStyle = FontFileEntry['style'];
export type FontFileEntry = z.infer<typeof FontFileEntrySchema>;
export type FontFamilyEntry = z.infer<typeof FontFamilyEntrySchema>;
export type FontListResponse = z.infer<typeof FontListResponseSchema>;
export type CustomFont = z.infer<typeof CustomFontSchema>;
export type FontUploadResponse = z.infer<typeof FontUploadResponseSchema>;
