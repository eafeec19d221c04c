// Crop mode's geometry, in the image layer's local frame (origin at its box's top left,
// before rotation). The whole source image lies at `image`; `crop` is the rectangle of it
// that will show. Committing turns the pair into the layer's `crop` fractions and makes the
// layer's box the crop rectangle, so the image stays where it was on the canvas.
import type { ImageNode } from '@layercast/engine';
import type { ImageCrop, ImageLayer, Layer } from '@layercast/shared';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropDraft {
  image: Box;
  crop: Box;
}

/** The smallest crop rectangle, in canvas pixels. */
export const MIN_CROP_SIZE = 8;

/** Where the whole image and the visible part of it lie now (the engine's fitted rectangles). */
export function startCrop(node: ImageNode, natural: { width: number; height: number }): CropDraft | null {
  if (!node.draw) return null;
  const { source, dest } = node.draw;
  const kx = dest.width / source.width;
  const ky = dest.height / source.height;
  return {
    image: {
      x: dest.x - source.x * kx,
      y: dest.y - source.y * ky,
      width: natural.width * kx,
      height: natural.height * ky,
    },
    crop: { ...dest },
  };
}

/** The image moved to (x, y), kept covering the crop rectangle. */
export function moveImage(draft: CropDraft, x: number, y: number): CropDraft {
  const { image, crop } = draft;
  return {
    ...draft,
    image: {
      ...image,
      x: clamp(x, crop.x + crop.width - image.width, crop.x),
      y: clamp(y, crop.y + crop.height - image.height, crop.y),
    },
  };
}

/** A new crop rectangle, kept inside the image and at least `MIN_CROP_SIZE` wide and high. */
export function resizeCrop(draft: CropDraft, box: Box): CropDraft {
  const { image } = draft;
  const x0 = clamp(box.x, image.x, image.x + image.width - MIN_CROP_SIZE);
  const y0 = clamp(box.y, image.y, image.y + image.height - MIN_CROP_SIZE);
  const x1 = clamp(box.x + box.width, x0 + MIN_CROP_SIZE, image.x + image.width);
  const y1 = clamp(box.y + box.height, y0 + MIN_CROP_SIZE, image.y + image.height);
  return { ...draft, crop: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

const clamp = (v: number, min: number, max: number) => Math.min(Math.max(v, min), max);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The crop as fractions of the image, rounded and kept inside it. */
export function cropFractions(draft: CropDraft): ImageCrop {
  const { image, crop } = draft;
  const width = clamp(round(crop.width / image.width, 5), 0.00001, 1);
  const height = clamp(round(crop.height / image.height, 5), 0.00001, 1);
  return {
    x: clamp(round((crop.x - image.x) / image.width, 5), 0, 1 - width),
    y: clamp(round((crop.y - image.y) / image.height, 5), 0, 1 - height),
    width,
    height,
  };
}

/**
 * The layer after the crop: its box becomes the crop rectangle (same rotation, same centre
 * of the crop on the canvas), the crop fractions are stored, and a natural-size fit becomes
 * cover (the crop is now fitted to a box of its own shape).
 */
export function commitCrop(layer: ImageLayer, node: ImageNode, draft: CropDraft): Layer {
  const { crop } = draft;
  const [a, b, c, d, e, f] = node.frame.matrix;
  const cx = crop.x + crop.width / 2;
  const cy = crop.y + crop.height / 2;
  const centreX = a * cx + c * cy + e;
  const centreY = b * cx + d * cy + f;
  return {
    ...layer,
    x: round(centreX - crop.width / 2, 2),
    y: round(centreY - crop.height / 2, 2),
    width: Math.max(1, round(crop.width, 2)),
    height: Math.max(1, round(crop.height, 2)),
    objectFit: layer.objectFit === 'none' ? 'cover' : layer.objectFit,
    crop: cropFractions(draft),
  };
}
