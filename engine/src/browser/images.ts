// Image loading for layout and paint in the browser. Layout needs natural sizes, paint the
// decoded image; failures are reported by source so the editor can show why a layer is empty.
// SVG is decided by the bytes, as on the server, and drawn by resvg (./svg), never by the
// browser's own SVG renderer.
import { type VectorImage, looksLikeSvg } from '../svg';
import type { ImageErrors, ImageSizes, PaintImages } from '../types';
import { parseBrowserSvg } from './svg';

/** A loaded image: a bitmap, or an SVG the painter rasterises at the size it is drawn. */
export interface BrowserImage {
  image: HTMLImageElement | VectorImage;
  width: number;
  height: number;
}

export interface LoadedImages {
  images: PaintImages;
  sizes: ImageSizes;
  errors: ImageErrors;
}

export interface LoadImageOptions {
  /**
   * Maps a document's `src` to the URL the browser fetches (for example a same-origin
   * proxy for remote images, so the canvas stays exportable). Identity when omitted.
   */
  resolveUrl?: (src: string) => string;
  /** Aborts when the image takes longer than this. */
  timeoutMs?: number;
}

function loadOne(url: string, crossOrigin: boolean, timeoutMs: number): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    if (crossOrigin) img.crossOrigin = 'anonymous';
    const timer = setTimeout(() => {
      img.src = '';
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    img.onload = () => {
      clearTimeout(timer);
      if (img.naturalWidth === 0 || img.naturalHeight === 0) reject(new Error('the image has no pixels'));
      else resolve(img);
    };
    img.onerror = () => {
      clearTimeout(timer);
      reject(new Error('the image could not be loaded or decoded'));
    };
    img.src = url;
  });
}

const sameOrigin = (url: string) => {
  try {
    return new URL(url, location.href).origin === location.origin || url.startsWith('data:') || url.startsWith('blob:');
  } catch {
    return false;
  }
};

const bitmap = (img: HTMLImageElement): BrowserImage => ({
  image: img,
  width: img.naturalWidth,
  height: img.naturalHeight,
});

async function vector(bytes: Uint8Array): Promise<BrowserImage> {
  const image = await parseBrowserSvg(bytes);
  return { image, width: image.width, height: image.height };
}

/** The bytes of a URL the page may read (same origin or CORS), or undefined. */
async function readBytes(url: string, timeoutMs: number): Promise<Uint8Array | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), credentials: 'same-origin' });
    if (!response.ok) return undefined;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return undefined;
  }
}

/**
 * Loads one image source. Its bytes are read first when the page may read them (data: URLs,
 * this server's uploads, remote images served with CORS) to tell an SVG from a bitmap, and a
 * bitmap is then decoded from those bytes; other remote images load as before, tried with
 * CORS first so the canvas stays untainted (an SVG among them is drawn by the browser).
 */
export async function loadBrowserImage(src: string, options: LoadImageOptions = {}): Promise<BrowserImage> {
  const url = options.resolveUrl ? options.resolveUrl(src) : src;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const bytes = await readBytes(url, timeoutMs);
  if (bytes) {
    if (looksLikeSvg(bytes)) return vector(bytes);
    const blobUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    try {
      return bitmap(await loadOne(blobUrl, false, timeoutMs));
    } finally {
      URL.revokeObjectURL(blobUrl);
    }
  }
  if (sameOrigin(url)) return bitmap(await loadOne(url, false, timeoutMs));
  try {
    return bitmap(await loadOne(url, true, timeoutMs));
  } catch {
    // Without CORS headers the image still shows in the editor (it only taints exports).
    return bitmap(await loadOne(url, false, timeoutMs));
  }
}

/** Loads every source in parallel; one failure never stops the others. */
export async function loadBrowserImages(
  srcs: readonly string[],
  options: LoadImageOptions = {},
): Promise<LoadedImages> {
  const images = new Map<string, BrowserImage['image']>();
  const sizes = new Map<string, { width: number; height: number }>();
  const errors = new Map<string, string>();
  await Promise.all(
    srcs.map(async (src) => {
      try {
        const loaded = await loadBrowserImage(src, options);
        images.set(src, loaded.image);
        sizes.set(src, { width: loaded.width, height: loaded.height });
      } catch (error) {
        errors.set(src, error instanceof Error ? error.message : String(error));
      }
    }),
  );
  return { images, sizes, errors };
}
