// Decides what a buffer of image bytes is, from its magic bytes and header alone, before
// anything decodes it: a declared Content-Type or file name is never trusted.
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { MAX_SVG_BYTES, looksLikeSvg } from '@layercast/engine';
import { imageShapeProblem } from '@layercast/engine/limits';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 25_000_000;

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/svg+xml';

const ALLOWED: Record<string, { mime: ImageMime; ext: string }> = {
  png: { mime: 'image/png', ext: 'png' },
  jpg: { mime: 'image/jpeg', ext: 'jpg' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
};

export type ImageProblem =
  | 'bad_url'
  | 'blocked_address'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'http_status'
  | 'unsupported_type'
  | 'too_many_pixels'
  | 'unreadable'
  | 'network'
  /** The server's budget of fetched bytes in flight is spent: the request is shed (503). */
  | 'busy';

/** Why an image could not be used. The message is safe to show a client. */
export class ImageSourceError extends Error {
  constructor(
    readonly problem: ImageProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ImageSourceError';
  }
}

export interface ImageInfo {
  mime: ImageMime;
  ext: string;
  width: number;
  height: number;
}

export interface CheckedImage extends ImageInfo {
  bytes: Buffer;
}

/** Type by magic bytes, dimensions from the header; throws ImageSourceError. */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new ImageSourceError('too_large', `the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  const type = await fileTypeFromBuffer(bytes);
  // SVG is text: file-type finds nothing, or XML when it has a declaration.
  if ((!type || type.ext === 'xml') && looksLikeSvg(bytes)) return await inspectSvg(bytes);
  const allowed = type ? ALLOWED[type.ext] : undefined;
  if (!allowed) {
    throw new ImageSourceError('unsupported_type', 'expected a PNG, JPEG, WebP, GIF or SVG image');
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new ImageSourceError('unreadable', 'the image header could not be read');
  }
  const { width, height } = size;
  if (!width || !height) throw new ImageSourceError('unreadable', 'the image has no dimensions');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageSourceError(
      'too_many_pixels',
      `the image is ${width}×${height}; at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted`,
    );
  }
  const shape = imageShapeProblem(allowed.ext, width, height, bytes);
  if (shape) throw new ImageSourceError('too_many_pixels', shape);
  return { ...allowed, width, height };
}

/**
 * An SVG is checked as the engine will check it (size, limits, no external references) and
 * parsed once for its intrinsic size: at most a megabyte, so a fraction of a second at worst.
 */
async function inspectSvg(bytes: Uint8Array): Promise<ImageInfo> {
  if (bytes.byteLength > MAX_SVG_BYTES)
    throw new ImageSourceError('too_large', `the SVG is larger than ${MAX_SVG_BYTES / 1e6} MB`);
  // resvg loads with the first SVG: a server that never sees one does not start it.
  const { SvgError, parseSvg } = await import('@layercast/engine/node');
  try {
    const { width, height } = parseSvg(bytes);
    return { mime: 'image/svg+xml', ext: 'svg', width: Math.ceil(width), height: Math.ceil(height) };
  } catch (error) {
    if (error instanceof SvgError) throw new ImageSourceError('unreadable', error.message);
    throw error;
  }
}

/**
 * Pixels decoding allocates, for a render's budget. An SVG has none until the child
 * rasterises it for a layer, and it budgets those rasters itself.
 */
export const budgetPixels = (info: ImageInfo) => (info.mime === 'image/svg+xml' ? 0 : info.width * info.height);
