// /api/templates: request and response shapes. `jsonData` in a request is checked by
// parseTemplate (which migrates older documents first, and reports paths under jsonData);
// the schemas below say so with `z.unknown()` and document it as the model's schema.
import { z } from 'zod';
import { type TemplateDocument, TemplateDocumentSchema } from '../schema';

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

export const TemplateDocumentDoc = TemplateDocumentSchema.meta({ id: 'TemplateDocument' });
/** The request bodies as the OpenAPI document describes them: jsonData is a template document. */
export const CreateTemplateDoc = CreateTemplateSchema.extend({
  jsonData: TemplateDocumentDoc.optional().meta({ description: 'The document; or give `starter` instead.' }),
  starter: z.string().optional().meta({
    description:
      'A starter design by id (GET /api/starters), e.g. `blog-post`, instead of jsonData; its name and description unless given.',
    example: 'blog-post',
  }),
});

export const StarterSchema = z.object({
  id: z.string().meta({ example: 'blog-post' }),
  name: z.string(),
  description: z.string(),
  width: z.int(),
  height: z.int(),
  jsonData: TemplateDocumentDoc,
});

export const StarterListSchema = z.object({ success: z.literal(true), starters: z.array(StarterSchema) });
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

export const TemplateListSchema = z.object({ templates: z.array(TemplateSummarySchema) });

export const TemplateVersionSummarySchema = z.object({
  version: z.int(),
  name: z.string(),
  createdAt: z.string(),
  savedBy: z
    .object({
      via: z.enum(['editor', 'api_key', 'cli']),
      name: z.string().nullable().meta({ description: 'The API key’s name when a key saved it.' }),
    })
    .nullable()
    .meta({ description: 'What saved this version; null for versions saved before it was recorded.' }),
});

export const TemplateVersionsSchema = z.object({
  templateId: z.uuid(),
  currentVersion: z.int(),
  versions: z.array(TemplateVersionSummarySchema),
});

/** GET /api/templates/:id/versions/:version: a saved version, whole. */
export const TemplateVersionSchema = z.object({
  templateId: z.uuid(),
  version: z.int(),
  name: z.string(),
  description: z.string(),
  jsonData: TemplateDocumentDoc,
  previewUrl: z.string().nullable(),
  isPublic: z.boolean(),
  createdAt: z.string(),
});

/** A stored template; `jsonData` is the current document version with every layer's id. */
export type TemplateResource = Omit<z.infer<typeof TemplateSchema>, 'jsonData'> & { jsonData: TemplateDocument };
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;
/** Fields of a create; `jsonData` may be any supported document version (it is migrated). */
export type TemplateInput = z.input<typeof CreateTemplateSchema>;
export type StarterEntry = z.infer<typeof StarterSchema>;
export type TemplateUpdate = z.input<typeof UpdateTemplateSchema>;
export type TemplateVersionSummary = z.infer<typeof TemplateVersionSummarySchema>;
export type TemplateVersionsResponse = z.infer<typeof TemplateVersionsSchema>;
export type TemplateVersion = Omit<z.infer<typeof TemplateVersionSchema>, 'jsonData'> & { jsonData: TemplateDocument };
