// What a render may hold in images and the data: URL decoder: plain JavaScript with no
// native module, so a server process can apply the same budget from the headers without
// loading Skia (`@layercast/engine/limits`).

/** A failure with a short reason that is safe to show to whoever sent the template. */
export class ImageLoadError extends Error {
  override name = 'ImageLoadError';
}

/** Throws the reason as an ImageLoadError. */
export function fail(reason: string): never {
  throw new ImageLoadError(reason);
}

/**
 * Decoded pixels one render may hold for its images (4 bytes each: 200 MB). One image may
 * have 25 MP, but a small template can name many: ten 1 KB WebPs of 4900×4900 took a
 * render child from 150 MB to 1.16 GB. The output bitmap is capped on its own
 * (MAX_OUTPUT_PIXELS), and so is the data: URL cache (DEFAULT_DATA_URL_CACHE).
 */
export const MAX_TOTAL_IMAGE_PIXELS = 50_000_000;

export function totalPixelsMessage(maxTotalPixels: number): string {
  return `the images of this template exceed ${Math.round(maxTotalPixels / 1e5) / 10} megapixels in total`;
}

/**
 * Which images of a render fit the budget: in drawing order (the order of
 * `collectImageSources`: background image, then layers bottom to top), each image whose
 * pixels still fit is admitted; one that would pass the total is left out and later, smaller
 * ones may still fit. `undefined` (an image that failed anyway) takes nothing. Deterministic,
 * so the server's parent (which sees the fetched bytes) and the render child agree.
 */
export function allotImagePixels(
  pixels: readonly (number | undefined)[],
  maxTotalPixels = MAX_TOTAL_IMAGE_PIXELS,
): boolean[] {
  let used = 0;
  return pixels.map((n) => {
    if (n === undefined) return false;
    if (used + n > maxTotalPixels) return false;
    used += n;
    return true;
  });
}

/** `%XX` escapes to bytes; other characters as UTF-8, as browsers read non-base64 data: URLs. */
function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else {
      const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
    }
  }
  return Buffer.from(bytes);
}

export function decodeDataUrl(src: string): Buffer {
  const comma = src.indexOf(',');
  if (comma < 0) fail('invalid data URL: expected data:<type>;base64,<data>');
  const meta = src.slice(5, comma).trim().toLowerCase();
  const payload = src.slice(comma + 1);
  if (meta.endsWith(';base64')) {
    const clean = payload.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean))
      fail('invalid data URL: the base64 data has characters outside the base64 alphabet');
    return Buffer.from(clean, 'base64');
  }
  return percentDecode(payload);
}
