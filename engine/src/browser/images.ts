// Image loading for layout and paint in the browser. Layout needs natural sizes, paint the
// decoded image; failures are reported by source so the editor can show why a layer is empty.
import type { ImageErrors, ImageSizes, PaintImages } from '../types';

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

/** Loads one image source; remote images are tried with CORS first so the canvas stays untainted. */
export async function loadBrowserImage(src: string, options: LoadImageOptions = {}): Promise<HTMLImageElement> {
  const url = options.resolveUrl ? options.resolveUrl(src) : src;
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (sameOrigin(url)) return loadOne(url, false, timeoutMs);
  try {
    return await loadOne(url, true, timeoutMs);
  } catch {
    // Without CORS headers the image still shows in the editor (it only taints exports).
    return loadOne(url, false, timeoutMs);
  }
}

/** Loads every source in parallel; one failure never stops the others. */
export async function loadBrowserImages(
  srcs: readonly string[],
  options: LoadImageOptions = {},
): Promise<LoadedImages> {
  const images = new Map<string, HTMLImageElement>();
  const sizes = new Map<string, { width: number; height: number }>();
  const errors = new Map<string, string>();
  await Promise.all(
    srcs.map(async (src) => {
      try {
        const img = await loadBrowserImage(src, options);
        images.set(src, img);
        sizes.set(src, { width: img.naturalWidth, height: img.naturalHeight });
      } catch (error) {
        errors.set(src, error instanceof Error ? error.message : String(error));
      }
    }),
  );
  return { images, sizes, errors };
}
