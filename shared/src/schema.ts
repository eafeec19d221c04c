// The template document (`jsonData`): zod schemas first, types derived from them.
// Strict everywhere: unknown keys are rejected, every number is finite and bounded,
// every string has a maximum length. Messages say what was expected, in words.
import { z } from 'zod';
import { isColor } from './color';
import { isFillString } from './fill';

export const CURRENT_VERSION = 4;

export const LIMITS = {
  canvasMin: 16,
  canvasMax: 4096,
  maxLayers: 200,
  maxTextLength: 2000,
  maxVariables: 50,
  maxSrcLength: 1_000_000,
  maxNameLength: 64,
  coordinate: 10_000,
  fontSizeMax: 1000,
  /** Degrees either way. */
  rotation: 360,
  lineHeightMin: 0.5,
  lineHeightMax: 5,
  /** Pixels either way. */
  letterSpacing: 100,
  maxLines: 100,
  padding: 500,
  strokeWidth: 500,
  shadowBlur: 200,
  /** Pixels either way. */
  shadowOffset: 1000,
  /** Degrees either way. */
  gradientAngle: 360,
  /** Radial gradient radius, as a multiple of the box's half-diagonal. */
  gradientRadiusMin: 0.01,
  gradientRadiusMax: 4,
  polygonSidesMin: 3,
  polygonSidesMax: 12,
  starPointsMin: 3,
  starPointsMax: 24,
  /** Dash and gap lengths of a line's dash pattern. */
  maxDashEntries: 8,
  dashLength: 1000,
  maxQrData: 2000,
  /** Quiet zone around a QR symbol, in modules. */
  qrQuietZoneMax: 16,
  /** Groups inside groups: a group at the top is depth 1. */
  maxGroupDepth: 4,
} as const;

export const num = (min: number, max: number) => {
  const error = `expected a number from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
};

export const int = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const str = (max: number) =>
  z.string({ error: 'expected a string' }).max(max, { error: `expected at most ${max} characters` });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });

export const ColorSchema = z
  .string({ error: 'expected a CSS colour string' })
  .max(64, { error: 'expected a CSS colour of at most 64 characters' })
  .refine(isColor, { error: 'expected a CSS colour such as #1a2b3c, rgba(0, 0, 0, 0.5) or a colour name' });

/** Names that are keys of override and variable objects: `__proto__` cannot be one. */
const notProto = (name: string) => name !== '__proto__';

export const LayerNameSchema = z
  .string({ error: 'expected a layer name' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected 1 to 64 characters of A-Z, a-z, 0-9, _ or -' })
  .refine(notProto, { error: 'expected a name other than __proto__ (it cannot be an override key)' });

const GradientStopSchema = z.strictObject({ offset: num(0, 1), color: ColorSchema });
const stops = z
  .array(GradientStopSchema, { error: 'expected a list of stops' })
  .min(2, { error: 'expected at least 2 stops' })
  .max(16, { error: 'expected at most 16 stops' });

export const LinearGradientSchema = z.strictObject({
  type: z.literal('linear'),
  angle: num(-LIMITS.gradientAngle, LIMITS.gradientAngle).default(180),
  stops,
});

export const RadialGradientSchema = z.strictObject({
  type: z.literal('radial'),
  cx: num(0, 1).default(0.5),
  cy: num(0, 1).default(0.5),
  radius: num(LIMITS.gradientRadiusMin, LIMITS.gradientRadiusMax).default(1),
  stops,
});

const FillStringSchema = z
  .string({ error: 'expected a colour or gradient' })
  .max(1000, { error: 'expected at most 1000 characters' })
  .refine(isFillString, {
    error: 'expected a CSS colour, or a gradient such as linear-gradient(135deg, #667eea, #764ba2)',
  });

const FILL_EXPECTED = 'expected a colour string or a gradient object with type linear or radial';

export const FillSchema = z.union(
  [
    FillStringSchema,
    z.discriminatedUnion('type', [LinearGradientSchema, RadialGradientSchema], { error: FILL_EXPECTED }),
  ],
  { error: FILL_EXPECTED },
);

export const ShadowSchema = z.strictObject(
  {
    color: ColorSchema.default('rgba(0, 0, 0, 0.35)'),
    blur: num(0, LIMITS.shadowBlur).default(12),
    offsetX: num(-LIMITS.shadowOffset, LIMITS.shadowOffset).default(0),
    offsetY: num(-LIMITS.shadowOffset, LIMITS.shadowOffset).default(4),
  },
  { error: 'expected a shadow object such as { "color": "#000", "blur": 12, "offsetX": 0, "offsetY": 4 }' },
);

const fontWeightError = 'expected a weight from 100 to 900, "normal" or "bold"';
export const FontWeightSchema = z.union([int(100, 900), z.enum(['normal', 'bold'], { error: fontWeightError })], {
  error: fontWeightError,
});

/** `start` and `end` follow each paragraph's direction; the others are physical. */
export const TEXT_ALIGNS = ['left', 'center', 'right', 'start', 'end'] as const;
/** `auto`: each paragraph takes the direction of its first strong character (Unicode bidi P2–P3). */
export const TEXT_DIRECTIONS = ['auto', 'ltr', 'rtl'] as const;
export const VERTICAL_ALIGNS = ['top', 'middle', 'bottom'] as const;
export const TEXT_TRANSFORMS = ['none', 'uppercase', 'lowercase', 'capitalize'] as const;
export const OBJECT_FITS = ['cover', 'contain', 'fill', 'none'] as const;
export const FONT_STYLES = ['normal', 'italic'] as const;

const layerBase = {
  id: z
    .string({ error: 'expected a string id' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected 1 to 64 characters of A-Z, a-z, 0-9, _ or -' })
    .optional(),
  name: LayerNameSchema,
  x: num(-LIMITS.coordinate, LIMITS.coordinate).default(0),
  y: num(-LIMITS.coordinate, LIMITS.coordinate).default(0),
  width: num(1, LIMITS.coordinate),
  height: num(1, LIMITS.coordinate),
  rotation: num(-LIMITS.rotation, LIMITS.rotation).default(0),
  opacity: num(0, 1).default(1),
  visible: z.boolean({ error: 'expected true or false' }).default(true),
  locked: z.boolean({ error: 'expected true or false' }).default(false),
};

const strokeFields = {
  stroke: ColorSchema.optional(),
  strokeWidth: num(0, LIMITS.strokeWidth).default(0),
  shadow: ShadowSchema.optional(),
};

export const TextLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('text'),
  text: str(LIMITS.maxTextLength).default(''),
  fontFamily: z.string({ error: 'expected a font family name' }).min(1).max(64).default('Inter'),
  fontSize: num(1, LIMITS.fontSizeMax).default(48),
  fontWeight: FontWeightSchema.default(400),
  fontStyle: oneOf(FONT_STYLES).default('normal'),
  color: ColorSchema.default('#111827'),
  textAlign: oneOf(TEXT_ALIGNS).default('left'),
  direction: oneOf(TEXT_DIRECTIONS).default('auto'),
  verticalAlign: oneOf(VERTICAL_ALIGNS).default('top'),
  lineHeight: num(LIMITS.lineHeightMin, LIMITS.lineHeightMax).default(1.2),
  letterSpacing: num(-LIMITS.letterSpacing, LIMITS.letterSpacing).default(0),
  textTransform: oneOf(TEXT_TRANSFORMS).default('none'),
  /** `keep-all` breaks CJK text only at spaces, as Korean typesetting expects. */
  wordBreak: oneOf(['normal', 'keep-all'] as const).default('normal'),
  maxLines: int(1, LIMITS.maxLines).nullable().default(null),
  overflow: oneOf(['clip', 'ellipsis'] as const).default('ellipsis'),
  autoFit: z.boolean({ error: 'expected true or false' }).default(false),
  minFontSize: num(1, LIMITS.fontSizeMax).default(12),
  background: ColorSchema.optional(),
  padding: num(0, LIMITS.padding).default(0),
  ...strokeFields,
});

export const IMAGE_MASKS = ['rect', 'ellipse'] as const;
/** An image filter's largest blur radius, in pixels. */
export const IMAGE_BLUR_MAX = 100;

const positiveFraction = (() => {
  const error = 'expected a number above 0 and at most 1';
  return z.number({ error }).gt(0, { error }).max(1, { error });
})();
const CROP_EPSILON = 1e-9;

/**
 * Fractions (0..1) of the source image, so an override with another image keeps the
 * framing. The crop is applied first; `objectFit` then fits the cropped part in the box.
 */
export const ImageCropSchema = z
  .strictObject(
    {
      x: num(0, 1),
      y: num(0, 1),
      width: positiveFraction,
      height: positiveFraction,
    },
    { error: 'expected { "x", "y", "width", "height" } as fractions 0..1 of the image' },
  )
  .superRefine((crop, ctx) => {
    // Only once each field is in range, so one bad field gives one message.
    const inRange = [crop.x, crop.y, crop.width, crop.height].every((v) => typeof v === 'number' && v >= 0 && v <= 1);
    if (!inRange) return;
    // A little slack: fractions computed in a browser may sum to 1.0000000000000002.
    if (crop.x + crop.width > 1 + CROP_EPSILON)
      ctx.addIssue({ code: 'custom', path: ['width'], message: 'expected x + width to be at most 1' });
    if (crop.y + crop.height > 1 + CROP_EPSILON)
      ctx.addIssue({ code: 'custom', path: ['height'], message: 'expected y + height to be at most 1' });
  });

const radius = num(0, LIMITS.coordinate);
const cornerRadiusError = 'expected a radius, or [top-left, top-right, bottom-right, bottom-left] radii';
export const CornerRadiusSchema = z.union(
  [radius, z.tuple([radius, radius, radius, radius], { error: cornerRadiusError })],
  { error: cornerRadiusError },
);

export const ImageFiltersSchema = z.strictObject(
  {
    /** 0 leaves the colours, 1 is fully grey. */
    grayscale: num(0, 1).optional(),
    /** Multiplies the colours by 1 + brightness: -1 is black, 1 twice as bright. */
    brightness: num(-1, 1).optional(),
    /** Scales the colours away from mid-grey by 1 + contrast: -1 is flat grey. */
    contrast: num(-1, 1).optional(),
    /** Blur radius in pixels of the layer. */
    blur: num(0, IMAGE_BLUR_MAX).optional(),
    /** Recolours the image in shades of `color` (white becomes `color`), mixed in by `amount`. */
    tint: z
      .strictObject(
        { color: ColorSchema, amount: num(0, 1).default(1) },
        { error: 'expected { "color": "#c026d3", "amount": 0..1 }' },
      )
      .optional(),
  },
  { error: 'expected an object of filters: grayscale, brightness, contrast, blur, tint' },
);

export const ImageLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('image'),
  src: str(LIMITS.maxSrcLength).default(''),
  objectFit: oneOf(OBJECT_FITS).default('cover'),
  objectPosition: z
    .strictObject(
      { x: num(0, 1), y: num(0, 1) },
      { error: 'expected { "x": 0..1, "y": 0..1 } (0.5, 0.5 is the centre)' },
    )
    .default({ x: 0.5, y: 0.5 }),
  /** The part of the source image shown, as fractions of its size; the whole image when absent. */
  crop: ImageCropSchema.optional(),
  /** The shape the image is clipped to: the box with `borderRadius` corners, or the ellipse in it. */
  mask: oneOf(IMAGE_MASKS).default('rect'),
  /** One radius for every corner, or [top-left, top-right, bottom-right, bottom-left]. */
  borderRadius: CornerRadiusSchema.default(0),
  filters: ImageFiltersSchema.optional(),
  ...strokeFields,
});

export const RectLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('rect'),
  fill: FillSchema.default('#e5e7eb'),
  cornerRadius: num(0, LIMITS.coordinate).default(0),
  ...strokeFields,
});

export const EllipseLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('ellipse'),
  fill: FillSchema.default('#e5e7eb'),
  ...strokeFields,
});

export const LINE_CAPS = ['butt', 'round', 'square'] as const;

/**
 * A straight line from (x1, y1) to (x2, y2), given as fractions of the layer's box (0 is
 * the left or top edge, 1 the right or bottom one), so resizing the box stretches the line
 * with it. The default runs across the middle of the box, left to right. An arrow is a
 * line with an arrowhead at one or both ends (`startArrow`, `endArrow`): one kind, not two.
 */
export const LineLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('line'),
  x1: num(0, 1).default(0),
  y1: num(0, 1).default(0.5),
  x2: num(0, 1).default(1),
  y2: num(0, 1).default(0.5),
  stroke: ColorSchema.default('#111827'),
  strokeWidth: num(0.5, LIMITS.strokeWidth).default(4),
  /** Alternating dash and gap lengths in pixels; empty for a solid line. */
  dash: z
    .array(num(0, LIMITS.dashLength), { error: 'expected a list of dash and gap lengths in pixels' })
    .max(LIMITS.maxDashEntries, { error: `expected at most ${LIMITS.maxDashEntries} lengths` })
    .refine((d) => d.length === 0 || d.some((v) => v > 0), { error: 'expected at least one length above 0' })
    .default([]),
  lineCap: oneOf(LINE_CAPS).default('butt'),
  startArrow: z.boolean({ error: 'expected true or false' }).default(false),
  endArrow: z.boolean({ error: 'expected true or false' }).default(false),
  shadow: ShadowSchema.optional(),
});

/** A regular polygon, its bounds fitted to the layer's box, first vertex at the top. */
export const PolygonLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('polygon'),
  sides: int(LIMITS.polygonSidesMin, LIMITS.polygonSidesMax).default(6),
  fill: FillSchema.default('#e5e7eb'),
  ...strokeFields,
});

/** A star, its bounds fitted to the layer's box, first point at the top. */
export const StarLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('star'),
  points: int(LIMITS.starPointsMin, LIMITS.starPointsMax).default(5),
  /** The inner vertices' distance from the centre as a fraction of the points'. */
  innerRatio: num(0.1, 1).default(0.5),
  fill: FillSchema.default('#e5e7eb'),
  ...strokeFields,
});

export const QR_ERROR_CORRECTION = ['L', 'M', 'Q', 'H'] as const;

/**
 * A QR code of `data`, the symbol with its quiet zone fitted square and centred in the box.
 * The QR specification asks for a quiet zone of 4 modules; 2 is the default because the
 * card around it is usually light and plain, which scanners accept.
 */
export const QrLayerSchema = z.strictObject({
  ...layerBase,
  type: z.literal('qr'),
  data: str(LIMITS.maxQrData).default('https://example.com'),
  color: ColorSchema.default('#000000'),
  /** Behind the symbol and its quiet zone; `transparent` for none. */
  background: ColorSchema.default('#ffffff'),
  errorCorrection: oneOf(QR_ERROR_CORRECTION).default('M'),
  quietZone: int(0, LIMITS.qrQuietZoneMax).default(2),
});

// --- Groups (version 4) ---
/**
 * Layers that move, rotate, hide and lock as one. Children are placed relative to the
 * group's box: a child at (0, 0) sits at the group's top left, and the group's rotation
 * turns them all about the group's centre. Moving a group rewrites the group alone. The
 * box is what selection and alignment use; children may reach past it and are not
 * clipped. Depth and the total layer count (children included) are checked on the
 * document (`LIMITS.maxGroupDepth`, `LIMITS.maxLayers`).
 */
const LEAF_LAYER_SCHEMAS = [
  TextLayerSchema,
  ImageLayerSchema,
  RectLayerSchema,
  EllipseLayerSchema,
  LineLayerSchema,
  PolygonLayerSchema,
  StarLayerSchema,
  QrLayerSchema,
] as const;
const LeafLayerSchema = z.discriminatedUnion('type', [...LEAF_LAYER_SCHEMAS]);
const groupFields = { ...layerBase, type: z.literal('group') };
const GroupFieldsSchema = z.strictObject(groupFields);

// The tree's types are written out: TypeScript cannot infer a recursive schema's type.
type ParsedTreeLayer =
  | z.output<typeof LeafLayerSchema>
  | (z.output<typeof GroupFieldsSchema> & { layers: ParsedTreeLayer[] });
type InputTreeLayer =
  | z.input<typeof LeafLayerSchema>
  | (z.input<typeof GroupFieldsSchema> & { layers: InputTreeLayer[] });

export const GroupLayerSchema = z.strictObject({
  ...groupFields,
  get layers(): z.ZodArray<z.ZodType<ParsedTreeLayer, InputTreeLayer>> {
    return z
      .array(LayerSchema, { error: 'expected a list of layers' })
      .min(1, { error: 'expected at least one layer in a group' })
      .max(LIMITS.maxLayers, { error: `expected at most ${LIMITS.maxLayers} layers` });
  },
});

export const LAYER_TYPES = ['text', 'image', 'rect', 'ellipse', 'line', 'polygon', 'star', 'qr', 'group'] as const;

export const LayerSchema: z.ZodType<ParsedTreeLayer, InputTreeLayer> = z.discriminatedUnion(
  'type',
  [...LEAF_LAYER_SCHEMAS, GroupLayerSchema],
  { error: `expected type to be one of ${LAYER_TYPES.join(', ')}` },
);

type AnyParsedLayer = { name: string; id?: string; type: string; layers?: AnyParsedLayer[] };

/** Names and ids unique across the whole tree, group depth and the total layer count. */
function checkLayerTree(layers: readonly AnyParsedLayer[], ctx: z.RefinementCtx): void {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  let count = 0;
  const walk = (list: readonly AnyParsedLayer[], path: (string | number)[], depth: number) => {
    list.forEach((layer, i) => {
      const at = [...path, i];
      const where = at
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .slice(1);
      count++;
      const prev = names.get(layer.name);
      if (prev !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'name'],
          message: `expected a unique name; "${layer.name}" is also the name of ${prev}`,
        });
      } else names.set(layer.name, where);
      const id = layer.id ?? layer.name;
      const prevId = ids.get(id);
      if (prevId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'id'],
          message: `expected a unique id; "${id}" is also the id of ${prevId}`,
        });
      } else ids.set(id, where);
      if (layer.layers) {
        if (depth + 1 > LIMITS.maxGroupDepth) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'layers'],
            message: `expected groups nested at most ${LIMITS.maxGroupDepth} deep`,
          });
        } else walk(layer.layers, [...at, 'layers'], depth + 1);
      }
    });
  };
  walk(layers, ['layers'], 0);
  if (count > LIMITS.maxLayers) {
    ctx.addIssue({
      code: 'custom',
      path: ['layers'],
      message: `expected at most ${LIMITS.maxLayers} layers counting the layers inside groups; there are ${count}`,
    });
  }
}
// --- end of groups ---

export const VariableSchema = z.strictObject({
  name: z
    .string({ error: 'expected a variable name' })
    .max(64, { error: 'expected at most 64 characters' })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, {
      error:
        'expected a name of letters, digits and _ (not starting with a digit), in dot-separated parts such as page.title',
    })
    .refine(notProto, { error: 'expected a name other than __proto__ (it cannot be a variable key)' }),
  type: z.literal('text', { error: 'expected "text" (the only variable type)' }).default('text'),
  label: str(100).optional(),
  default: str(LIMITS.maxTextLength).default(''),
});

export const CanvasSchema = z.strictObject(
  {
    width: int(LIMITS.canvasMin, LIMITS.canvasMax),
    height: int(LIMITS.canvasMin, LIMITS.canvasMax),
    background: FillSchema.default('#ffffff'),
    /** Drawn over the background fill, covering the canvas. */
    backgroundImage: str(LIMITS.maxSrcLength).optional(),
  },
  { error: 'expected an object with width and height' },
);

// ---- Size variants: one design, other canvas sizes ------------------------------------
// A variant is another canvas size of the same design: per-layer overrides of geometry and
// style for that size, everything else inherited from the base layers. What a variant may
// change is taken from the layer schemas (their types, bounds and messages, without
// defaults: a property left out is inherited). Content (text, src, fills, colours) is not
// in the list: it stays one design, and render overrides still set content per request.

export const LIMITS_VARIANTS = { maxVariants: 20, maxVariantName: 40 } as const;

type NoDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T extends z.ZodOptional<infer Inner> ? Inner : T;
const noDefault = <T extends z.ZodType>(schema: T): NoDefault<T> =>
  (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? schema.unwrap() : schema) as NoDefault<T>;

const variantCommon = {
  x: noDefault(layerBase.x),
  y: noDefault(layerBase.y),
  width: layerBase.width,
  height: layerBase.height,
  rotation: noDefault(layerBase.rotation),
  opacity: noDefault(layerBase.opacity),
  visible: noDefault(layerBase.visible),
};
const textShape = TextLayerSchema.shape;
const imageShape = ImageLayerSchema.shape;
const strokeWidthOf = (shape: { strokeWidth: z.ZodType }) => ({ strokeWidth: noDefault(shape.strokeWidth) });

export const TextVariantLayerSchema = z
  .strictObject({
    ...variantCommon,
    fontSize: noDefault(textShape.fontSize),
    lineHeight: noDefault(textShape.lineHeight),
    letterSpacing: noDefault(textShape.letterSpacing),
    textAlign: noDefault(textShape.textAlign),
    verticalAlign: noDefault(textShape.verticalAlign),
    maxLines: noDefault(textShape.maxLines),
    autoFit: noDefault(textShape.autoFit),
    minFontSize: noDefault(textShape.minFontSize),
    padding: noDefault(textShape.padding),
  })
  .partial();
export const ImageVariantLayerSchema = z
  .strictObject({
    ...variantCommon,
    objectFit: noDefault(imageShape.objectFit),
    objectPosition: noDefault(imageShape.objectPosition),
    crop: noDefault(imageShape.crop),
    borderRadius: noDefault(imageShape.borderRadius),
    ...strokeWidthOf(imageShape),
  })
  .partial();
export const RectVariantLayerSchema = z
  .strictObject({
    ...variantCommon,
    cornerRadius: noDefault(RectLayerSchema.shape.cornerRadius),
    ...strokeWidthOf(RectLayerSchema.shape),
  })
  .partial();
export const ShapeVariantLayerSchema = z
  .strictObject({ ...variantCommon, ...strokeWidthOf(EllipseLayerSchema.shape) })
  .partial();
export const LineVariantLayerSchema = z
  .strictObject({ ...variantCommon, ...strokeWidthOf(LineLayerSchema.shape) })
  .partial();
export const QrVariantLayerSchema = z
  .strictObject({ ...variantCommon, quietZone: noDefault(QrLayerSchema.shape.quietZone) })
  .partial();

/** A group moves, turns, fades and hides at another size; its children are set by their own names. */
export const GroupVariantLayerSchema = z
  .strictObject({
    x: variantCommon.x,
    y: variantCommon.y,
    rotation: variantCommon.rotation,
    opacity: variantCommon.opacity,
    visible: variantCommon.visible,
  })
  .partial();

export function variantLayerSchemaFor(type: (typeof LAYER_TYPES)[number]) {
  switch (type) {
    case 'text':
      return TextVariantLayerSchema;
    case 'image':
      return ImageVariantLayerSchema;
    case 'rect':
      return RectVariantLayerSchema;
    case 'ellipse':
    case 'polygon':
    case 'star':
      return ShapeVariantLayerSchema;
    case 'line':
      return LineVariantLayerSchema;
    case 'qr':
      return QrVariantLayerSchema;
    case 'group':
      return GroupVariantLayerSchema;
    default:
      return assertNever(type, 'layer type');
  }
}

/** The properties a variant may set on a layer of each kind, for errors, forms and docs. */
export function variantProperties(type: (typeof LAYER_TYPES)[number]): string[] {
  return Object.keys(variantLayerSchemaFor(type).shape);
}

export const VariantNameSchema = z
  .string({ error: 'expected a variant name' })
  .regex(/^[a-z0-9-]{1,40}$/, { error: 'expected 1 to 40 characters of a-z, 0-9 or -' });

export const VariantSchema = z.strictObject(
  {
    name: VariantNameSchema,
    width: int(LIMITS.canvasMin, LIMITS.canvasMax),
    height: int(LIMITS.canvasMin, LIMITS.canvasMax),
    /** The canvas background for this size; the base canvas's when left out. */
    background: FillSchema.optional(),
    layers: z
      .record(
        LayerNameSchema,
        z.record(z.string(), z.unknown(), { error: 'expected an object of properties' }).meta({
          description: "Properties of the layer at this size (geometry, type size, alignment, the image's fit).",
        }),
        { error: 'expected an object of layer name → properties' },
      )
      .default({}),
  },
  { error: 'expected a variant: an object with name, width, height and layers' },
);

const VariantsSchema = z
  .array(VariantSchema, { error: 'expected a list of variants' })
  .max(LIMITS_VARIANTS.maxVariants, { error: `expected at most ${LIMITS_VARIANTS.maxVariants} variants` })
  .default([]);

type VariantShape = { name: string; layers: Record<string, Record<string, unknown>> };
type LayerShape = { name: string; type: (typeof LAYER_TYPES)[number] };

/** Unique names; each override names a layer that exists and only what its kind allows. */
function checkVariants(variants: VariantShape[], layers: LayerShape[], ctx: z.core.$RefinementCtx): void {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const layerNames = layers.map((l) => l.name).join(', ') || '(none)';
  const seen = new Map<string, number>();
  variants.forEach((variant, i) => {
    const prev = seen.get(variant.name);
    if (prev !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', i, 'name'],
        message: `expected a unique name; "${variant.name}" is also the name of variants[${prev}]`,
      });
    } else seen.set(variant.name, i);
    for (const [name, props] of Object.entries(variant.layers)) {
      const path = ['variants', i, 'layers', name];
      const layer = byName.get(name);
      if (!layer) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `variant "${variant.name}" overrides a layer named "${name}", which the template lacks; its layers are: ${layerNames}`,
        });
        continue;
      }
      const allowed = variantProperties(layer.type);
      const unknown = Object.keys(props).filter((k) => !allowed.includes(k));
      for (const key of unknown) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: `a variant cannot set "${key}" on a ${layer.type} layer; expected one of ${allowed.join(', ')}`,
        });
      }
      if (unknown.length) continue;
      const parsed = variantLayerSchemaFor(layer.type).safeParse(props);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
        }
      }
    }
  });
}
// ---- end of size variants ---------------------------------------------------------------

export const TemplateDocumentSchema = z
  .strictObject(
    {
      version: z.literal(CURRENT_VERSION, { error: `expected version ${CURRENT_VERSION}` }),
      canvas: CanvasSchema,
      layers: z
        .array(LayerSchema, { error: 'expected a list of layers' })
        .max(LIMITS.maxLayers, { error: `expected at most ${LIMITS.maxLayers} layers` })
        .default([]),
      variables: z
        .array(VariableSchema, { error: 'expected a list of variables' })
        .max(LIMITS.maxVariables, { error: `expected at most ${LIMITS.maxVariables} variables` })
        .default([]),
      variants: VariantsSchema,
    },
    { error: 'expected a template document: an object with version, canvas and layers' },
  )
  .superRefine((doc, ctx) => {
    checkLayerTree(doc.layers, ctx);
    const vars = new Set<string>();
    doc.variables.forEach((v, i) => {
      if (vars.has(v.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', i, 'name'],
          message: `expected a unique name; "${v.name}" repeats`,
        });
      }
      vars.add(v.name);
    });
    // Layers inside groups are named in a variant as anywhere else.
    const everyLayer: LayerShape[] = [];
    const flatten = (list: readonly (LayerShape & { layers?: unknown })[]) => {
      for (const l of list) {
        everyLayer.push(l);
        if (Array.isArray(l.layers)) flatten(l.layers as (LayerShape & { layers?: unknown })[]);
      }
    };
    flatten(doc.layers);
    checkVariants(doc.variants, everyLayer, ctx);
  });

type ParsedDocument = z.output<typeof TemplateDocumentSchema>;
type WithId<T> = T extends unknown ? Omit<T, 'id'> & { id: string } : never;

export type Fill = z.output<typeof FillSchema>;
export type Shadow = z.output<typeof ShadowSchema>;
export type FontWeight = z.output<typeof FontWeightSchema>;
type ParsedLayer = ParsedDocument['layers'][number];
/** A group with its children typed as layers (ids filled in at every depth). */
export type GroupLayer = Omit<WithId<Extract<ParsedLayer, { type: 'group' }>>, 'layers'> & { layers: Layer[] };
export type Layer = WithId<Exclude<ParsedLayer, { type: 'group' }>> | GroupLayer;
export type LayerType = Layer['type'];
export type TextLayer = Extract<Layer, { type: 'text' }>;
export type ImageLayer = Extract<Layer, { type: 'image' }>;
export type ImageCrop = z.output<typeof ImageCropSchema>;
export type ImageFilters = z.output<typeof ImageFiltersSchema>;
export type ImageMask = (typeof IMAGE_MASKS)[number];
export type CornerRadius = z.output<typeof CornerRadiusSchema>;
export type RectLayer = Extract<Layer, { type: 'rect' }>;
export type EllipseLayer = Extract<Layer, { type: 'ellipse' }>;
export type LineLayer = Extract<Layer, { type: 'line' }>;
export type PolygonLayer = Extract<Layer, { type: 'polygon' }>;
export type StarLayer = Extract<Layer, { type: 'star' }>;
export type QrLayer = Extract<Layer, { type: 'qr' }>;
export type LineCap = (typeof LINE_CAPS)[number];
export type QrErrorCorrection = (typeof QR_ERROR_CORRECTION)[number];
export type Variable = z.output<typeof VariableSchema>;
export type Canvas = z.output<typeof CanvasSchema>;
export type TextVariantLayer = z.output<typeof TextVariantLayerSchema>;
export type ImageVariantLayer = z.output<typeof ImageVariantLayerSchema>;
/** What a variant sets on one layer (checked against the layer's kind when parsed). */
export type VariantLayer =
  | TextVariantLayer
  | ImageVariantLayer
  | z.output<typeof RectVariantLayerSchema>
  | z.output<typeof ShapeVariantLayerSchema>
  | z.output<typeof LineVariantLayerSchema>
  | z.output<typeof QrVariantLayerSchema>;
export type Variant = Omit<z.output<typeof VariantSchema>, 'layers'> & { layers: Record<string, VariantLayer> };
/** A parsed document: defaults filled in, every layer has an id. */
export type TemplateDocument = Omit<ParsedDocument, 'layers' | 'variants'> & { layers: Layer[]; variants?: Variant[] };
/** What a user may write: optional fields may be left out. */
export type TemplateDocumentInput = z.input<typeof TemplateDocumentSchema>;
export type LayerInput = z.input<typeof LayerSchema>;

/** `'bold'` → 700; numbers pass through. */
export function fontWeightValue(weight: FontWeight): number {
  return weight === 'bold' ? 700 : weight === 'normal' ? 400 : weight;
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
