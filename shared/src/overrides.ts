// Render-time overrides: `{ "title": { "text": "Hello" } }`. The property names are the
// public API contract and are kept exactly; each layer kind accepts its own set.
import { z } from 'zod';
import { type ParseResult, type ValidationIssue, formatPath, issuesFromZod } from './issues';
import { allLayers, mapLayerTree } from './layer-tree';
import {
  ImageLayerSchema,
  LIMITS,
  type Layer,
  LineLayerSchema,
  type LayerType,
  QrLayerSchema,
  RectLayerSchema,
  TextLayerSchema,
  type TemplateDocument,
  assertNever,
} from './schema';

type Bare<T> = T extends z.ZodDefault<infer Inner> ? Inner : T extends z.ZodOptional<infer Inner> ? Inner : T;

/**
 * A layer property as an override: the layer schema's own type, bounds and messages,
 * without its default (an override that leaves a property out changes nothing).
 */
function bare<T extends z.ZodType>(schema: T): Bare<T> {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return schema.unwrap() as Bare<T>;
  return schema as Bare<T>;
}

const text = TextLayerSchema.shape;
const image = ImageLayerSchema.shape;
const shape = RectLayerSchema.shape;
const line = LineLayerSchema.shape;
const qr = QrLayerSchema.shape;

/** What any layer lets a render override. */
const common = {
  visible: bare(text.visible),
  x: bare(text.x),
  y: bare(text.y),
  width: bare(text.width),
  height: bare(text.height),
  opacity: bare(text.opacity),
};

export const TextOverrideSchema = z
  .strictObject({
    ...common,
    text: bare(text.text),
    fontSize: bare(text.fontSize),
    fontWeight: bare(text.fontWeight),
    fontFamily: bare(text.fontFamily),
    fontStyle: bare(text.fontStyle),
    color: bare(text.color),
    textAlign: bare(text.textAlign),
    verticalAlign: bare(text.verticalAlign),
    lineHeight: bare(text.lineHeight),
    letterSpacing: bare(text.letterSpacing),
    textTransform: bare(text.textTransform),
  })
  .partial();

export const ImageOverrideSchema = z
  .strictObject({
    ...common,
    image_url: bare(image.src),
    objectFit: bare(image.objectFit),
    borderRadius: bare(image.borderRadius),
    // Replace the template's crop or filters whole: `filters: {}` shows the photo as it is.
    crop: bare(image.crop),
    filters: bare(image.filters),
  })
  .partial();

export const ShapeOverrideSchema = z
  .strictObject({ ...common, fill: bare(shape.fill), stroke: bare(shape.stroke) })
  .partial();

export const LineOverrideSchema = z
  .strictObject({ ...common, stroke: bare(line.stroke), strokeWidth: bare(line.strokeWidth) })
  .partial();

export const QrOverrideSchema = z
  .strictObject({ ...common, data: bare(qr.data), color: bare(qr.color), background: bare(qr.background) })
  .partial();

/** A group moves, fades and hides as one; its children are overridden by their own names. */
export const GroupOverrideSchema = z
  .strictObject({ visible: common.visible, opacity: common.opacity, x: common.x, y: common.y })
  .partial();

export type TextOverride = z.output<typeof TextOverrideSchema>;
export type ImageOverride = z.output<typeof ImageOverrideSchema>;
export type ShapeOverride = z.output<typeof ShapeOverrideSchema>;
export type LineOverride = z.output<typeof LineOverrideSchema>;
export type QrOverride = z.output<typeof QrOverrideSchema>;
export type GroupOverride = z.output<typeof GroupOverrideSchema>;
export type LayerOverride = TextOverride | ImageOverride | ShapeOverride | LineOverride | QrOverride | GroupOverride;
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
    case 'polygon':
    case 'star':
      return ShapeOverrideSchema;
    case 'line':
      return LineOverrideSchema;
    case 'qr':
      return QrOverrideSchema;
    case 'group':
      return GroupOverrideSchema;
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
  // Any layer of the tree, a group or a layer inside one, is addressed by its name.
  const everyLayer = allLayers(doc.layers);
  const byName = new Map(everyLayer.map((l) => [l.name, l]));
  const names = everyLayer.map((l) => l.name);
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
    layers: mapLayerTree(doc.layers, (layer) => {
      // Own keys only: a layer named `constructor` must not pick up Object.prototype's.
      const o = Object.hasOwn(overrides, layer.name) ? overrides[layer.name] : undefined;
      return o ? applyLayerOverride(layer, o) : layer;
    }),
  };
}
