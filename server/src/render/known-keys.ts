// The cache key each recently answered GET /api/render query had, by its query string, so a
// repeated request skips validating its overrides and hashing them. A key is only ever a
// guess: it is valid while the template is at the version, and its owner at the fonts
// revision, it was worked out for, and the route reads both (with the render row for the
// key) on every request, so a save, a font change, a template made private or deleted, or a
// render row swept away (on any node) is seen by the next request, which then takes the
// full path. Nothing here is ever served without that read.
import { LRUCache } from 'lru-cache';

export interface KnownKey {
  /** The query's template and whether it is signed, as the query string says. */
  templateId: string;
  signed: boolean;
  /** The template's current version when the key was worked out (a `version=` query pins another). */
  templateVersion: number;
  fontsRevision: number;
  cacheKey: string;
}

/** Query strings are at most 16 KB: the budget counts characters, so many long queries cannot pile up. */
const MAX_CHARS = 8 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

export class KnownKeys {
  readonly #cache = new LRUCache<string, KnownKey>({
    max: MAX_ENTRIES,
    maxSize: MAX_CHARS,
    sizeCalculation: (value, query) => query.length + value.cacheKey.length + 64,
  });

  get(querystring: string): KnownKey | undefined {
    return this.#cache.get(querystring);
  }

  set(querystring: string, key: KnownKey): void {
    this.#cache.set(querystring, key);
  }

  /** Forgets a guess that no longer holds, so the next request does not try it again. */
  delete(querystring: string): void {
    this.#cache.delete(querystring);
  }
}
