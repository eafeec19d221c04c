import { type CornerRadius, type ImageCrop, type ImageFilters, type ImageLayer, parseColor } from '@layercast/shared';
import type { CornerRadii, PaintImageFilters, Rect } from '../types';

type Fit = ImageLayer['objectFit'];

/**
 * Source and destination rectangles for an image of natural size `iw`×`ih` in a
 * `w`×`h` box, CSS object-fit semantics with `pos` as object-position (0..1 each axis).
 */
export function fitImage(
  iw: number,
  ih: number,
  w: number,
  h: number,
  fit: Fit,
  pos: { x: number; y: number },
): { source: Rect; dest: Rect } {
  switch (fit) {
    case 'fill':
      return { source: { x: 0, y: 0, width: iw, height: ih }, dest: { x: 0, y: 0, width: w, height: h } };
    case 'contain': {
      const s = Math.min(w / iw, h / ih);
      const dw = iw * s;
      const dh = ih * s;
      return {
        source: { x: 0, y: 0, width: iw, height: ih },
        dest: { x: (w - dw) * pos.x, y: (h - dh) * pos.y, width: dw, height: dh },
      };
    }
    case 'cover': {
      const s = Math.max(w / iw, h / ih);
      const sw = w / s;
      const sh = h / s;
      return {
        source: { x: (iw - sw) * pos.x, y: (ih - sh) * pos.y, width: sw, height: sh },
        dest: { x: 0, y: 0, width: w, height: h },
      };
    }
    case 'none': {
      // Natural size; cropped on an axis where the image is larger than the box.
      const axis = (natural: number, box: number, p: number) =>
        natural > box
          ? { src: (natural - box) * p, size: box, dst: 0 }
          : { src: 0, size: natural, dst: (box - natural) * p };
      const ax = axis(iw, w, pos.x);
      const ay = axis(ih, h, pos.y);
      return {
        source: { x: ax.src, y: ay.src, width: ax.size, height: ay.size },
        dest: { x: ax.dst, y: ay.dst, width: ax.size, height: ay.size },
      };
    }
  }
}

/**
 * `fitImage` of the part of the image `crop` selects (fractions of its natural size): the
 * cropped part is what `objectFit` fits, and its source rectangle is moved back into the
 * whole image's pixels. Fractions are clamped, so a crop a rounding error past the edge
 * still samples only the image.
 */
export function fitCroppedImage(
  iw: number,
  ih: number,
  crop: ImageCrop | undefined,
  w: number,
  h: number,
  fit: Fit,
  pos: { x: number; y: number },
): { source: Rect; dest: Rect } {
  if (!crop) return fitImage(iw, ih, w, h, fit, pos);
  const x0 = clamp01(crop.x) * iw;
  const y0 = clamp01(crop.y) * ih;
  const cw = Math.max(Math.min(crop.width * iw, iw - x0), Number.EPSILON);
  const ch = Math.max(Math.min(crop.height * ih, ih - y0), Number.EPSILON);
  const fitted = fitImage(cw, ch, w, h, fit, pos);
  return { ...fitted, source: { ...fitted.source, x: fitted.source.x + x0, y: fitted.source.y + y0 } };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The four corner radii of a `borderRadius` (one for all, or top-left, top-right, bottom-right, bottom-left). */
export function cornerRadii(radius: CornerRadius): CornerRadii {
  return typeof radius === 'number' ? [radius, radius, radius, radius] : [...radius];
}

/** Filters with their neutral values filled in; null when none changes a pixel. */
export function paintFilters(filters: ImageFilters | undefined): PaintImageFilters | null {
  if (!filters) return null;
  const tintColor = filters.tint ? parseColor(filters.tint.color) : null;
  const tint =
    filters.tint && tintColor && filters.tint.amount > 0
      ? { r: tintColor.r, g: tintColor.g, b: tintColor.b, amount: filters.tint.amount * tintColor.a }
      : null;
  const resolved: PaintImageFilters = {
    grayscale: filters.grayscale ?? 0,
    brightness: filters.brightness ?? 0,
    contrast: filters.contrast ?? 0,
    blur: filters.blur ?? 0,
    tint,
  };
  const neutral =
    resolved.grayscale === 0 &&
    resolved.brightness === 0 &&
    resolved.contrast === 0 &&
    resolved.blur === 0 &&
    resolved.tint === null;
  return neutral ? null : resolved;
}
