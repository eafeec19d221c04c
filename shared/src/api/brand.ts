// /api/brand: the account's brand kit — saved colours and logos the editor offers in one
// click wherever a colour or an image is chosen (its fonts are the account's uploads).
import { z } from 'zod';
import { isColor } from '../color';

export const MAX_BRAND_COLORS = 48;
export const MAX_BRAND_LOGOS = 24;

const NameSchema = z
  .string({ error: 'expected a string' })
  .trim()
  .max(60, { error: 'expected a name of at most 60 characters' });

export const BrandColorSchema = z.strictObject({
  name: NameSchema.optional().meta({ description: 'Shown beside the swatch and read by screen readers.' }),
  value: z
    .string({ error: 'expected a colour string' })
    .trim()
    .refine(isColor, { error: 'expected a CSS colour: #1a2b3c, rgba(0,0,0,0.5), or a name' }),
});

export const BrandLogoRefSchema = z.strictObject({
  assetId: z
    .string({ error: 'expected an asset id' })
    .regex(/^[A-Za-z0-9_-]{22}$/, { error: 'expected the id of an uploaded image (POST /api/assets)' }),
  name: NameSchema.optional(),
});

export const BrandKitUpdateSchema = z.strictObject({
  colors: z
    .array(BrandColorSchema, { error: 'expected a list of colours' })
    .max(MAX_BRAND_COLORS, { error: `expected at most ${MAX_BRAND_COLORS} colours` }),
  logos: z
    .array(BrandLogoRefSchema, { error: 'expected a list of logos' })
    .max(MAX_BRAND_LOGOS, { error: `expected at most ${MAX_BRAND_LOGOS} logos` }),
});

export const BrandLogoSchema = BrandLogoRefSchema.extend({
  url: z.string().meta({ description: 'Same-origin asset URL (`/api/assets/<id>.<ext>`), usable as an image `src`.' }),
  mime: z.string(),
  width: z.int(),
  height: z.int(),
});

export const BrandKitSchema = z.object({
  colors: z.array(BrandColorSchema),
  logos: z.array(BrandLogoSchema),
  fonts: z.array(z.string()).meta({ description: "Families of the account's uploaded fonts (GET /api/fonts)." }),
  updatedAt: z.string().nullable(),
});

export const BrandKitResponseSchema = z.object({ success: z.literal(true), brand: BrandKitSchema });

export type BrandColor = z.infer<typeof BrandColorSchema>;
export type BrandLogo = z.infer<typeof BrandLogoSchema>;
export type BrandKit = z.infer<typeof BrandKitSchema>;
export type BrandKitUpdate = z.infer<typeof BrandKitUpdateSchema>;
