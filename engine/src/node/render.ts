// renderTemplate: the server's and the CLI's one call. Load the images the document
// needs, lay out with the node environment, paint with the shared painter, encode.
import { type Overrides, parseColor, type TemplateDocument, type VariableValues } from '@layercast/shared';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { withCustomFonts } from '../custom-fonts';
import { collectImageSources, layoutTemplate, paintScene, resolveDocument } from '../index';
import { isVectorImage, memoizeRasters, plannedRasters, rasterPixels } from '../svg';
import type { Diagnostics, PaintFill, PaintImage, Scene } from '../types';
import { type NodeCustomFontFace, registerCustomFonts } from './custom-fonts';
import { MIME_TYPES, OUTPUT_FORMATS, type OutputFormat } from './encode';
import { type ImageLoader, type ImageProbe, createImageLoader } from './images';
import { ImageLoadError, MAX_TOTAL_IMAGE_PIXELS, allotImagePixels, totalPixelsMessage } from './image-budget';
import { nodeLayoutEnv } from './layout-env';
import { MAX_OUTPUT_PIXELS } from './limits';
import { createSurface, keepCanvas, takeCanvas } from './surface';

export interface RenderInput {
  /** Validated overrides (`parseOverrides`). */
  layers?: Overrides;
  /** Validated variable values (`parseVariables`). */
  variables?: VariableValues;
}

export interface RenderOptions {
  format?: OutputFormat;
  /** 1–100 for jpeg, webp and avif. */
  quality?: number;
  /** 1–4: output pixels per template pixel. */
  scale?: number;
  /** Defaults to a loader that accepts data: URLs only. */
  loadImage?: ImageLoader;
  /** Decoded pixels all the images of one render may have together; 50 MP by default. */
  maxTotalImagePixels?: number;
  /**
   * The template owner's own fonts (and any named for this render): registered once per
   * process, drawn where a layer names their family, and tried for missing glyphs before the
   * shipped fallback chain.
   */
  fonts?: readonly NodeCustomFontFace[];
}

export interface RenderResult {
  data: Buffer;
  mime: string;
  /** Output size in pixels (template size × scale). */
  width: number;
  height: number;
  diagnostics: Diagnostics;
  /** `rasterizeMs`: making the SVG images' rasters, before paint. */
  timings: { loadMs: number; layoutMs: number; rasterizeMs: number; paintMs: number; encodeMs: number };
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * What Skia's SVG backend leaves out of this scene: colour emoji (bitmap glyphs have no
 * outline to convert) and shadow blur (exported sharp). Said beside the image, not silently.
 */
function svgWarnings(scene: Scene): string[] {
  const emoji = scene.nodes
    .filter((n) => n.type === 'text' && n.lines.some((l) => PICTOGRAPHIC.test(l.text)))
    .map((n) => n.name);
  const blurred = scene.nodes.filter((n) => 'shadow' in n && n.shadow && n.shadow.blur > 0).map((n) => n.name);
  const warnings: string[] = [];
  if (emoji.length)
    warnings.push(`svg: colour emoji are not drawn in SVG output (${emoji.join(', ')}); use png, webp or pdf`);
  if (blurred.length)
    warnings.push(`svg: shadows are drawn without blur in SVG output (${blurred.join(', ')}); use png, webp or pdf`);
  return warnings;
}

/**
 * Smallest scale: below 1 only for previews (the API and the CLI take 1–4); the output is
 * at least a pixel each way.
 */
export const MIN_SCALE = 0.05;

/** A render request the caller should have refused: the message names the option. */
export class RenderOptionsError extends RangeError {
  override name = 'RenderOptionsError';
}

function checkOptions(doc: TemplateDocument, options: RenderOptions) {
  const format = options.format ?? 'png';
  if (!OUTPUT_FORMATS.includes(format))
    throw new RenderOptionsError(`format: expected one of ${OUTPUT_FORMATS.join(', ')}`);
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < MIN_SCALE || scale > 4) {
    throw new RenderOptionsError(`scale: expected a number from ${MIN_SCALE} to 4`);
  }
  const { quality } = options;
  if (quality !== undefined && (!Number.isInteger(quality) || quality < 1 || quality > 100)) {
    throw new RenderOptionsError('quality: expected a whole number from 1 to 100');
  }
  const width = Math.max(1, Math.round(doc.canvas.width * scale));
  const height = Math.max(1, Math.round(doc.canvas.height * scale));
  if (width * height > MAX_OUTPUT_PIXELS) {
    throw new RenderOptionsError(
      `scale: the output would be ${width}×${height} pixels; at most ${MAX_OUTPUT_PIXELS / 1e6} megapixels, use a smaller scale`,
    );
  }
  return { format, quality, width, height };
}

interface LoadedImages {
  sizes: Map<string, { width: number; height: number }>;
  errors: Map<string, string>;
  images: Map<string, PaintImage>;
  /** Pixels the admitted images hold; SVG rasters may have what is left of the budget. */
  pixels: number;
}

/** Only our own reasons are shown; anything else may carry paths or internals. */
const reasonOf = (error: unknown) => (error instanceof ImageLoadError ? error.message : 'could not load the image');

/**
 * Every source at once, in two steps: read and check every header, then decode only the
 * images that fit the render's pixel budget. A failure is a reason for that source, never
 * an exception. A loader without `probe` decodes in the first step; the budget then still
 * decides what is drawn, but cannot spare the memory.
 */
async function loadAll(sources: string[], loadImage: ImageLoader, maxTotalPixels: number): Promise<LoadedImages> {
  const out: LoadedImages = { sizes: new Map(), errors: new Map(), images: new Map(), pixels: 0 };
  const probe: ImageProbe =
    loadImage.probe ??
    (async (src) => {
      const loaded = await loadImage(src);
      return { width: loaded.width, height: loaded.height, decode: async () => loaded };
    });
  const probed = await Promise.allSettled(sources.map((src) => probe(src)));
  const pixels = probed.map((p) => (p.status === 'fulfilled' ? (p.value.pixels ?? p.value.width * p.value.height) : 0));
  const admitted = allotImagePixels(
    probed.map((p, i) => (p.status === 'fulfilled' ? pixels[i] : undefined)),
    maxTotalPixels,
  );
  out.pixels = admitted.reduce((sum, ok, i) => sum + (ok ? (pixels[i] ?? 0) : 0), 0);
  await Promise.all(
    sources.map(async (src, i) => {
      const result = probed[i];
      if (!result || result.status === 'rejected') {
        out.errors.set(src, reasonOf(result?.reason));
        return;
      }
      if (!admitted[i]) {
        out.errors.set(src, totalPixelsMessage(maxTotalPixels));
        return;
      }
      try {
        const loaded = await result.value.decode();
        out.sizes.set(src, { width: loaded.width, height: loaded.height });
        // Per render: the rasters made before painting are the ones the painter draws.
        out.images.set(src, isVectorImage(loaded.image) ? memoizeRasters(loaded.image) : loaded.image);
      } catch (error) {
        out.errors.set(src, reasonOf(error));
      }
    }),
  );
  return out;
}

/**
 * Makes every SVG raster the scene will draw, in drawing order, while they fit what is
 * left of the pixel budget; returns why the others cannot be drawn, by source. A source
 * drawn by two layers at two sizes is rasterised twice; if either fails, both are left out.
 */
function rasterizeVectors(
  scene: Scene,
  loaded: LoadedImages,
  scaleX: number,
  scaleY: number,
  maxTotalPixels: number,
): Map<string, string> {
  const errors = new Map<string, string>();
  let used = loaded.pixels;
  for (const planned of plannedRasters(scene, loaded.images, scaleX, scaleY)) {
    if (errors.has(planned.src)) continue;
    const pixels = rasterPixels(planned.image, planned.width);
    if (used + pixels > maxTotalPixels) {
      errors.set(planned.src, totalPixelsMessage(maxTotalPixels));
      continue;
    }
    used += pixels;
    try {
      planned.image.rasterize(planned.width);
    } catch {
      errors.set(planned.src, 'could not rasterise the SVG');
    }
  }
  return errors;
}

const defaultLoader = createImageLoader();

/** True when `fill` leaves no pixel of the shape it fills translucent. */
export function fillIsOpaque(fill: PaintFill): boolean {
  const opaque = (color: string) => parseColor(color)?.a === 1;
  return fill.type === 'color' ? opaque(fill.color) : fill.stops.every((stop) => opaque(stop.color));
}

export async function renderTemplate(
  doc: TemplateDocument,
  input: RenderInput = {},
  options: RenderOptions = {},
): Promise<RenderResult> {
  const { format, quality, width, height } = checkOptions(doc, options);
  const layoutInput = { layers: input.layers ?? {}, variables: input.variables ?? {} };

  let t = performance.now();
  const sources = collectImageSources(resolveDocument(doc, layoutInput));
  const maxTotalPixels = options.maxTotalImagePixels ?? MAX_TOTAL_IMAGE_PIXELS;
  const loaded = await loadAll(sources, options.loadImage ?? defaultLoader, maxTotalPixels);
  const loadMs = performance.now() - t;

  t = performance.now();
  const fonts = options.fonts ?? [];
  if (fonts.length) registerCustomFonts(fonts);
  const env = withCustomFonts(nodeLayoutEnv(), fonts);
  const layoutWith = () =>
    layoutTemplate(doc, layoutInput, { ...env, images: loaded.sizes, imageErrors: loaded.errors });
  let scene = layoutWith();
  let layoutMs = performance.now() - t;

  const scaleX = width / doc.canvas.width;
  const scaleY = height / doc.canvas.height;
  t = performance.now();
  const rasterErrors = rasterizeVectors(scene, loaded, scaleX, scaleY, maxTotalPixels);
  const rasterizeMs = performance.now() - t;
  if (rasterErrors.size > 0) {
    // Laid out again without them, so their layers are empty and report why.
    t = performance.now();
    for (const [src, error] of rasterErrors) {
      loaded.sizes.delete(src);
      loaded.images.delete(src);
      loaded.errors.set(src, error);
    }
    scene = layoutWith();
    layoutMs += performance.now() - t;
  }

  t = performance.now();
  // Painting is source-over only, so an opaque background (or JPEG's white) stays opaque.
  const opaque = format === 'jpeg' || fillIsOpaque(scene.background);
  const surface = createSurface(format, width, height, { quality, opaque });
  const { ctx } = surface;
  // Pinned so shaping does not follow the host's language (locl forms, case mapping).
  ctx.lang = 'en';
  // JPEG has no alpha: what is transparent is shown on white, as image editors export it.
  if (format === 'jpeg') {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
  }
  // The exact ratio, not `scale`: the output size is rounded to whole pixels.
  ctx.scale(scaleX, scaleY);
  const vector = format === 'svg' || format === 'pdf';
  // Scratch surfaces for translucent layers come from the kept canvases and go back once
  // the flush has drawn them (filtered images stay new: paint caches them across renders).
  const scratch: Canvas[] = [];
  paintScene(ctx as unknown as CanvasRenderingContext2D, scene, loaded.images, {
    layerSurfaces: vector
      ? null
      : (w, h) => {
          const canvas = takeCanvas(w, h);
          scratch.push(canvas);
          return canvas;
        },
    imageSurfaces: (w, h) => createCanvas(w, h),
  });
  surface.flush();
  for (const canvas of scratch) keepCanvas(canvas);
  const paintMs = performance.now() - t;

  t = performance.now();
  const data = await surface.finish();
  const encodeMs = performance.now() - t;

  const warnings = [...(scene.diagnostics.warnings ?? []), ...(format === 'svg' ? svgWarnings(scene) : [])];
  return {
    data,
    mime: MIME_TYPES[format],
    width,
    height,
    diagnostics: warnings.length ? { ...scene.diagnostics, warnings } : scene.diagnostics,
    timings: { loadMs, layoutMs, rasterizeMs, paintMs, encodeMs },
  };
}
