// Gathers the bytes of every image a render needs before the job goes to a child: remote
// URLs through the guarded fetcher, this server's own uploads from the asset store (a
// fetch to ourselves would be refused as loopback), data: URLs left to the engine's
// decoder. Failures become per-source reasons that the engine reports in diagnostics.
import type { ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError } from '../fetch/image-bytes';
import { readAssetBytes } from './asset-store';

/** More distinct remote images than this in one render is refused per source. */
export const MAX_REMOTE_IMAGES = 20;

export interface GatheredImages {
  images: Record<string, Uint8Array>;
  imageErrors: Record<string, string>;
  /** A failure that may pass (timeout, network, upstream status): the render is not reused. */
  transientFailure: boolean;
}

const TRANSIENT = new Set(['timeout', 'network', 'http_status']);

const ASSET_PATH = /^\/api\/assets\/([A-Za-z0-9_-]{22}\.(?:png|jpg|webp|gif))$/;

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

export async function gatherImages(
  sources: readonly string[],
  options: { fetcher: ImageFetcher; dataDir: string; origins: readonly string[] },
): Promise<GatheredImages> {
  const out: GatheredImages = { images: {}, imageErrors: {}, transientFailure: false };
  let remote = 0;
  await Promise.all(
    sources.map(async (src) => {
      const asset = assetFileOf(src, options.origins);
      try {
        if (asset) {
          const bytes = await readAssetBytes(options.dataDir, asset);
          if (bytes) out.images[src] = bytes;
          else out.imageErrors[src] = 'no uploaded asset has this URL';
        } else if (/^https?:/i.test(src)) {
          if (++remote > MAX_REMOTE_IMAGES) {
            out.imageErrors[src] = `at most ${MAX_REMOTE_IMAGES} remote images are fetched per render`;
            return;
          }
          out.images[src] = (await options.fetcher.fetchImage(src)).bytes;
        }
        // Anything else (data: URLs, paths) is for the engine's loader to decode or refuse.
      } catch (error) {
        out.imageErrors[src] = error instanceof ImageSourceError ? error.message : 'the image could not be fetched';
        if (!(error instanceof ImageSourceError) || TRANSIENT.has(error.problem)) out.transientFailure = true;
      }
    }),
  );
  return out;
}
