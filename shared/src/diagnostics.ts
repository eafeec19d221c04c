// What the engine did with each layer of one render: the fitted font size, truncation, images
// that did not load. Layout produces it; the server returns it from POST /api/generate; the
// editor and the CLI show it. One definition here so all three read the same shape.
import { z } from 'zod';

export const TextDiagnosticSchema = z.object({
  type: z.literal('text'),
  fontSize: z.number().meta({ description: 'The font size actually used (after autoFit).' }),
  truncated: z.boolean(),
  lines: z.number(),
  fontFallback: z
    .string()
    .optional()
    .meta({ description: 'Set when the family is not registered and the default was used.' }),
  textCut: z.string().optional().meta({
    description: 'Set when the text with its variables filled in was longer than the layout limit and was cut.',
  }),
});

export const ImageDiagnosticSchema = z.object({
  type: z.literal('image'),
  loaded: z.boolean().meta({ description: 'Whether the image was drawn.' }),
  error: z
    .string()
    .optional()
    .meta({ description: 'Why the image was not drawn (a blocked address, a timeout, not an image).' }),
});

export const DiagnosticsSchema = z
  .object({
    layers: z
      .record(z.string(), z.discriminatedUnion('type', [TextDiagnosticSchema, ImageDiagnosticSchema]))
      .meta({ description: 'By layer name: every visible text and image layer (shapes have nothing to report).' }),
    missingGlyphs: z.array(z.string()).meta({ description: 'Characters no registered font can draw.' }),
    background: ImageDiagnosticSchema.optional().meta({ description: 'Canvas background image, when one is set.' }),
    warnings: z
      .array(z.string())
      .optional()
      .meta({ description: 'What the output format could not carry (SVG: colour emoji, shadow blur).' }),
  })
  .meta({
    id: 'RenderDiagnostics',
    description: 'What the engine did with each layer: fitted font sizes, truncation, images that did not load.',
  });

export type TextDiagnostic = z.infer<typeof TextDiagnosticSchema>;
export type ImageDiagnostic = z.infer<typeof ImageDiagnosticSchema>;
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;
