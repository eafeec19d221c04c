// Shapes of image that are refused from their headers, before anything is decoded: a side
// longer than any canvas draws (1 × 100,000 px passes a pixel budget but costs the scaler and
// the editor's browser more than it shows), an aspect ratio beyond any real picture, and GIFs
// with more frames than an image layer will ever show (only the first frame is drawn).

/** Longest side accepted, in pixels (browsers' canvas limit; 4× the largest output). */
export const MAX_IMAGE_SIDE = 16_384;
/** Longest side over shortest side. A 1 px rule 1,000 px long passes. */
export const MAX_IMAGE_ASPECT = 1_000;
/** Frames of an animated GIF. */
export const MAX_GIF_FRAMES = 1_000;

/** Why an image of this size and these bytes is refused, or undefined. */
export function imageShapeProblem(
  format: string,
  width: number,
  height: number,
  bytes: Uint8Array,
): string | undefined {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return `the image is ${width}×${height} pixels; each side may be at most ${MAX_IMAGE_SIDE}`;
  }
  if (Math.max(width, height) / Math.min(width, height) > MAX_IMAGE_ASPECT) {
    return `the image is ${width}×${height} pixels; its sides may differ at most ${MAX_IMAGE_ASPECT}:1`;
  }
  if (format === 'gif') {
    const frames = gifFrameCount(bytes, MAX_GIF_FRAMES + 1);
    if (frames > MAX_GIF_FRAMES) return `the GIF has more than ${MAX_GIF_FRAMES} frames; only the first is drawn`;
  }
  return undefined;
}

/**
 * Counts a GIF's image descriptors, up to `stop`, by walking its blocks (GIF89a spec: header,
 * optional colour table, then extensions and images made of length-prefixed sub-blocks). Reads
 * lengths only, never pixel data: linear in the number of blocks. A truncated file counts what
 * it has; the decoder then decides.
 */
export function gifFrameCount(bytes: Uint8Array, stop = Number.POSITIVE_INFINITY): number {
  if (bytes.length < 13) return 0;
  let at = 13;
  const screenFlags = bytes[10] ?? 0;
  if (screenFlags & 0x80) at += 3 * 2 ** ((screenFlags & 0x07) + 1);
  const skipSubBlocks = () => {
    while (at < bytes.length) {
      const size = bytes[at] ?? 0;
      at += 1 + size;
      if (size === 0) return;
    }
  };
  let frames = 0;
  while (at < bytes.length && frames < stop) {
    const block = bytes[at];
    if (block === 0x2c) {
      frames++;
      const flags = bytes[at + 9] ?? 0;
      at += 10;
      if (flags & 0x80) at += 3 * 2 ** ((flags & 0x07) + 1);
      at += 1; // LZW minimum code size
      skipSubBlocks();
    } else if (block === 0x21) {
      at += 2; // introducer and label
      skipSubBlocks();
    } else break; // 0x3b trailer, or bytes that are not a block
  }
  return frames;
}
