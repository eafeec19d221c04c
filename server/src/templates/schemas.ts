// Request and response shapes of /api/templates. `jsonData` is validated by shared's
// parseTemplate (which also migrates older documents); the zod shape here documents it.
import { TemplateDocumentSchema } from '@layercast/shared';
import { z } from 'zod';

const name = z
  .string({ error: 'expected a string' })
  .trim()
  .min(1, { error: 'expected a name of 1 to 200 characters' })
  .max(200, { error: 'expected a name of 1 to 200 characters' });
const description = z.string({ error: 'expected a string' }).max(2000, { error: 'expected at most 2000 characters' });
const previewUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL or null' })
  .max(2048, { error: 'expected at most 2048 characters' })
  .nullable();
const isPublic = z.boolean({ error: 'expected true or false' });

// Checked by parseTemplate in the route, so its errors keep their own paths under jsonData.
const jsonData = z.unknown();

export const CreateTemplateSchema = z.strictObject({
  name: name.default('Untitled template'),
  description: description.default(''),
  jsonData: jsonData.refine((v) => v !== undefined, { error: 'required: expected a template document' }),
  previewUrl: previewUrl.default(null),
  isPublic: isPublic.default(false),
});

export const UpdateTemplateSchema = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  jsonData: jsonData.optional(),
  previewUrl: previewUrl.optional(),
  isPublic: isPublic.optional(),
});

// For the OpenAPI document: the same fields with jsonData described by the model's schema.
export const TemplateDocumentDoc = TemplateDocumentSchema.meta({ id: 'TemplateDocument' });
export const CreateTemplateDoc = CreateTemplateSchema.extend({ jsonData: TemplateDocumentDoc });
export const UpdateTemplateDoc = UpdateTemplateSchema.extend({ jsonData: TemplateDocumentDoc.optional() });

export const TemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    jsonData: TemplateDocumentDoc,
    previewUrl: z.string().nullable(),
    isPublic: z.boolean(),
    version: z.int().meta({ description: 'Bumped by every save that changes something.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Template' });

export const TemplateSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    previewUrl: z.string().nullable(),
    isPublic: z.boolean(),
    version: z.int(),
    width: z.int(),
    height: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TemplateSummary' });

export const TemplateVersionSummarySchema = z.object({ version: z.int(), name: z.string(), createdAt: z.string() });
