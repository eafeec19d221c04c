// Cards from a URL (seed 003): the page is fetched through the guarded fetcher (the same
// address checks as images on every hop, 5 s, the first 2 MB of HTML), its metadata parsed,
// and kept for a while so a repeat costs no fetch. Its values fill the template's `page.*`
// variables; explicit variables win.
import type { GenerateResponse, TemplateDocument, VariableValues } from '@layercast/shared';
import { LRUCache } from 'lru-cache';
import { validationError } from '../errors';
import type { FetchLease, FileKind, ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError } from '../fetch/image-bytes';
import { type PageMetadata, parsePageMetadata } from './page-metadata';

/** The variables a page fills, by the metadata field they come from. */
export const PAGE_VARIABLES = {
  'page.title': 'title',
  'page.description': 'description',
  'page.image': 'image',
  'page.siteName': 'siteName',
  'page.favicon': 'favicon',
  'page.url': 'url',
  'page.author': 'author',
  'page.publishedAt': 'publishedAt',
} as const satisfies Record<string, keyof PageMetadata>;

const PAGE: FileKind = {
  noun: 'page',
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  maxBytes: 2 * 1024 * 1024,
  truncate: true,
};

export interface PagesOptions {
  /** How long a page's metadata is reused (default 10 minutes). */
  ttlMs?: number;
}

export type PagesService = ReturnType<typeof createPagesService>;

export function createPagesService(fetcher: ImageFetcher, options: PagesOptions = {}) {
  const cache = new LRUCache<string, PageMetadata>({ max: 1000, ttl: options.ttlMs ?? 10 * 60 * 1000 });
  const inflight = new Map<string, Promise<PageMetadata>>();

  async function load(url: string, lease: FetchLease): Promise<PageMetadata> {
    let body: Buffer;
    try {
      body = await fetcher.fetchFile(url, PAGE, lease);
    } catch (error) {
      if (error instanceof ImageSourceError && error.problem !== 'busy') {
        throw validationError('invalid_request', [{ path: 'url', message: error.message }]);
      }
      throw error;
    }
    return parsePageMetadata(new TextDecoder('utf-8').decode(body), url);
  }

  return {
    /** The page's metadata, from the cache when it was read within the TTL. */
    async metadata(url: string, lease: FetchLease): Promise<PageMetadata> {
      const hit = cache.get(url);
      if (hit) return hit;
      let pending = inflight.get(url);
      if (!pending) {
        pending = load(url, lease).finally(() => inflight.delete(url));
        inflight.set(url, pending);
      }
      const meta = await pending;
      cache.set(url, meta);
      return meta;
    },
  };
}

/**
 * The page's values for the `page.*` variables the template declares, under the request's
 * own values (which win).
 */
export function withPageVariables(doc: TemplateDocument, meta: PageMetadata, explicit: unknown): unknown {
  const declared = new Set(doc.variables.map((v) => v.name));
  const fromPage: VariableValues = {};
  for (const [name, field] of Object.entries(PAGE_VARIABLES)) {
    const value = meta[field];
    if (declared.has(name) && value !== undefined) fromPage[name] = value;
  }
  if (explicit === undefined || explicit === null) return fromPage;
  if (typeof explicit !== 'object' || Array.isArray(explicit)) return explicit;
  return { ...fromPage, ...explicit };
}

/** The `source` of a generate answer made from a URL. */
export function sourceOf(meta: PageMetadata): NonNullable<GenerateResponse['source']> {
  return {
    url: meta.url,
    title: meta.title ?? null,
    description: meta.description ?? null,
    image: meta.image ?? null,
    favicon: meta.favicon ?? null,
    siteName: meta.siteName ?? null,
  };
}
