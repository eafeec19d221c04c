// Editing a size variant. While one is active the designer shows and edits a plain document
// of its size (`variantView`, the shared `applyVariant`), so every tool, gesture and inspector
// works unchanged; `mergeVariantEdit` then writes each change back where it belongs: the
// properties a variant may set go to that variant's overrides, everything else (content,
// colours, names, new and removed layers, order) to the base design, which every size shares.
import {
  type Layer,
  type TemplateDocument,
  type Variant,
  type VariantLayer,
  applyVariant,
  variantProperties,
} from '@layercast/shared';

const views = new WeakMap<TemplateDocument, Map<string, TemplateDocument>>();

/** The document as the variant shows it (the same object for the same inputs), or the base. */
export function variantView(doc: TemplateDocument, name: string | null): TemplateDocument {
  if (name === null) return doc;
  const variant = doc.variants?.find((v) => v.name === name);
  if (!variant) return doc;
  const byName = views.get(doc) ?? new Map<string, TemplateDocument>();
  views.set(doc, byName);
  const view = byName.get(name) ?? applyVariant(doc, variant);
  byName.set(name, view);
  return view;
}

const sameValue = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/** The variant's overrides of one layer after an edit of the view from `before` to `after`. */
function editedOverrides(
  own: VariantLayer | undefined,
  before: Layer,
  after: Layer,
): { overrides: VariantLayer | undefined; base: Partial<Layer> } {
  const allowed = new Set(variantProperties(after.type));
  const overrides: Record<string, unknown> = { ...own };
  const base: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const value = (after as Record<string, unknown>)[key];
    if (sameValue(value, (before as Record<string, unknown>)[key])) continue;
    if (allowed.has(key)) overrides[key] = value;
    else base[key] = value;
  }
  return {
    overrides: Object.keys(overrides).length ? (overrides as VariantLayer) : undefined,
    base: base as Partial<Layer>,
  };
}

/**
 * Keeps every variant's overrides in step with the base layers: a renamed layer's overrides
 * follow its new name, a removed layer's go with it.
 */
export function keepVariantsInStep(prev: TemplateDocument, next: TemplateDocument): TemplateDocument {
  if (!next.variants?.length || prev.layers === next.layers) return next;
  const nameById = new Map(next.layers.map((l) => [l.id, l.name]));
  const renames = new Map<string, string | null>();
  for (const layer of prev.layers) {
    const now = nameById.get(layer.id);
    if (now !== layer.name) renames.set(layer.name, now ?? null);
  }
  if (renames.size === 0) return next;
  const variants = next.variants.map((variant): Variant => {
    if (!Object.keys(variant.layers).some((name) => renames.has(name))) return variant;
    const layers: Record<string, VariantLayer> = {};
    for (const [name, props] of Object.entries(variant.layers)) {
      const renamed = renames.has(name) ? renames.get(name) : name;
      if (renamed) layers[renamed] = props;
    }
    return { ...variant, layers };
  });
  return { ...next, variants };
}

/** `doc` with the edit of variant `name`'s view from `before` to `after` written back. */
export function mergeVariantEdit(
  doc: TemplateDocument,
  name: string,
  before: TemplateDocument,
  after: TemplateDocument,
): TemplateDocument {
  if (after === before) return doc;
  const variant = doc.variants?.find((v) => v.name === name);
  if (!variant) return after;
  const baseById = new Map(doc.layers.map((l) => [l.id, l]));
  const beforeById = new Map(before.layers.map((l) => [l.id, l]));
  const overrides: Record<string, VariantLayer> = {};
  const layers = after.layers.map((layer) => {
    const base = baseById.get(layer.id);
    const was = beforeById.get(layer.id);
    // A layer added while a variant is shown joins the base design as drawn.
    if (!base || !was) return layer;
    const edit = editedOverrides(
      Object.hasOwn(variant.layers, base.name) ? variant.layers[base.name] : undefined,
      was,
      layer,
    );
    const next = Object.keys(edit.base).length ? ({ ...base, ...edit.base } as Layer) : base;
    if (edit.overrides) overrides[next.name] = edit.overrides;
    return next;
  });
  const canvas = after.canvas;
  const nextVariant: Variant = {
    ...variant,
    width: canvas.width,
    height: canvas.height,
    ...(sameValue(canvas.background, before.canvas.background) ? {} : { background: canvas.background }),
    layers: overrides,
  };
  const merged: TemplateDocument = {
    ...doc,
    variables: after.variables,
    layers: layers.length === doc.layers.length && layers.every((l, i) => l === doc.layers[i]) ? doc.layers : layers,
    variants: (doc.variants ?? []).map((v) => (v === variant ? nextVariant : v)),
  };
  // Other variants follow renames and removals of the base layers.
  const stepped = keepVariantsInStep(doc, merged);
  return JSON.stringify(stepped) === JSON.stringify(doc) ? doc : stepped;
}

/** `doc` without variant `name`'s overrides of the layers named: they take the base values again. */
export function withoutOverrides(doc: TemplateDocument, name: string, layerNames: readonly string[]): TemplateDocument {
  const variant = doc.variants?.find((v) => v.name === name);
  if (!variant || !layerNames.some((n) => Object.hasOwn(variant.layers, n))) return doc;
  const layers = Object.fromEntries(Object.entries(variant.layers).filter(([n]) => !layerNames.includes(n)));
  return { ...doc, variants: (doc.variants ?? []).map((v) => (v === variant ? { ...v, layers } : v)) };
}
