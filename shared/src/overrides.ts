// Render-time overrides: `{ "title": { "text": "Hello" } }`. The property names are the
// public API contract and are kept exactly; each layer kind accepts its own set.
import { z } from 'zod';
import { type ParseResult, type ValidationIssue, formatPath, issuesFromZod } from './issues';
import {
  ColorSchema,
  FillSchema,
  FontWeightSchema,
  FONT_STYLES,
  LIMITS,
  type Layer,
  type LayerType,
  OBJECT_FITS,
  TEXT_ALIGNS,
  TEXT_TRANSFORMS,
  type TemplateDocument,
  VERTICAL_ALIGNS,
  assertNever,
  num,
  str,
} from './schema';

const common = {
  visible: z.boolean({ error: 'expected true or false' }),
  x: num(-LIMITS.coordinate, LIMITS.coordinate),
  y: num(-LIMITS.coordinate, LIMITS.coordinate),
  width: num(1, LIMITS.coordinate),
  height: num(1, LIMITS.coordinate),
  opacity: num(0, 1),
};

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

export const TextOverrideSchema = z
  .strictObject({
    ...common,
    text: str(LIMITS.maxTextLength),
    fontSize: num(1, LIMITS.fontSizeMax),
    fontWeight: FontWeightSchema,
    fontFamily: z.string({ error: 'expected a font family name' }).min(1).max(64),
    fontStyle: oneOf(FONT_STYLES),
    color: ColorSchema,
    textAlign: oneOf(TEXT_ALIGNS),
    verticalAlign: oneOf(VERTICAL_ALIGNS),
    lineHeight: num(0.5, 5),
    letterSpacing: num(-100, 100),
    textTransform: oneOf(TEXT_TRANSFORMS),
  })
  .partial();

export const ImageOverrideSchema = z
  .strictObject({
    ...common,
    image_url: str(LIMITS.maxSrcLength),
    objectFit: oneOf(OBJECT_FITS),
    borderRadius: num(0, LIMITS.coordinate),
  })
  .partial();

export const ShapeOverrideSchema = z.strictObject({ ...common, fill: FillSchema, stroke: ColorSchema }).partial();

export type TextOverride = z.output<typeof TextOverrideSchema>;
export type ImageOverride = z.output<typeof ImageOverrideSchema>;
export type ShapeOverride = z.output<typeof ShapeOverrideSchema>;
export type LayerOverride = TextOverride | ImageOverride | ShapeOverride;
/** Validated overrides by layer name. */
export type Overrides = Record<string, LayerOverride>;

export function overrideSchemaFor(type: LayerType) {
  switch (type) {
    case 'text':
      return TextOverrideSchema;
    case 'image':
      return ImageOverrideSchema;
    case 'rect':
    case 'ellipse':
      return ShapeOverrideSchema;
    default:
      return assertNever(type, 'layer type');
  }
}

/** The overridable property names of each layer kind, for errors, forms and docs. */
export function overridableProperties(type: LayerType): string[] {
  return Object.keys(overrideSchemaFor(type).shape);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates overrides against a template: a name the template lacks, or a property the
 * layer's kind lacks, is an error that lists what exists. `basePath` prefixes the paths
 * (`layers` for a request body).
 */
export function parseOverrides(doc: TemplateDocument, input: unknown, basePath = 'layers'): ParseResult<Overrides> {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (!isObject(input))
    return { ok: false, errors: [{ path: basePath, message: 'expected an object of layer name → properties' }] };
  const byName = new Map(doc.layers.map((l) => [l.name, l]));
  const names = doc.layers.map((l) => l.name);
  const errors: ValidationIssue[] = [];
  const value: Overrides = {};
  const entries = Object.entries(input);
  if (entries.length > LIMITS.maxLayers) {
    return { ok: false, errors: [{ path: basePath, message: `expected at most ${LIMITS.maxLayers} layers` }] };
  }
  for (const [name, props] of entries) {
    const path = formatPath([name], basePath);
    const layer = byName.get(name);
    if (!layer) {
      errors.push({
        path,
        message: `the template has no layer named "${name}"; its layers are: ${names.length ? names.join(', ') : '(none)'}`,
      });
      continue;
    }
    if (!isObject(props)) {
      errors.push({ path, message: 'expected an object of properties' });
      continue;
    }
    const allowed = overridableProperties(layer.type);
    const unknown = Object.keys(props).filter((k) => !allowed.includes(k));
    for (const key of unknown) {
      errors.push({
        path: formatPath([key], path),
        message: `${layer.type} layers have no overridable property "${key}"; expected one of ${allowed.join(', ')}`,
      });
    }
    if (unknown.length) continue;
    const parsed = overrideSchemaFor(layer.type).safeParse(props, { reportInput: true });
    if (parsed.success) value[name] = parsed.data;
    else errors.push(...issuesFromZod(parsed.error, path));
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function applyLayerOverride(layer: Layer, o: LayerOverride): Layer {
  if (layer.type === 'image' && 'image_url' in o) {
    const { image_url, ...rest } = o as ImageOverride;
    return { ...layer, ...rest, ...(image_url !== undefined ? { src: image_url } : {}) } as Layer;
  }
  return { ...layer, ...o } as Layer;
}

/** A new document with validated overrides applied to the named layers. */
export function applyOverrides(doc: TemplateDocument, overrides: Overrides): TemplateDocument {
  if (Object.keys(overrides).length === 0) return doc;
  return {
    ...doc,
    layers: doc.layers.map((layer) => {
      // Own keys only: a layer named `constructor` must not pick up Object.prototype's.
      const o = Object.hasOwn(overrides, layer.name) ? overrides[layer.name] : undefined;
      return o ? applyLayerOverride(layer, o) : layer;
    }),
  };
}
