// Size variants: resolving one for a render, the platform names that may ask for one, and
// the starting point "Add size" gives a new one. Resolution is pure and runs before layout
// on the server and in the editor alike, so a variant draws the same everywhere.
import type { ValidationIssue } from './issues';
import { mapLayerTree } from './layer-tree';
import type { Layer, TemplateDocument, Variant, VariantLayer } from './schema';

/** Platform sizes a render may name instead of a variant (see `findVariant`). */
export const PLATFORM_SIZES = {
  og: { width: 1200, height: 630 },
  twitter: { width: 1200, height: 675 },
  linkedin: { width: 1200, height: 627 },
  facebook: { width: 1200, height: 630 },
  kakao: { width: 800, height: 400 },
  slack: { width: 1200, height: 630 },
  whatsapp: { width: 400, height: 400 },
  instagram: { width: 1080, height: 1080 },
  story: { width: 1080, height: 1920 },
} as const satisfies Record<string, { width: number; height: number }>;

export type PlatformName = keyof typeof PLATFORM_SIZES;

const isPlatform = (name: string): name is PlatformName => Object.hasOwn(PLATFORM_SIZES, name);

/**
 * What `variant=<name>` picks, in this order:
 * 1. the variant of that name;
 * 2. if the name is a platform (`twitter`), the first variant of that platform's size;
 * 3. if the name is a platform and the base canvas has its size, the base design.
 * `null` selects the base; `undefined` means nothing matches.
 */
export function findVariant(doc: TemplateDocument, name: string): Variant | null | undefined {
  const variants = doc.variants ?? [];
  const named = variants.find((v) => v.name === name);
  if (named) return named;
  if (!isPlatform(name)) return undefined;
  const size = PLATFORM_SIZES[name];
  const sized = variants.find((v) => v.width === size.width && v.height === size.height);
  if (sized) return sized;
  return doc.canvas.width === size.width && doc.canvas.height === size.height ? null : undefined;
}

/** Every name `variant` accepts for this template: its variants, then the platforms that resolve. */
export function variantNames(doc: TemplateDocument): string[] {
  const names = (doc.variants ?? []).map((v) => v.name);
  for (const platform of Object.keys(PLATFORM_SIZES)) {
    if (!names.includes(platform) && findVariant(doc, platform) !== undefined) names.push(platform);
  }
  return names;
}

function applyVariantLayer(layer: Layer, props: VariantLayer | undefined): Layer {
  return props ? ({ ...layer, ...props } as Layer) : layer;
}

/** A plain document of the variant's size with its overrides applied (no variants of its own). */
export function applyVariant(doc: TemplateDocument, variant: Variant): TemplateDocument {
  const { variants: _variants, ...base } = doc;
  return {
    ...base,
    canvas: {
      ...doc.canvas,
      width: variant.width,
      height: variant.height,
      ...(variant.background !== undefined ? { background: variant.background } : {}),
    },
    layers: mapLayerTree(doc.layers, (layer) =>
      applyVariantLayer(layer, Object.hasOwn(variant.layers, layer.name) ? variant.layers[layer.name] : undefined),
    ),
  };
}

export type VariantResult =
  | { ok: true; value: TemplateDocument; variant: string | null }
  | { ok: false; errors: ValidationIssue[] };

/**
 * The document to lay out for `variant=<name>`: the base when `name` is undefined or picks
 * the base, else the variant applied. An unknown name is an error listing what is accepted.
 */
export function resolveVariant(doc: TemplateDocument, name: string | undefined, path = 'variant'): VariantResult {
  if (name === undefined) return { ok: true, value: doc, variant: null };
  const found = findVariant(doc, name);
  if (found === undefined) {
    const names = variantNames(doc);
    return {
      ok: false,
      errors: [
        {
          path,
          message: names.length
            ? `the template has no variant "${name}"; its variants are: ${names.join(', ')}`
            : `the template has no variant "${name}"; it has no variants (add one in the editor with Add size)`,
        },
      ],
    };
  }
  return found === null
    ? { ok: true, value: doc, variant: null }
    : { ok: true, value: applyVariant(doc, found), variant: found.name };
}

const round = (n: number) => Math.round(n * 100) / 100;

type Anchor = 'start' | 'centre' | 'end';

/** The edge or centre of the canvas a span is nearest to, along one axis. */
function anchorOf(start: number, size: number, canvas: number): Anchor {
  const gaps = {
    start: Math.abs(start),
    centre: Math.abs(start + size / 2 - canvas / 2),
    end: Math.abs(canvas - start - size),
  };
  return gaps.start <= gaps.centre && gaps.start <= gaps.end ? 'start' : gaps.end < gaps.centre ? 'end' : 'centre';
}

function placeAxis(start: number, size: number, from: number, to: number, newSize: number): number {
  const ratio = to / from;
  switch (anchorOf(start, size, from)) {
    case 'start':
      return start * ratio;
    case 'end':
      return to - (from - start - size) * ratio - newSize;
    case 'centre':
      return (start + size / 2) * ratio - newSize / 2;
  }
}

/** The properties of a layer that scale with the canvas, beyond its box. */
function scaledStyle(layer: Layer, k: number): VariantLayer {
  switch (layer.type) {
    case 'text':
      return {
        fontSize: Math.max(1, round(layer.fontSize * k)),
        minFontSize: Math.max(1, round(layer.minFontSize * k)),
        letterSpacing: round(layer.letterSpacing * k),
        ...(layer.padding ? { padding: round(layer.padding * k) } : {}),
      };
    case 'image': {
      const r = layer.borderRadius;
      if (Array.isArray(r)) return { borderRadius: r.map((v) => round(v * k)) as typeof r };
      return r ? { borderRadius: round(r * k) } : {};
    }
    case 'rect':
      return layer.cornerRadius ? { cornerRadius: round(layer.cornerRadius * k) } : {};
    case 'line':
      return { strokeWidth: Math.max(0.5, round(layer.strokeWidth * k)) };
    default:
      return {};
  }
}

/**
 * A starting point for a new size: positions follow the width and height ratios, sizes
 * scale uniformly by the smaller ratio (nothing is distorted or pushed off the canvas),
 * and each layer keeps to the edge or centre of the canvas it was nearest. A layer that
 * covered the whole canvas covers the whole new one.
 */
export function scaleToVariant(doc: TemplateDocument, name: string, width: number, height: number): Variant {
  const { width: w0, height: h0 } = doc.canvas;
  const k = Math.min(width / w0, height / h0);
  const layers: Record<string, VariantLayer> = {};
  for (const layer of doc.layers) {
    const fullBleed =
      layer.rotation === 0 &&
      layer.x <= 0 &&
      layer.y <= 0 &&
      layer.x + layer.width >= w0 &&
      layer.y + layer.height >= h0;
    const newW = Math.max(1, layer.width * k);
    const newH = Math.max(1, layer.height * k);
    // A group is placed, not resized (a variant cannot size one); its children keep theirs.
    const groupPlace = {
      x: round(placeAxis(layer.x, layer.width, w0, width, layer.width)),
      y: round(placeAxis(layer.y, layer.height, h0, height, layer.height)),
    };
    const props: Record<string, unknown> =
      layer.type === 'group'
        ? groupPlace
        : fullBleed
          ? { x: 0, y: 0, width, height }
          : {
              x: round(placeAxis(layer.x, layer.width, w0, width, newW)),
              y: round(placeAxis(layer.y, layer.height, h0, height, newH)),
              width: round(newW),
              height: round(newH),
              ...scaledStyle(layer, k),
            };
    // Only what differs from the base is an override: the rest stays inherited.
    const changed = Object.entries(props).filter(([key, value]) => (layer as Record<string, unknown>)[key] !== value);
    if (changed.length) layers[layer.name] = Object.fromEntries(changed) as VariantLayer;
  }
  return { name, width, height, layers };
}
