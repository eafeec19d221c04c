// A small LRU of decoded images. Templates embed their assets as data: URLs and a
// server renders the same template over and over, so decoding the same logo on every
// render is wasted work (~2–3 ms of a ~20 ms PNG render). Bounded by decoded pixels and
// by the total length of the keys, since a data: URL key can be a megabyte long.
export interface DecodedCacheLimits {
  /** Total decoded pixels kept (4 bytes each in memory). */
  maxPixels: number;
  /** Total characters of the source strings used as keys. */
  maxKeyChars: number;
}

interface Entry<T> {
  value: T;
  pixels: number;
}

export class DecodedCache<T extends { width: number; height: number }> {
  private readonly entries = new Map<string, Entry<T>>();
  private pixels = 0;
  private keyChars = 0;

  constructor(private readonly limits: DecodedCacheLimits) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T): void {
    const pixels = value.width * value.height;
    if (pixels > this.limits.maxPixels || key.length > this.limits.maxKeyChars) return;
    this.delete(key);
    this.entries.set(key, { value, pixels });
    this.pixels += pixels;
    this.keyChars += key.length;
    for (const oldest of this.entries.keys()) {
      if (this.pixels <= this.limits.maxPixels && this.keyChars <= this.limits.maxKeyChars) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.pixels -= entry.pixels;
    this.keyChars -= key.length;
  }
}
