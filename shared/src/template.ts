import { migrateDocument } from './migrate';
import { type ParseResult, issuesFromZod } from './issues';
import { type Layer, type TemplateDocument, TemplateDocumentSchema } from './schema';

type ParsedLayer = { id?: string; name: string; layers?: ParsedLayer[] };

/** Every layer in the tree gets an id: its name when the author gave none. */
function withIds(layers: readonly ParsedLayer[]): Layer[] {
  return layers.map((layer) => {
    const id = layer.id ?? layer.name;
    return (layer.layers ? { ...layer, id, layers: withIds(layer.layers) } : { ...layer, id }) as Layer;
  });
}

/**
 * Validates a template document (any version), migrating it first. The value has every
 * default filled in and every layer an id (its name when the author gave none).
 */
export function parseTemplate(input: unknown, basePath = ''): ParseResult<TemplateDocument> {
  const migrated = migrateDocument(input);
  if (!migrated.ok)
    return { ok: false, errors: [{ path: basePath ? `${basePath}.version` : 'version', message: migrated.message }] };
  const result = TemplateDocumentSchema.safeParse(migrated.value, { reportInput: true });
  if (!result.success) return { ok: false, errors: issuesFromZod(result.error, basePath) };
  return { ok: true, value: { ...result.data, layers: withIds(result.data.layers) } };
}

/** For stored documents that were validated on write; throws if one is not. */
export function loadTemplate(input: unknown): TemplateDocument {
  const result = parseTemplate(input);
  if (!result.ok) throw new Error(`stored template is invalid: ${result.errors[0]?.path} ${result.errors[0]?.message}`);
  return result.value;
}
