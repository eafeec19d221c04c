// @layercast/engine/limits: the Node backend's limits and the checks it makes from headers
// alone. Plain JavaScript that loads no native module (Skia, sharp, resvg) and no font
// parser, so a server process applies the same limits as its render children without
// paying their start-up; `@layercast/engine/node` exports all of it too.
export {
  ImageLoadError,
  MAX_TOTAL_IMAGE_PIXELS,
  allotImagePixels,
  decodeDataUrl,
  totalPixelsMessage,
} from './image-budget';
export { MAX_GIF_FRAMES, MAX_IMAGE_ASPECT, MAX_IMAGE_SIDE, gifFrameCount, imageShapeProblem } from './image-shape';

/** Largest output bitmap: a 1200×630 card at scale 4 is 12 MP; 4096×4096 at scale 1 is 17 MP. */
export const MAX_OUTPUT_PIXELS = 40_000_000;

/** Used when a request names no quality; PNG, SVG and PDF have none. */
export const DEFAULT_QUALITY = { jpeg: 90, webp: 90, avif: 70 } as const;

export type FontFormat = 'ttf' | 'otf' | 'woff' | 'woff2';

export const FONT_MIME_TYPES: Record<FontFormat, string> = {
  ttf: 'font/ttf',
  otf: 'font/otf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

/** Largest font file accepted (CJK families run to 10 MB; anything above is not a font we need). */
export const MAX_FONT_BYTES = 10 * 1024 * 1024;
