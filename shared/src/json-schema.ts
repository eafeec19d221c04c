import { z } from 'zod';
import { TemplateDocumentSchema } from './schema';

/** JSON Schema (2020-12) of a template document as users write it, for editors and CI. */
export function templateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(TemplateDocumentSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://layercast.dev/schema/template.json',
    title: 'Layercast template document',
  };
}
