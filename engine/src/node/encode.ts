// Raster encoders for a painted canvas. Each format takes the fastest path measured on
// the benchmark card (bench/encoders.ts, numbers in docs/engine-node.md):
// - PNG: straight RGBA read back with getImageData, RGB when every pixel is opaque,
//   encoded by sharp (libspng + zlib-ng) at level 4 without adaptive filtering: ~11× faster
//   than Skia's own encoder and about half its size; it also runs off the main thread.
// - JPEG: sharp (libjpeg-turbo) without its second, Huffman-optimising pass: about twice
//   as fast as Skia's encoder for 9 % more bytes, and off the main thread.
// - WebP: sharp at effort 2 (about twice as fast as Skia's encoder, same size).
// - AVIF: Skia's encoder at its fastest speed.
import type { Canvas } from '@napi-rs/canvas';
import { DEFAULT_QUALITY } from './limits';
import sharp, { type Sharp } from 'sharp';

export const RASTER_FORMATS = ['png', 'jpeg', 'webp', 'avif'] as const;
export const OUTPUT_FORMATS = [...RASTER_FORMATS, 'svg', 'pdf'] as const;
export type RasterFormat = (typeof RASTER_FORMATS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const MIME_TYPES: Record<OutputFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};

export interface EncodeOptions {
  /** 1–100 for jpeg, webp and avif. */
  quality?: number;
  /**
   * True when the caller knows every pixel is opaque (render.ts: an opaque background, or
   * JPEG's white, under source-over painting): the alpha channel is dropped without
   * scanning the pixels for it (~1 ms at 1200×630).
   */
  opaque?: boolean;
}

/** True when every alpha byte of straight RGBA pixels is 255. */
export function isOpaque(rgba: Uint8Array): boolean {
  // Whole 32-bit words are ~4× faster to scan; alpha is the high byte on little-endian hosts.
  if (rgba.byteOffset % 4 === 0 && new Uint8Array(new Uint32Array([1]).buffer)[0] === 1) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.byteLength >>> 2);
    for (let i = 0; i < words.length; i++) if ((words[i] as number) < 0xff000000) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

/**
 * The canvas's pixels as straight (not premultiplied) RGBA, in a sharp pipeline; the
 * alpha channel is dropped when it says nothing, which makes every encoder faster.
 */
function sharpFromCanvas(canvas: Canvas, opaque: boolean | undefined): Sharp {
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const pixels = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const image = sharp(pixels, { raw: { width, height, channels: 4 } });
  return opaque || isOpaque(pixels) ? image.removeAlpha() : image;
}

function qualityOf(format: keyof typeof DEFAULT_QUALITY, quality: number | undefined): number {
  const q = quality ?? DEFAULT_QUALITY[format];
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new RangeError('quality: expected a whole number from 1 to 100');
  return q;
}

export async function encodeCanvas(canvas: Canvas, format: RasterFormat, options: EncodeOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'png':
      return sharpFromCanvas(canvas, options.opaque).png({ compressionLevel: 4, adaptiveFiltering: false }).toBuffer();
    case 'jpeg':
      return sharpFromCanvas(canvas, options.opaque)
        .jpeg({ quality: qualityOf('jpeg', options.quality), optimiseCoding: false })
        .toBuffer();
    case 'webp':
      return sharpFromCanvas(canvas, options.opaque)
        .webp({ quality: qualityOf('webp', options.quality), effort: 2 })
        .toBuffer();
    case 'avif':
      return canvas.encode('avif', { quality: qualityOf('avif', options.quality), speed: 10 });
    default: {
      const never: never = format;
      throw new RangeError(`format: unsupported ${String(never)}`);
    }
  }
}
