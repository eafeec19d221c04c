// Parsed template documents by (id, version). A render — above all a cache hit of a popular
// og:image URL — needs the template's document, and parsing it (JSON, then migrate and
// validate with zod; a logo inlined as a data: URL makes it tens of KB) cost more than the rest
// of the hit. A saved version never changes, so a parsed one is reused until evicted; the row's
// version is still read on every request, so a save (on any node) is seen at once.
import type { TemplateDocument } from '@layercast/shared';
import { LRUCache } from 'lru-cache';

/** Deep-freezes a parsed document: a cached one is shared by every request that renders it. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) freeze(inner);
  }
  return value;
}

export class TemplateDocuments {
  readonly #cache: LRUCache<string, TemplateDocument>;

  constructor(maxEntries: number) {
    this.#cache = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  get(id: string, version: number): TemplateDocument | undefined {
    return this.#cache.get(`${id}:${version}`);
  }

  set(id: string, version: number, document: TemplateDocument): TemplateDocument {
    const frozen = freeze(document);
    this.#cache.set(`${id}:${version}`, frozen);
    return frozen;
  }

  get size(): number {
    return this.#cache.size;
  }
}
