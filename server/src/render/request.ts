// What a render request says, from a JSON body (POST /api/generate, batch items) or a
// query string (GET /api/render), validated into one shape. Overrides and variables are
// checked later against the template, which knows its layers.
import { z } from 'zod';
import { RENDER_FORMATS } from './job';

const layersSchema = z
  .record(z.string(), z.record(z.string(), z.unknown(), { error: 'expected an object of properties' }), {
    error: 'expected an object of layer name → properties, e.g. {"title": {"text": "Hello"}}',
  })
  .meta({ description: 'Overrides by layer name: `{"title": {"text": "Hello"}}`.' });

const variablesSchema = z
  .record(z.string(), z.union([z.string(), z.number()]), { error: 'expected an object of variable name → text' })
  .meta({ description: 'Values for the template variables used as {{name}} in text.' });

export const renderOptionFields = {
  format: z.enum(RENDER_FORMATS, { error: `expected one of ${RENDER_FORMATS.join(', ')}` }).default('png'),
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

const templateId = z.string({ error: 'expected a template id' }).min(1, { error: 'expected a template id' }).max(100);

export const GenerateBodySchema = z
  .strictObject({
    templateId,
    layers: layersSchema.optional(),
    variables: variablesSchema.optional(),
    ...renderOptionFields,
    force: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .meta({ description: 'Render again even if cached.' }),
  })
  .meta({ id: 'GenerateRequest' });

export const BATCH_MAX_ITEMS = 20;

export const BatchItemSchema = GenerateBodySchema.extend({
  id: z
    .string({ error: 'expected a string id of your choosing' })
    .max(100, { error: 'expected at most 100 characters' })
    .optional(),
}).meta({ id: 'BatchItem' });

export const BatchBodySchema = z
  .strictObject({
    items: z
      .array(z.unknown(), { error: 'expected a list of items' })
      .min(1, { error: 'expected at least 1 item' })
      .max(BATCH_MAX_ITEMS, { error: `expected at most ${BATCH_MAX_ITEMS} items` }),
  })
  .meta({ id: 'BatchRequest' });

export type GenerateBody = z.output<typeof GenerateBodySchema>;

/** The normalized request every render path hands the service. */
export interface RenderParams {
  templateId: string;
  layers: unknown;
  variables: unknown;
  format: GenerateBody['format'];
  quality?: number;
  scale?: number;
  force: boolean;
}

export function paramsFromBody(body: GenerateBody): RenderParams {
  return {
    templateId: body.templateId,
    layers: body.layers,
    variables: body.variables,
    format: body.format,
    quality: body.quality,
    scale: body.scale,
    force: body.force ?? false,
  };
}
