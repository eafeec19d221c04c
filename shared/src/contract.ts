// The render contract of one template: exactly what a render of it accepts — each layer by
// name with its kind's override properties and their ranges, the variables with their
// defaults, the output options. Built from the per-kind override schemas and variable rules
// the server validates with, so what is published is what is enforced.
import { z } from 'zod';
import { RenderFormatSchema, renderOptionFields } from './api/render';
import { allLayers } from './layer-tree';
import { overrideSchemaFor } from './overrides';
import { LIMITS, type TemplateDocument } from './schema';
import { variantNames } from './variants';

/** The request body of a render of `doc` (generate, a batch item), as a zod schema. */
export function renderContract(doc: TemplateDocument) {
  const layers = Object.fromEntries(
    // Every layer of the tree by its name: groups and the layers inside them.
    allLayers(doc.layers).map((layer) => [
      layer.name,
      overrideSchemaFor(layer.type)
        .optional()
        .meta({ description: `${layer.type} layer "${layer.name}"` }),
    ]),
  );
  const variables = Object.fromEntries(
    doc.variables.map((v) => [
      v.name,
      z
        .union([z.string().max(LIMITS.maxTextLength), z.number()])
        .optional()
        .meta({ description: v.label ?? `variable ${v.name}`, default: v.default }),
    ]),
  );
  const variants = variantNames(doc);
  const [first, ...rest] = variants;
  const variant =
    first === undefined
      ? {}
      : {
          variant: z
            .enum([first, ...rest])
            .optional()
            .meta({ description: 'A size variant, or a platform name that picks the variant of its size.' }),
        };
  return z.strictObject({
    templateId: z.string(),
    ...variant,
    layers: z.strictObject(layers).optional(),
    variables: z.strictObject(variables).optional(),
    format: RenderFormatSchema.optional(),
    quality: renderOptionFields.quality,
    scale: renderOptionFields.scale,
    version: z.int().min(1).optional(),
    force: z.boolean().optional(),
  });
}

/** The contract as JSON Schema (2020-12), for CI and code generators. */
export function renderContractJsonSchema(
  doc: TemplateDocument,
  template: { id: string; version: number; name: string },
): Record<string, unknown> {
  return {
    ...z.toJSONSchema(renderContract(doc), { io: 'input', target: 'draft-2020-12' }),
    title: `Render request for "${template.name}" (version ${template.version})`,
    'x-layercast': {
      templateId: template.id,
      version: template.version,
      canvas: { width: doc.canvas.width, height: doc.canvas.height },
      variants: (doc.variants ?? []).map((v) => ({ name: v.name, width: v.width, height: v.height })),
    },
  };
}
