// Gathers the bytes of every image a render needs before the job goes to a child: remote
// URLs through the guarded fetcher, this server's own uploads from the asset store (a
// fetch to ourselves would be refused as loopback), data: URLs left to the engine's
// decoder. Failures become per-source reasons that the engine reports in diagnostics.
// The render's pixel budget is applied here too, from the headers, with the engine's own
// rule and order, so bytes that the child would refuse are not even sent to it.
import { MAX_TOTAL_IMAGE_PIXELS, allotImagePixels, decodeDataUrl, totalPixelsMessage } from '@layercast/engine/limits';
import { LRUCache } from 'lru-cache';
import type { FetchLease, ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError, budgetPixels, inspectImage } from '../fetch/image-bytes';
import { readAssetBytes } from '../assets/assets.service';
import type { BlobStore } from '../storage/blob-store';

/**
 * Pixels by the header of recent data: URLs (undefined: refused). A template's inlined logo
 * is the same string in every render of it, and decoding its base64 to read a header cost
 * more than the rest of gathering. Bounded by the URLs' total length.
 */
const dataUrlPixels = new LRUCache<string, { pixels: number | undefined }>({
  maxSize: 16_000_000,
  sizeCalculation: (_value, src) => Math.max(1, src.length),
});

async function dataUrlHeaderPixels(src: string): Promise<number | undefined> {
  const known = dataUrlPixels.get(src);
  if (known) return known.pixels;
  const pixels = await headerPixels(decodeDataUrl(src.trim()));
  dataUrlPixels.set(src, { pixels });
  return pixels;
}

/** Reads ahead the headers of a render's `data:` URL images, as gathering them will (warm-templates.ts). */
export async function readDataUrlHeaders(sources: readonly string[]): Promise<void> {
  for (const src of sources) {
    if (/^data:/i.test(src)) await dataUrlHeaderPixels(src);
  }
}

/** More distinct remote images than this in one render is refused per source. */
export const MAX_REMOTE_IMAGES = 20;

export interface GatheredImages {
  images: Record<string, Uint8Array>;
  imageErrors: Record<string, string>;
  /** A failure that may pass (timeout, network, upstream status): the render is not reused. */
  transientFailure: boolean;
}

const TRANSIENT = new Set(['timeout', 'network', 'http_status']);

const ASSET_PATH = /^\/api\/assets\/([A-Za-z0-9_-]{22}\.(?:png|jpg|webp|gif|svg))$/;

/** The asset file name when `src` points at this server's uploads (relative or at `origin`). */
export function assetFileOf(src: string, origins: readonly string[]): string | undefined {
  let path = src;
  for (const origin of origins) {
    if (src.startsWith(`${origin}/`)) {
      path = src.slice(origin.length);
      break;
    }
  }
  return ASSET_PATH.exec(path)?.[1];
}

/**
 * Pixels by the header, for bytes the engine will accept (same types and per-image limit);
 * undefined for anything it will refuse anyway, which then counts for nothing on both sides.
 */
async function headerPixels(bytes: Uint8Array): Promise<number | undefined> {
  try {
    return budgetPixels(await inspectImage(bytes));
  } catch {
    return undefined;
  }
}

export async function gatherImages(
  sources: readonly string[],
  options: { fetcher: ImageFetcher; lease?: FetchLease; storage: BlobStore; origins: readonly string[] },
): Promise<GatheredImages> {
  const out: GatheredImages = { images: {}, imageErrors: {}, transientFailure: false };
  const pixels: (number | undefined)[] = sources.map(() => undefined);
  let remote = 0;
  await Promise.all(
    sources.map(async (src, i) => {
      const asset = assetFileOf(src, options.origins);
      try {
        if (asset) {
          const bytes = await readAssetBytes(options.storage, asset);
          if (!bytes) {
            out.imageErrors[src] = 'no uploaded asset has this URL';
            return;
          }
          out.images[src] = bytes;
          pixels[i] = await headerPixels(bytes);
        } else if (/^https?:/i.test(src)) {
          if (++remote > MAX_REMOTE_IMAGES) {
            out.imageErrors[src] = `at most ${MAX_REMOTE_IMAGES} remote images are fetched per render`;
            return;
          }
          const image = await options.fetcher.fetchImage(src, options.lease);
          out.images[src] = image.bytes;
          pixels[i] = budgetPixels(image);
        } else if (/^data:/i.test(src)) {
          // Decoded by the engine in the child; here only its header is read, for the budget.
          pixels[i] = await dataUrlHeaderPixels(src);
        }
        // Anything else (paths, other schemes) is for the engine's loader to refuse.
      } catch (error) {
        // The server is out of room for fetched bytes: the whole request is shed, not drawn without.
        if (error instanceof ImageSourceError && error.problem === 'busy') throw error;
        if (src.slice(0, 5).toLowerCase() === 'data:') return; // unreadable: the child says why
        out.imageErrors[src] = error instanceof ImageSourceError ? error.message : 'the image could not be fetched';
        if (!(error instanceof ImageSourceError) || TRANSIENT.has(error.problem)) out.transientFailure = true;
      }
    }),
  );
  const admitted = allotImagePixels(pixels, MAX_TOTAL_IMAGE_PIXELS);
  sources.forEach((src, i) => {
    if (pixels[i] === undefined || admitted[i]) return;
    delete out.images[src];
    out.imageErrors[src] = totalPixelsMessage(MAX_TOTAL_IMAGE_PIXELS);
  });
  return out;
}
