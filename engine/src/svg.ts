// SVG images, the part both platforms share: the limits checked on the text before any
// parser sees it, the size an SVG is rasterised at for the place it is drawn, and the
// interface the painter draws it through. The rasteriser itself (resvg: @resvg/resvg-js on
// the server, @resvg/resvg-wasm in the browser) is injected by each platform, so the two
// produce the same pixels from the same decisions.
import type { PaintImages, Rect, Scene } from './types';

/** Largest SVG accepted, in bytes. */
export const MAX_SVG_BYTES = 1_000_000;
/** Elements (start tags) in the text. */
export const MAX_SVG_ELEMENTS = 20_000;
/** Nesting depth of elements (resvg's parser gives up at 1,024; real logos stay under 30). */
export const MAX_SVG_DEPTH = 256;
/** Elements after resvg expanded every `<use>` (usvg's own limit is about a million). */
export const MAX_SVG_TREE_NODES = 100_000;
/** Largest raster of one SVG: 16 MP (64 MB), a 1200×630 card's whole area at scale 3.4. */
export const MAX_SVG_RASTER_PIXELS = 16_000_000;
/** Longest side of a raster (and of the intrinsic size, as for bitmaps). */
export const MAX_SVG_SIDE = 16_384;
/**
 * Work one rasterisation may do, in elements × pixels: every element can cover the whole
 * raster (1,000 full-size rectangles at 16 MP took 34 s), so a complex SVG drawn large is
 * rasterised at a lower resolution rather than keep a render busy. A 200-element logo
 * still gets 2.5 MP; a 20-element one the full 16 MP.
 */
export const MAX_SVG_WORK = 500_000_000;
/** Masks, clip paths, group opacity and patterns each draw on a layer of their own. */
const LAYER_WEIGHT = 16;

/** The bytes begin like an SVG document (after a BOM, whitespace, an XML declaration or comments). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<svg') ||
    head.startsWith('<!doctype svg') ||
    ((head.startsWith('<?xml') || head.startsWith('<!--')) && /<svg|<!doctype svg/.test(head))
  );
}

/**
 * Why the text of an SVG is refused, or undefined. A scan of the characters, not a parser:
 * it counts start tags and their nesting, and finds what must never reach resvg — entity
 * declarations (their expansion is quadratic: 1,000 references to a 50 KB entity took 7 s
 * to parse), references to anything outside the file (resvg would read an `<image>`'s
 * absolute path from the disk), filters (a blur costs seconds at a card's size and more
 * with a large filter region) and SVG nested as a data: image (it would escape this scan).
 */
export function svgProblem(text: string): string | undefined {
  if (text.length > MAX_SVG_BYTES) return `the SVG is larger than ${MAX_SVG_BYTES / 1e6} MB`;
  if (/<!ENTITY/i.test(text)) return 'the SVG declares XML entities, which are not accepted';
  let elements = 0;
  let depth = 0;
  let maxDepth = 0;
  // Tags only; text, comments, CDATA and processing instructions are skipped whole.
  const tag = /<(!--[\s\S]*?-->|!\[CDATA\[[\s\S]*?\]\]>|![^>]*>|\?[\s\S]*?\?>|\/[^>]*>|[A-Za-z_][^>]*>)/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const body = m[1] ?? '';
    if (body.startsWith('!') || body.startsWith('?')) continue;
    if (body.startsWith('/')) {
      depth--;
      continue;
    }
    elements++;
    if (elements > MAX_SVG_ELEMENTS) return `the SVG has more than ${MAX_SVG_ELEMENTS} elements`;
    if (body.endsWith('/>')) continue;
    depth++;
    if (depth > maxDepth) maxDepth = depth;
    if (maxDepth > MAX_SVG_DEPTH) return `the SVG nests elements more than ${MAX_SVG_DEPTH} deep`;
  }
  // Elements and the `filter` property (which also takes CSS functions such as blur()).
  if (/<(?:[A-Za-z_][\w.-]*:)?filter[\s>/]|\bfilter\s*[:=]/i.test(text))
    return 'the SVG uses filters, which are not accepted';
  for (const ref of text.matchAll(/\bhref\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const value = (ref[2] ?? ref[3] ?? '').trim();
    if (value.startsWith('#')) continue;
    if (/^data:/i.test(value)) {
      if (/^data:image\/svg/i.test(value)) return 'the SVG embeds another SVG, which is not accepted';
      continue;
    }
    return 'the SVG refers to an external resource; only data: URLs and references inside the file are accepted';
  }
  return undefined;
}

/**
 * The weight of resvg's own tree (its `toString()`, where every `<use>` is expanded):
 * elements, with those that draw on a layer of their own counted more.
 */
export function svgTreeWeight(tree: string): { nodes: number; weight: number } {
  const nodes = (tree.match(/<[A-Za-z]/g) ?? []).length;
  const layers = (tree.match(/\b(?:mask|clip-path|opacity)=|<pattern\b/g) ?? []).length;
  return { nodes, weight: Math.max(1, nodes + LAYER_WEIGHT * layers) };
}

/** An SVG ready to rasterise: what a platform's loader gives the painter. */
export interface VectorImage {
  readonly kind: 'vector';
  /** Intrinsic size (from width/height, else the viewBox), what layout fits. */
  readonly width: number;
  readonly height: number;
  /** From `svgTreeWeight`: how much a pixel costs. */
  readonly weight: number;
  /** The whole image at `width` pixels wide (the height follows the aspect); throws if it cannot. */
  rasterize(width: number): RasterImage;
}

/** A rasterised SVG: anything `drawImage` accepts, with its pixel size. */
export interface RasterImage {
  image: object;
  width: number;
  height: number;
}

export function isVectorImage(image: unknown): image is VectorImage {
  return typeof image === 'object' && image !== null && (image as { kind?: unknown }).kind === 'vector';
}

/** The intrinsic size to lay out with, or why it is refused. */
export function svgSizeProblem(width: number, height: number): string | undefined {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height)))
    return 'the SVG has no size (width, height or viewBox)';
  if (width > MAX_SVG_SIDE || height > MAX_SVG_SIDE) {
    return `the SVG is ${Math.round(width)}×${Math.round(height)}; each side may be at most ${MAX_SVG_SIDE}`;
  }
  if (Math.max(width, height) / Math.min(width, height) > 1000) {
    return `the SVG is ${Math.round(width)}×${Math.round(height)}; its sides may differ at most 1000:1`;
  }
  return undefined;
}

/** The linear part of the transform to device pixels. */
export interface DeviceScale {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * The width, in pixels, of the raster of a whole SVG drawn from `source` (in intrinsic
 * units) to `dest` under `m`: one raster pixel per device pixel on the axis that is scaled
 * most, then lowered to the caps (pixels, side, work). The server and the browser compute
 * it alike, so they rasterise at the same size. Scales are rounded to 1e-6 first: Skia
 * keeps its matrix in single precision and the browser in double.
 */
export function vectorRasterWidth(image: VectorImage, draw: { source: Rect; dest: Rect }, m: DeviceScale): number {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const kx = round(Math.hypot(m.a, m.b));
  const ky = round(Math.hypot(m.c, m.d));
  const { source, dest } = draw;
  if (!(source.width > 0 && source.height > 0)) return 1;
  const zoom = Math.max((dest.width / source.width) * kx, (dest.height / source.height) * ky);
  const area = image.width * image.height;
  const maxPixels = Math.min(MAX_SVG_RASTER_PIXELS, MAX_SVG_WORK / image.weight);
  const capped = Math.min(zoom, Math.sqrt(maxPixels / area), MAX_SVG_SIDE / Math.max(image.width, image.height));
  return Math.max(1, Math.round(image.width * round(capped)));
}

/** Straight alpha from premultiplied (resvg's pixels), in place, as `ImageData` wants it. */
export function unpremultiply(pixels: Uint8Array | Uint8ClampedArray): void {
  for (let i = 0; i < pixels.length; i += 4) {
    const a = pixels[i + 3] ?? 0;
    if (a === 0 || a === 255) continue;
    pixels[i] = Math.min(255, Math.round(((pixels[i] ?? 0) * 255) / a));
    pixels[i + 1] = Math.min(255, Math.round(((pixels[i + 1] ?? 0) * 255) / a));
    pixels[i + 2] = Math.min(255, Math.round(((pixels[i + 2] ?? 0) * 255) / a));
  }
}

/** One raster a scene needs: which source, at what width. */
export interface PlannedRaster {
  src: string;
  image: VectorImage;
  width: number;
}

/**
 * The rasters painting `scene` will ask for, in drawing order (background, then layers
 * bottom to top), when the canvas is scaled by `scaleX`×`scaleY`: the same widths the
 * painter computes from its context, so a renderer can make (and budget, and report the
 * failures of) every raster before it paints.
 */
export function plannedRasters(scene: Scene, images: PaintImages, scaleX: number, scaleY: number): PlannedRaster[] {
  const out: PlannedRaster[] = [];
  const bg = scene.backgroundImage;
  const bgImage = bg ? images.get(bg.src) : undefined;
  if (bg && isVectorImage(bgImage)) {
    out.push({
      src: bg.src,
      image: bgImage,
      width: vectorRasterWidth(bgImage, bg, { a: scaleX, b: 0, c: 0, d: scaleY }),
    });
  }
  for (const node of scene.nodes) {
    if (node.type !== 'image' || !node.draw) continue;
    const image = images.get(node.src);
    if (!isVectorImage(image)) continue;
    const [a, b, c, d] = node.frame.matrix;
    const m = { a: scaleX * a, b: scaleY * b, c: scaleX * c, d: scaleY * d };
    out.push({ src: node.src, image, width: vectorRasterWidth(image, node.draw, m) });
  }
  return out;
}

/** Pixels of the raster `width` pixels wide (resvg rounds the height up). */
export function rasterPixels(image: VectorImage, width: number): number {
  return width * Math.ceil((width * image.height) / image.width);
}

/** The same image, each raster made once: a render makes them before painting, then paints. */
export function memoizeRasters(image: VectorImage): VectorImage {
  const made = new Map<number, RasterImage>();
  return {
    kind: 'vector',
    width: image.width,
    height: image.height,
    weight: image.weight,
    rasterize(width) {
      let raster = made.get(width);
      if (!raster) {
        raster = image.rasterize(width);
        made.set(width, raster);
      }
      return raster;
    },
  };
}
