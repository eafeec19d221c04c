// Image filters on decoded pixels, in this shared code rather than in each backend's
// `ctx.filter`: the server (Skia via @napi-rs/canvas, also for SVG and PDF output, which
// have no filters) and the editor (Chromium) then compute the same bytes from the same
// decoded image, so parity holds by construction. The colour filters are one 3×4 colour
// matrix per pixel; blur is stackblur, an almost-Gaussian blur whose cost does not grow
// with the radius.
import { imageDataRGBA } from 'stackblur-canvas';
import type { PaintImageFilters } from '../types';
import type { LayerSurface, LayerSurfaceFactory } from './paint';

/** Rows r, g, b of [r, g, b, 1] coefficients, channels 0..1. */
type ColorMatrix = [number[], number[], number[]];

const IDENTITY: ColorMatrix = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
];

/** `a` after `b`: the matrix applying b, then a. */
function compose(a: ColorMatrix, b: ColorMatrix): ColorMatrix {
  return a.map((row) => [
    (row[0] ?? 0) * (b[0]?.[0] ?? 0) + (row[1] ?? 0) * (b[1]?.[0] ?? 0) + (row[2] ?? 0) * (b[2]?.[0] ?? 0),
    (row[0] ?? 0) * (b[0]?.[1] ?? 0) + (row[1] ?? 0) * (b[1]?.[1] ?? 0) + (row[2] ?? 0) * (b[2]?.[1] ?? 0),
    (row[0] ?? 0) * (b[0]?.[2] ?? 0) + (row[1] ?? 0) * (b[1]?.[2] ?? 0) + (row[2] ?? 0) * (b[2]?.[2] ?? 0),
    (row[0] ?? 0) * (b[0]?.[3] ?? 0) +
      (row[1] ?? 0) * (b[1]?.[3] ?? 0) +
      (row[2] ?? 0) * (b[2]?.[3] ?? 0) +
      (row[3] ?? 0),
  ]) as ColorMatrix;
}

/** Rec. 709 luma weights, as CSS `grayscale()` uses. */
const LUMA = [0.2126, 0.7152, 0.0722];

/**
 * The colour filters as one matrix, applied in a fixed order: grayscale, brightness,
 * contrast, tint. Each is the CSS filter of the same name (brightness and contrast as
 * `brightness(1 + b)` and `contrast(1 + c)`); tint recolours the image in shades of its
 * colour (luma × colour, so white becomes the colour), mixed in by its amount.
 */
export function colorMatrixOf(f: PaintImageFilters): ColorMatrix {
  let m = IDENTITY;
  if (f.grayscale > 0) {
    const g = f.grayscale;
    const gray = IDENTITY.map((row) => [...LUMA.map((w, j) => (1 - g) * (row[j] ?? 0) + g * w), 0]);
    m = compose(gray as ColorMatrix, m);
  }
  if (f.brightness !== 0) {
    const k = 1 + f.brightness;
    m = compose(
      [
        [k, 0, 0, 0],
        [0, k, 0, 0],
        [0, 0, k, 0],
      ],
      m,
    );
  }
  if (f.contrast !== 0) {
    const k = 1 + f.contrast;
    const o = 0.5 - 0.5 * k;
    m = compose(
      [
        [k, 0, 0, o],
        [0, k, 0, o],
        [0, 0, k, o],
      ],
      m,
    );
  }
  if (f.tint) {
    const { amount: a } = f.tint;
    const rgb = [f.tint.r / 255, f.tint.g / 255, f.tint.b / 255];
    const tint = IDENTITY.map((row, i) => [...LUMA.map((w, j) => (1 - a) * (row[j] ?? 0) + a * w * (rgb[i] ?? 0)), 0]);
    m = compose(tint as ColorMatrix, m);
  }
  return m;
}

/** Applies `m` to RGBA pixels (straight alpha, as `getImageData` gives them) in place. */
export function applyColorMatrix(data: Uint8ClampedArray, m: ColorMatrix): void {
  const [r, g, b] = m.map((row) => row.map((v, j) => (j === 3 ? v * 255 : v)));
  if (!r || !g || !b) return;
  const [r0 = 0, r1 = 0, r2 = 0, r3 = 0] = r;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0] = g;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = b;
  for (let i = 0; i < data.length; i += 4) {
    const R = data[i] ?? 0;
    const G = data[i + 1] ?? 0;
    const B = data[i + 2] ?? 0;
    // Uint8ClampedArray rounds half to even and clamps: the same in every engine.
    data[i] = r0 * R + r1 * G + r2 * B + r3;
    data[i + 1] = g0 * R + g1 * G + g2 * B + g3;
    data[i + 2] = b0 * R + b1 * G + b2 * B + b3;
  }
}

/** stackblur's tables stop at this radius. */
const MAX_BLUR_RADIUS = 254;

/** A filtered copy of a bitmap, by filters and blur radius; a few per image (a slider drag makes many). */
const cache = new WeakMap<object, Map<string, LayerSurface>>();
const PER_IMAGE = 4;

/**
 * `image` (a `width`×`height` bitmap) with `filters` applied, blurred by `blurPx` of its own
 * pixels, on a surface from `createSurface`. Null when it cannot be done here (no surface,
 * or the browser will not let the page read a cross-origin image's pixels): the caller
 * then draws the image unfiltered.
 */
export function filteredImage(
  image: CanvasImageSource,
  width: number,
  height: number,
  filters: PaintImageFilters,
  blurPx: number,
  createSurface: LayerSurfaceFactory,
): LayerSurface | null {
  const radius = Math.min(MAX_BLUR_RADIUS, Math.round(blurPx));
  const key = JSON.stringify([filters.grayscale, filters.brightness, filters.contrast, filters.tint, radius]);
  let byKey = cache.get(image);
  const hit = byKey?.get(key);
  if (hit) {
    // Most recently used last.
    byKey?.delete(key);
    byKey?.set(key, hit);
    return hit;
  }
  const surface = createSurface(width, height);
  const ctx = surface?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
  if (!surface || !ctx) return null;
  let pixels: ImageData;
  try {
    ctx.drawImage(image, 0, 0, width, height);
    pixels = ctx.getImageData(0, 0, width, height);
  } catch {
    return null;
  }
  if (radius >= 1) imageDataRGBA(pixels, 0, 0, width, height, radius);
  applyColorMatrix(pixels.data, colorMatrixOf(filters));
  ctx.putImageData(pixels, 0, 0);
  if (!byKey) {
    byKey = new Map();
    cache.set(image, byKey);
  }
  byKey.set(key, surface);
  if (byKey.size > PER_IMAGE) {
    const oldest = byKey.keys().next().value;
    if (oldest !== undefined) byKey.delete(oldest);
  }
  return surface;
}
