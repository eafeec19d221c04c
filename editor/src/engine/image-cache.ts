// Decoded images by source, shared by every view. Loads start when a document needs a
// source and each settled load bumps `version`, so layouts that depend on sizes rerun.
import { type BrowserImage, loadBrowserImage } from '@layercast/engine/browser';
import { createStore } from 'zustand/vanilla';

type Entry =
  | { status: 'loading' }
  | { status: 'loaded'; image: BrowserImage['image']; width: number; height: number }
  | { status: 'error'; error: string };

interface ImageCacheState {
  entries: ReadonlyMap<string, Entry>;
  version: number;
}

export const imageCache = createStore<ImageCacheState>()(() => ({ entries: new Map(), version: 0 }));

function settle(src: string, entry: Entry) {
  const entries = new Map(imageCache.getState().entries);
  entries.set(src, entry);
  imageCache.setState((s) => ({ entries, version: s.version + 1 }));
}

/** Starts loading every source not yet known; returns at once. */
export function requestImages(srcs: readonly string[]): void {
  const missing = srcs.filter((src) => !imageCache.getState().entries.has(src));
  if (missing.length === 0) return;
  const entries = new Map(imageCache.getState().entries);
  for (const src of missing) entries.set(src, { status: 'loading' });
  imageCache.setState({ entries });
  for (const src of missing) {
    loadBrowserImage(src).then(
      (loaded) => settle(src, { status: 'loaded', ...loaded }),
      (error: unknown) =>
        settle(src, { status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
  }
}

/** Forgets a failed source so the next request tries again (after the user fixed the URL). */
export function retryImage(src: string): void {
  const entries = new Map(imageCache.getState().entries);
  if (entries.get(src)?.status === 'error') {
    entries.delete(src);
    imageCache.setState({ entries });
  }
}

export interface ImageMaps {
  images: Map<string, BrowserImage['image']>;
  sizes: Map<string, { width: number; height: number }>;
  errors: Map<string, string>;
  pending: number;
}

export function imageMaps(entries: ReadonlyMap<string, Entry>, srcs: readonly string[]): ImageMaps {
  const out: ImageMaps = { images: new Map(), sizes: new Map(), errors: new Map(), pending: 0 };
  for (const src of srcs) {
    const e = entries.get(src);
    if (!e || e.status === 'loading') out.pending++;
    else if (e.status === 'loaded') {
      out.images.set(src, e.image);
      out.sizes.set(src, { width: e.width, height: e.height });
    } else out.errors.set(src, e.error);
  }
  return out;
}
