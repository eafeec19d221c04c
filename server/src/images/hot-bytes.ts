// The bytes of recently served images, in memory, bounded in megabytes. A popular og:image URL
// is answered without touching the disk or the bucket: no stat, no read. Entries are keyed by
// object key and ETag, so bytes stored again under the same key (a render restored after its
// file was lost) are never confused with the old ones; the row lookup that precedes every use
// still decides whether the image exists at all.
import { LRUCache } from 'lru-cache';

export class HotBytes {
  readonly #cache: LRUCache<string, Buffer> | undefined;

  constructor(maxBytes: number) {
    this.#cache =
      maxBytes > 0
        ? new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.byteLength) })
        : undefined;
  }

  get(key: string, etag: string): Buffer | undefined {
    return this.#cache?.get(`${key}\n${etag}`);
  }

  /** Keeps `bytes` unless they alone would take more than a quarter of the budget. */
  set(key: string, etag: string, bytes: Buffer): void {
    const cache = this.#cache;
    if (!cache || bytes.byteLength > cache.maxSize / 4) return;
    cache.set(`${key}\n${etag}`, bytes);
  }

  get bytes(): number {
    return this.#cache?.calculatedSize ?? 0;
  }
}
